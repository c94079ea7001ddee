/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import static net.gwha.impl.config.Fixtures.clusterBuilder;
import static net.gwha.impl.config.Fixtures.clusters;
import static net.gwha.impl.config.Fixtures.gateway;
import static net.gwha.impl.config.Fixtures.ipv6Builder;
import static net.gwha.impl.config.Fixtures.vips;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.gwha.impl.engine.Ipv6;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.opendaylight.yangtools.binding.util.BindingMap;

/**
 * Every text of one IPv6 address is that address: RFC 4291 allows either case, leading zeros, "::" for any run of
 * zero groups, and the last 32 bits as a dotted quad. The validator compares addresses, never texts.
 */
class Ipv6TextPropertiesTest {
    @Property
    void everyTextParsesToTheSameAddress(@ForAll("groups") final int[] groups, @ForAll final Random random) {
        final var address = Ipv6.parse(text(groups, new Random(0)));
        assertEquals(address, Ipv6.parse(text(groups, random)));
        assertEquals(address, Ipv6.parse(address.toString()));
    }

    @Property
    void aVipInTwoTextsIsOneVipInTwoClusters(@ForAll("groups") final int[] groups, @ForAll final Random random) {
        final var mine = text(groups, random);
        final var theirs = text(groups, random);
        final var violations = ClusterValidator.validate(clusters(
            ipv6Builder().setVirtualIp(vips(mine)).build(),
            clusterBuilder("w6", 7, vips(theirs),
                gateway("gw1", null, "fe80::71", "02:00:00:00:07:11", "openflow:7", 1),
                gateway("gw2", null, "fe80::72", "02:00:00:00:07:12", "openflow:7", 2)).build()));
        assertEquals(List.of("v6", "w6"), violations.stream().map(Violation::cluster).toList(), violations::toString);
        assertTrue(violations.getFirst().problem().startsWith(mine + " is also a virtual-ip of cluster 'w6'"),
            violations::toString);
    }

    @Property
    void aLinkLocalVipInAnotherTextIsTheGatewaysAddress(@ForAll("groups") final int[] groups,
            @ForAll final Random random) {
        final int[] linkLocal = groups.clone();
        linkLocal[0] = 0xfe80;
        final var violations = ClusterValidator.validate(clusters(ipv6Builder().setVirtualIp(vips(
            text(linkLocal, random))).setGateway(BindingMap.of(
                gateway("gw1", null, text(linkLocal, random), "02:00:00:00:06:11", "openflow:6", 1),
                gateway("gw2", null, "fe80::62", "02:00:00:00:06:12", "openflow:6", 2))).build()));
        // unless the random address is the other gateway's
        if (!Ipv6.parse("fe80::62").equals(Ipv6.parse(text(linkLocal, new Random(0))))) {
            assertEquals(1, violations.size(), violations::toString);
            assertTrue(violations.getFirst().problem().contains(" equals the ipv6-link-local of gateway 'gw1'"),
                violations::toString);
        }
    }

    /** The eight groups of a global address in 2001:db8::/32, with runs of zero groups. */
    @Provide
    Arbitrary<int[]> groups() {
        final Arbitrary<Integer> group = Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(0)),
            Tuple.of(1, Arbitraries.integers().between(0, 0xFFFF)));
        return group.list().ofSize(6).map(rest -> {
            final int[] groups = new int[8];
            groups[0] = 0x2001;
            groups[1] = 0x0db8;
            for (int i = 0; i < 6; i++) {
                groups[i + 2] = rest.get(i);
            }
            return groups;
        });
    }

    /** One of the texts of the address: random case and leading zeros, maybe "::", maybe a dotted quad. */
    private static String text(final int[] groups, final Random random) {
        final boolean quad = random.nextInt(4) == 0;
        final int hexGroups = quad ? 6 : 8;
        final var hex = new ArrayList<String>();
        for (int i = 0; i < hexGroups; i++) {
            final var digits = new StringBuilder(Integer.toHexString(groups[i]));
            while (digits.length() < 4 && random.nextBoolean()) {
                digits.insert(0, '0');
            }
            hex.add(random.nextBoolean() ? digits.toString().toUpperCase(Locale.ROOT) : digits.toString());
        }
        // a run of zero groups to write as "::", if any and if chosen
        int start = -1;
        int end = -1;
        if (random.nextInt(3) > 0) {
            final var zeros = new ArrayList<Integer>();
            for (int i = 0; i < hexGroups; i++) {
                if (groups[i] == 0) {
                    zeros.add(i);
                }
            }
            if (!zeros.isEmpty()) {
                start = zeros.get(random.nextInt(zeros.size()));
                end = start + 1;
                while (end < hexGroups && groups[end] == 0 && random.nextBoolean()) {
                    end++;
                }
            }
        }
        final var tail = new ArrayList<>(hex.subList(end < 0 ? 0 : end, hexGroups));
        if (quad) {
            final var octets = HexFormat.of().parseHex(String.format("%04x%04x", groups[6], groups[7]));
            tail.add((octets[0] & 0xFF) + "." + (octets[1] & 0xFF) + "." + (octets[2] & 0xFF) + "."
                + (octets[3] & 0xFF));
        }
        return start < 0 ? String.join(":", tail)
            : String.join(":", hex.subList(0, start)) + "::" + String.join(":", tail);
    }
}
