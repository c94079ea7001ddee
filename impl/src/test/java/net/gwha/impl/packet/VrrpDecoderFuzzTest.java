/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.gwha.impl.packet.VrrpDecodeResult.Malformed;
import net.gwha.impl.packet.VrrpDecodeResult.NotVrrp;
import org.junit.jupiter.api.Test;

/**
 * The decoder against arbitrary bytes: it never throws, and whatever it accepts is a valid advertisement by an
 * independent reading of the same bytes.
 *
 * <p>In every build ({@code mvn test}) this runs in Jazzer's regression mode: once per file in
 * {@code src/test/resources/net/gwha/impl/packet/VrrpDecoderFuzzTestInputs/decode/} (raw frames: the
 * keepalived captures over IPv4 and IPv6, ours and the lab's, tagged and padded variants, malformations, Neighbor
 * Discovery) and once with an empty input.
 *
 * <p>To fuzz for real (coverage-guided, one fuzz test per JVM), from {@code impl/}:
 * <pre>
 *   JAZZER_FUZZ=1 mvn -o test -Dtest=VrrpDecoderFuzzTest -Djazzer.hooks=true -Djacoco.skip=true \
 *       -Dsft.skip=true -Dodlparent.spotbugs.skip=true -Dodlparent.checkstyle.skip=true
 * </pre>
 * It stops after {@code maxDuration} below (change it there for a longer run) or at the first finding, which
 * Jazzer writes as a new file into the inputs directory above, so that it becomes a regression case; commit it
 * with the fix. Its own growing corpus goes to {@code impl/.cifuzz-corpus/} (ignored by git).
 */
class VrrpDecoderFuzzTest {
    /** Our names for advertisements: keepalived's captures (ours and the lab's) and their variants. */
    private static final Pattern NAMED_ADVERTISEMENT = Pattern.compile("(keepalived|lab-keepalived|v3)-.*");
    /** Our names for IPv6 advertisements: keepalived's IPv6 captures and their variants. */
    private static final Pattern NAMED_IPV6_ADVERTISEMENT = Pattern.compile("(keepalived-v6|v6)-.*");

    @FuzzTest(maxDuration = "60s")
    void decode(final byte @NotNull [] frame) {
        final byte[] copy = frame.clone();
        final VrrpDecodeResult result = VrrpDecoder.decode(frame);
        if (result instanceof VrrpAdvertisement advertisement) {
            TestFrames.assertRevalidates(frame, advertisement);
        } else if (result instanceof Ipv6VrrpAdvertisement advertisement) {
            TestFrames.assertRevalidates6(frame, advertisement);
        }
        assertArrayEquals(copy, frame, "the decoder wrote to its input");
    }

    /**
     * The seeds we named say what they are: {@code malformed-*} and {@code *-unicast} are malformed, {@code arp} and
     * Neighbor Discovery ({@code nd-*}) are not VRRP, the captures and their variants are advertisements (IPv6 ones
     * for {@code keepalived-v6-*} and {@code v6-*}). Files Jazzer adds for a finding carry its own
     * names: they only have to decode without throwing, like every seed (and the regression run above holds them to
     * the rest of the decoder's contract). However many files the corpus grows to, each kind we named is there.
     */
    @Test
    void fuzzSeedsAreWhatTheirNamesSay() throws IOException, URISyntaxException {
        final Path seeds = Path.of(VrrpDecoderFuzzTest.class.getResource("VrrpDecoderFuzzTestInputs/decode").toURI());
        final var kinds = new HashMap<Class<?>, Integer>();
        try (Stream<Path> files = Files.list(seeds)) {
            for (Path file : files.toList()) {
                final String name = file.getFileName().toString();
                final VrrpDecodeResult result = VrrpDecoder.decode(Files.readAllBytes(file));
                final Class<?> expected = name.startsWith("malformed-") || name.endsWith("-unicast") ? Malformed.class
                    : name.equals("arp") || name.startsWith("nd-") ? NotVrrp.class
                    : NAMED_IPV6_ADVERTISEMENT.matcher(name).matches() ? Ipv6VrrpAdvertisement.class
                    : NAMED_ADVERTISEMENT.matcher(name).matches() ? VrrpAdvertisement.class : null;
                if (expected != null) {
                    assertInstanceOf(expected, result, name);
                    kinds.merge(expected, 1, Integer::sum);
                }
            }
        }
        assertEquals(Set.of(Malformed.class, NotVrrp.class, VrrpAdvertisement.class, Ipv6VrrpAdvertisement.class),
            kinds.keySet(), kinds.toString());
    }
}
