/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.util.Optional;

/**
 * The Neighbor Discovery decoder against arbitrary bytes: it never throws, whatever it accepts passes RFC 4861's
 * checks by an independent reading of the same bytes, the answer built to an accepted solicitation decodes back
 * to an advertisement for its target, and a Router Advertisement passed on as the virtual router's decodes to the
 * same one with the virtual MAC as its link-layer address.
 *
 * <p>Runs like {@link VrrpDecoderFuzzTest}: in every build once per file in
 * {@code src/test/resources/net/gwha/impl/packet/NeighborDiscoveryFuzzTestInputs/decode/} (the captured solicitations
 * and advertisements of Linux, keepalived and radvd, and tagged variants), coverage-guided with {@code JAZZER_FUZZ=1}
 * and {@code -Dtest=NeighborDiscoveryFuzzTest}.
 */
class NeighborDiscoveryFuzzTest {
    private static final Mac VIRTUAL_MAC = Mac.parse("00:00:5e:00:02:3d");

    @FuzzTest(maxDuration = "60s")
    void decode(final byte @NotNull [] frame) {
        final byte[] copy = frame.clone();
        final NdDecodeResult result = NeighborDiscovery.decode(frame);
        NeighborDiscoveryTest.assertRevalidates(frame, result);
        if (result instanceof NeighborSolicitation solicitation) {
            final var answer = NeighborDiscovery.decode(NeighborDiscovery.answer(solicitation, VIRTUAL_MAC));
            if (!(answer instanceof NeighborAdvertisement advertisement)
                    || !advertisement.target().equals(solicitation.target())
                    || !advertisement.targetLinkLayer().equals(Optional.of(VIRTUAL_MAC))) {
                throw new AssertionError("answer to " + solicitation + " decodes to " + answer);
            }
        }
        final var passed = NeighborDiscovery.fromVirtualRouter(frame, VIRTUAL_MAC);
        if (passed.isPresent() && !(result instanceof RouterAdvertisement)) {
            throw new AssertionError("passed on what is no Router Advertisement: " + result);
        }
        if (passed.isPresent() && result instanceof RouterAdvertisement sent) {
            final var heard = NeighborDiscovery.decode(passed.orElseThrow());
            final var expected = new RouterAdvertisement(sent.srcMac(), sent.vlanTags(), sent.source(),
                sent.currentHopLimit(), sent.routerLifetimeSeconds(),
                sent.sourceLinkLayer().map(mac -> VIRTUAL_MAC));
            if (!expected.equals(heard)) {
                throw new AssertionError(sent + " passed on as " + heard);
            }
        }
        assertArrayEquals(copy, frame, "the decoder wrote to its input");
    }
}
