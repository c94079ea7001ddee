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
import java.util.List;
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
 * keepalived captures, ours and the lab's, tagged and padded variants, malformations) and once with an empty input.
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
    @FuzzTest(maxDuration = "60s")
    void decode(final byte @NotNull [] frame) {
        final byte[] copy = frame.clone();
        final VrrpDecodeResult result = VrrpDecoder.decode(frame);
        if (result instanceof VrrpAdvertisement advertisement) {
            TestFrames.assertRevalidates(frame, advertisement);
        }
        assertArrayEquals(copy, frame, "the decoder wrote to its input");
    }

    @Test
    void fuzzSeedsAreWhatTheirNamesSay() throws IOException, URISyntaxException {
        final Path seeds = Path.of(VrrpDecoderFuzzTest.class.getResource("VrrpDecoderFuzzTestInputs/decode").toURI());
        try (Stream<Path> files = Files.list(seeds)) {
            final List<Path> all = files.toList();
            assertEquals(28, all.size());
            for (Path file : all) {
                final String name = file.getFileName().toString();
                final Class<?> expected = name.startsWith("malformed-") || name.endsWith("-unicast") ? Malformed.class
                    : name.equals("arp") ? NotVrrp.class : VrrpAdvertisement.class;
                assertInstanceOf(expected, VrrpDecoder.decode(Files.readAllBytes(file)), name);
            }
        }
    }
}
