/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.Clusters;

/**
 * Checks a proposed {@code clusters} configuration for what the YANG types cannot express and OpenDaylight's
 * datastore does not enforce ({@code must}, {@code min-elements}, uniqueness across list entries, and ranges, which
 * the bindings check in their builders but not when they decode what the DOM API wrote).
 *
 * <p>{@link #validate(Clusters)} is a pure function of the complete proposed container: no datastore, no state.
 * It never throws on odd input (absent mandatory leaves are themselves reported), so a commit cohort can call it
 * on any proposal.
 *
 * <p>What it accepts, the engine runs: every precondition of the engine's configuration ({@link EngineConfigs},
 * {@code ClusterConfig}, {@code GatewayConfig}, {@code DetectorConfig}) is a rule here, or is guaranteed by the
 * model's types (names are never empty: their typedefs' length and pattern are checked even when decoding).
 *
 * <p>The rules, in the order their violations are listed for each cluster:
 * <ol>
 *   <li>{@link ValueRules#requiredValues}: mandatory leaves, at least one virtual IP, and each gateway's address of
 *       every family the cluster has virtual IPs of are present</li>
 *   <li>{@link ValueRules#outOfRange}: every number is within its YANG range</li>
 *   <li>{@link ValueRules#tooFewGateways}: at least two gateways</li>
 *   <li>{@link IpAddressRules#ipv6WithIpRewrite}: a cluster with IPv6 virtual IPs does not steer by
 *       mac-and-ip-rewrite</li>
 *   <li>{@link IpAddressRules#unusableAddresses}: virtual IPs and gateway addresses are unicast host addresses
 *       without zone, a gateway's IPv6 address link-local</li>
 *   <li>{@link IpAddressRules#virtualIpEqualsGatewayAddress}: no virtual IP is the address of any gateway, of any
 *       cluster</li>
 *   <li>{@link IpAddressRules#virtualIpListedTwice}: no virtual IP is listed twice in other words</li>
 *   <li>{@link IpAddressRules#virtualIpInTwoClusters}: no virtual IP belongs to two clusters, a link-local one to
 *       no two on one VLAN</li>
 *   <li>{@link IpAddressRules#duplicateGatewayAddresses}: no two gateways of a cluster share an address of either
 *       family</li>
 *   <li>{@link MacAddressRules#duplicateGatewayMacs}: no two gateways of a cluster share a MAC</li>
 *   <li>{@link SwitchRules#sharedSwitchPorts}: no two gateways of a cluster on one switch port; clusters that
 *       share a port have different VRIDs or VLANs</li>
 *   <li>{@link SwitchRules#nonOpenflowNodeIds}: attachment node ids and switches are openflowplugin node ids</li>
 *   <li>{@link MacAddressRules#groupMacs}: the virtual MACs and gateway MACs are unicast</li>
 *   <li>{@link MacAddressRules#virtualMacEqualsGatewayMac}: no virtual MAC is a gateway's MAC, of any cluster</li>
 *   <li>{@link SwitchRules#vridTwiceOnSwitch}: two clusters with one VRID do not share a gateway switch,
 *       unless they are on two VLANs</li>
 *   <li>{@link SwitchRules#virtualMacTwiceOnSwitch}: two clusters with one virtual MAC (of either family) do not
 *       share any switch, unless they are on two VLANs</li>
 *   <li>{@link TimingRules#heartbeatNotAdvertisable}: the heartbeat interval fits a VRRPv3 advertisement</li>
 *   <li>{@link TimingRules#deadIntervalTooShort}: the dead interval is longer than the heartbeat interval</li>
 *   <li>{@link TimingRules#floorTooShort}: the adaptive detector's floor is longer than the heartbeat interval</li>
 *   <li>{@link TimingRules#floorNotShorterThanDeadInterval}: the adaptive detector's floor is shorter than the dead
 *       interval</li>
 * </ol>
 *
 * <p>Order: violations are grouped by cluster name, then listed in rule order; within a rule, by virtual IP or
 * gateway name, then by the other cluster's name. A conflict between two clusters is reported on each of them,
 * worded from its side, so a caller that shows only the clusters a transaction touched still sees it.
 */
public final class ClusterValidator {
    /** One rule: appends its violations for all clusters, which are sorted by name. */
    @FunctionalInterface
    private interface Rule {
        void check(List<ClusterUnderCheck> clusters, List<Violation> out);
    }

    private static final List<Rule> RULES = List.of(
        ValueRules::requiredValues,
        ValueRules::outOfRange,
        ValueRules::tooFewGateways,
        IpAddressRules::ipv6WithIpRewrite,
        IpAddressRules::unusableAddresses,
        IpAddressRules::virtualIpEqualsGatewayAddress,
        IpAddressRules::virtualIpListedTwice,
        IpAddressRules::virtualIpInTwoClusters,
        IpAddressRules::duplicateGatewayAddresses,
        MacAddressRules::duplicateGatewayMacs,
        SwitchRules::sharedSwitchPorts,
        SwitchRules::nonOpenflowNodeIds,
        MacAddressRules::groupMacs,
        MacAddressRules::virtualMacEqualsGatewayMac,
        SwitchRules::vridTwiceOnSwitch,
        SwitchRules::virtualMacTwiceOnSwitch,
        TimingRules::heartbeatNotAdvertisable,
        TimingRules::deadIntervalTooShort,
        TimingRules::floorTooShort,
        TimingRules::floorNotShorterThanDeadInterval);

    private ClusterValidator() {
        // utility class
    }

    /**
     * Checks a complete proposed configuration.
     *
     * @param clusters the proposed {@code clusters} container; {@code null} or empty when there is none
     * @return the violations in a deterministic order, empty when the configuration is valid
     */
    public static List<Violation> validate(final @Nullable Clusters clusters) {
        if (clusters == null) {
            return List.of();
        }
        final var views = clusters.nonnullCluster().values().stream()
            .map(ClusterUnderCheck::of)
            .sorted(Comparator.comparing(ClusterUnderCheck::name))
            .toList();
        final var out = new ArrayList<Violation>();
        for (var rule : RULES) {
            rule.check(views, out);
        }
        // stable: within a cluster, rule order is kept
        out.sort(Comparator.comparing(Violation::cluster));
        return List.copyOf(out);
    }
}
