/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.packet;

/**
 * One VLAN tag of an Ethernet frame, as it was on the wire, so that an answer can go back under the same tags.
 *
 * @param tpid the tag protocol identifier: {@link Protocols#ETHERTYPE_VLAN} (802.1Q) or
 *     {@link Protocols#ETHERTYPE_QINQ} (802.1ad, the outer tag of QinQ)
 * @param tci the tag control information: priority (3 bits), drop eligible (1 bit), VLAN id (12 bits)
 */
public record VlanTag(int tpid, int tci) {
    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if {@code tpid} is not a VLAN TPID, or {@code tci} does not fit 16 bits
     */
    public VlanTag {
        if (tpid != Protocols.ETHERTYPE_VLAN && tpid != Protocols.ETHERTYPE_QINQ) {
            throw new IllegalArgumentException("Not a VLAN TPID: 0x" + Integer.toHexString(tpid));
        }
        if (tci < 0 || tci > 0xFFFF) {
            throw new IllegalArgumentException("A tag control information has 16 bits, not " + tci);
        }
    }

    /** The VLAN id, 0 (priority-tagged) to 4095. */
    public int vlanId() {
        return tci & 0xFFF;
    }
}
