/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.systemtest;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The lab of scripts/lab: a private Open vSwitch in its own namespace, a client and four gateways as namespaces,
 * keepalived on every gateway as the heartbeat sender, all in 192.0.2.0/24 under a per-run prefix. Gateways gw1..gw3
 * sit on openflow:1 ports 11..13 (priorities 200, 150, 100), gw4 on openflow:2 port 14 (priority 50).
 *
 * <p>Also there, silent until a test starts their keepalived: a second LAN on openflow:2 (198.51.100.0/24, client2,
 * gw5 and gw6 on ports 15 and 16, priorities 200 and 150, VIP 198.51.100.254, the same VRID 51) and an ordinary VRRP
 * pair on openflow:1 (r1 on port 21 with priority 200, r2 on port 22 with 100, VRID 77, VIP 192.0.2.200) that
 * belongs to no cluster.
 *
 * <p>gw1..gw4 also run a second VRRP group on the same interface, as a router pair with one group per subnet does:
 * VRID 52 for {@value #GROUP2_VIP}, priorities 250 minus their first group's (gw1 50, gw2 100, gw3 150, gw4 200).
 * Where no cluster has VRID 52 those advertisements belong to nobody (punted from a gateway's port and counted as
 * unattributed, or forwarded between ports that are no cluster's).
 */
final class Lab {
    static final String VIP = "192.0.2.254";
    static final String VIP2 = "198.51.100.254";
    /** The second VRRP group gw1..gw4 run on the same eth0: VRID 52. */
    static final String GROUP2_VIP = "192.0.2.253";
    /** The VLANs of {@link #upVlanTrunks()}. */
    static final int VLAN_A = 10;
    static final int VLAN_B = 20;
    static final String VLAN_B_VIP = "203.0.113.254";
    /** The IPv6 virtual IPs of {@link #upIpv6()}: the virtual link-local, the hosts' router, and a global one. */
    static final String VLL6 = "fe80::1";
    static final String VIP6 = "2001:db8:0:1::fe";
    /** Behind every gateway of {@link #upIpv6()} (on lo of each): reached through the client's IPv6 router. */
    static final String OUTSIDE6 = "2001:db8:0:ff::1";
    /** The hosts only some tests want heard. */
    static final List<String> EXTRAS = List.of("gw5", "gw6", "r1", "r2");

    private final Map<String, String> env;

    Lab(final int openflowPort, final String advertIntervalSeconds) {
        this('t', "tcp:127.0.0.1:" + openflowPort, advertIntervalSeconds);
    }

    /**
     * A lab whose switches connect to every controller target given.
     *
     * @param initial the first letter of its names, the rest random
     * @param controllers {@code tcp:ADDRESS:PORT}, comma-separated: target I of {@link #ctlCutTo(List, int...)}
     */
    Lab(final char initial, final String controllers, final String advertIntervalSeconds) {
        env = Map.of(
            "LAB_PREFIX", initial + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt(0x10000)),
            "LAB_ADVERT_INT", advertIntervalSeconds,
            "LAB_CONTROLLER", controllers,
            "LAB_GATEWAYS", "gw1 gw2 gw3 gw4");
    }

    void up() {
        lab(300, "up", "--gateways", "gw1,gw2,gw3,gw4", "--lan2", "--vrrp-pair", "--group2");
        EXTRAS.forEach(this::stopKeepalived);
    }

    /** Gateways gw1..gw4 alone, without the second LAN and the VRRP pair. */
    void upGatewaysOnly() {
        lab(300, "up", "--gateways", "gw1,gw2,gw3,gw4");
    }

    /**
     * Gateways gw1..gw3 on VLAN trunks: VLAN {@value #VLAN_A} is LAN 1 as usual (the client, {@value #VIP}), VLAN
     * {@value #VLAN_B} is 203.0.113.0/24 (client3, {@value #VLAN_B_VIP}, the "second group" of
     * {@link #vipAnswersFrom(String, int, boolean)}), each gateway running one keepalived instance per VLAN with the
     * same VRID 51, priorities 200, 150, 100 on VLAN A and 50, 100, 150 on VLAN B.
     */
    void upVlanTrunks() {
        lab(300, "up", "--gateways", "gw1,gw2,gw3", "--vlans", VLAN_A + "," + VLAN_B);
    }

    /**
     * Gateways gw1..gw3 on LAN 1 with IPv6 as well: each a link-local fe80::1N, a second keepalived instance (VRID 51,
     * {@code native_ipv6}) for the virtual link-local {@value #VLL6} and {@value #VIP6}, the client routing through
     * {@value #VLL6}.
     */
    void upIpv6() {
        lab(300, "up", "--gateways", "gw1,gw2,gw3", "--ipv6");
    }

    /**
     * {@link #upIpv6()} with radvd on every gateway advertising the virtual link-local {@value #VLL6} (on eth0) with
     * radvd's default source link-layer option, the sender's own MAC: the client has no configured IPv6 route and
     * learns its router from the RAs, as the controller passes them on.
     */
    void upIpv6Radvd() {
        lab(300, "up", "--gateways", "gw1,gw2,gw3", "--ipv6", "--radvd-source-ll");
    }

    /**
     * {@link #upIpv6()} with every gateway's keepalived, both instances, running with {@code use_vmac}, and radvd
     * advertising the virtual link-local from keepalived's IPv6 macvlan, where that address is.
     */
    void upIpv6UseVmac() {
        lab(300, "up", "--gateways", "gw1,gw2,gw3", "--ipv6", "--use-vmac", "--radvd-source-ll");
    }

    /** The host's network interfaces, one a line, as {@code ip -o link show} prints them. */
    String links(final String host) {
        return lab(30, "exec", host, "ip", "-o", "link", "show").strip();
    }

    void down() {
        lab(120, "down");
    }

    /** The run directory, in the command line of every process the lab starts. */
    String runDirectory() {
        return "/tmp/gwha-lab-" + env.get("LAB_PREFIX");
    }

    /** The host's IPv6 neighbour entry for an address on its eth0, as {@code ip -6 neigh show} prints it. */
    String ipv6Neighbour(final String host, final String address) {
        return lab(30, "exec", host, "ip", "-6", "neigh", "show", address, "dev", "eth0").strip();
    }

    /**
     * Sends one Router Solicitation from the host's link-local address (scripts/lib/ndisc.py) and returns the Router
     * Advertisements it heard within the wait, in order: {@code eth_src}, {@code src}, {@code dst}, {@code sll} (the
     * source link-layer option, null without one), {@code router_lifetime} and {@code ms} since the solicitation.
     * radvd answers unicast to the host's link-local address; unsolicited RAs go to ff02::1.
     */
    List<JsonObject> solicitRouter(final String host, final int waitMillis) {
        return lab(30 + waitMillis / 1000, "solicit-router", host, Integer.toString(waitMillis)).lines()
            .filter(line -> line.startsWith("{")).map(line -> JsonParser.parseString(line).getAsJsonObject())
            .filter(json -> json.has("src")).toList();
    }

    /** The host's IPv6 default routes, as {@code ip -6 route show default} prints them. */
    String ipv6DefaultRoutes(final String host) {
        return lab(30, "exec", host, "ip", "-6", "route", "show", "default").strip();
    }

    void waitConnected(final int seconds) {
        lab(seconds + 10L, "wait-connected", Integer.toString(seconds));
    }

    /** Whether the gateway's VIP answers from it (20 answers in a row) within the time: gw5, gw6 to client2. */
    boolean vipAnswersFrom(final String gateway, final int seconds) {
        return vipAnswersFrom(gateway, seconds, false);
    }

    /** The same, for the second group's VIP ({@value #GROUP2_VIP}) when {@code group2}. */
    boolean vipAnswersFrom(final String gateway, final int seconds, final boolean group2) {
        final var args = new ArrayList<>(List.of("wait-vip", gateway, Integer.toString(seconds)));
        if (group2) {
            args.add("--group2");
        }
        return Scripts.run(env, seconds + 10L, "lab", args.toArray(String[]::new)).exitCode() == 0;
    }

    /** Whether {@value #VIP6} answers from the gateway (20 answers in a row) within the time. */
    boolean ipv6VipAnswersFrom(final String gateway, final int seconds) {
        return Scripts.run(env, seconds + 10L, "lab", "wait-vip", gateway, Integer.toString(seconds), "--ipv6")
            .exitCode() == 0;
    }

    void freeze(final String gateway) {
        lab(30, "freeze", gateway);
    }

    void thaw(final String gateway) {
        lab(30, "thaw", gateway);
    }

    void stopKeepalived(final String gateway) {
        lab(30, "stop-keepalived", gateway);
    }

    void startKeepalived(final String gateway) {
        lab(30, "start-keepalived", gateway);
    }

    /**
     * Restarts the gateway's keepalived with {@code use_vmac} (advertisements and gratuitous ARPs from the virtual
     * MAC, the VIPs on its macvlan) or without (the VIPs on lo), and waits until it holds its VIP again.
     */
    void useVmac(final String gateway, final boolean on) {
        lab(30, "use-vmac", gateway, on ? "on" : "off");
    }

    /** Starts the gateway's keepalived if it is not running. */
    void ensureKeepalived(final String gateway) {
        Scripts.run(env, 30, "lab", "start-keepalived", gateway);
    }

    /** Stops the gateway's radvd as an operator would: its last RAs carry router lifetime 0. */
    void stopRadvd(final String gateway) {
        lab(30, "stop-radvd", gateway);
    }

    /** Starts the gateway's radvd if it is not running. */
    void ensureRadvd(final String gateway) {
        lab(30, "start-radvd", gateway);
    }

    void linkDown(final String gateway) {
        lab(30, "link-down", gateway);
    }

    void linkUp(final String gateway) {
        lab(30, "link-up", gateway);
    }

    void flap(final String gateway, final int periodMillis, final int seconds) {
        lab(seconds + 30L, "flap", gateway, Integer.toString(periodMillis), Integer.toString(seconds));
    }

    void restartSwitch() {
        lab(60, "restart-switch");
    }

    /** The host forgets every neighbour it has not been told of for good, the VIP's MAC with them: it asks again. */
    void forgetNeighbours(final String host) {
        lab(30, "exec", host, "ip", "neigh", "flush", "dev", "eth0");
    }

    /** The VRRP state keepalived last reported on the host: MASTER, BACKUP, FAULT, STOP or UNKNOWN. */
    String vrrpState(final String host) {
        return lab(30, "vrrp-state", host).strip();
    }

    /** Drops the OpenFlow connections of the switches (1, 2) until {@link #ctlRestore()}; they keep their flows. */
    void ctlCut(final int... switches) {
        final var args = new ArrayList<String>();
        args.add("ctl-cut");
        for (var number : switches) {
            args.add(Integer.toString(number));
        }
        lab(30, args.toArray(String[]::new));
    }

    /** Drops the switches' OpenFlow connections to some controller targets (1-based) until {@link #ctlRestore()}. */
    void ctlCutTo(final List<Integer> targets, final int... switches) {
        final var args = new ArrayList<String>(List.of("ctl-cut", "--to",
            targets.stream().map(String::valueOf).collect(Collectors.joining(","))));
        for (var number : switches) {
            args.add(Integer.toString(number));
        }
        lab(30, args.toArray(String[]::new));
    }

    /** Restores every cut control channel and waits until those switches reconnect. */
    void ctlRestore() {
        lab(60, "ctl-restore", "--timeout", "30");
    }

    /** Sends forged advertisements out of a host's port, claiming another host's identity. */
    void forgeAdvert(final String from, final int priority, final String as, final int count) {
        lab(30, "forge-advert", from, Integer.toString(priority), "--as", as, "--count", Integer.toString(count),
            "--gap-ms", "10");
    }

    /** Probes the VIP every millisecond for the time; blocks. */
    Probe probe(final int seconds) {
        return Probe.parse(lab(seconds + 30L, "probe", Integer.toString(seconds)));
    }

    /**
     * Probes {@value #OUTSIDE6} through the client's IPv6 default router until the gateway answers 20 in a row or the
     * time runs out; blocks. Which gateway answers is the router the client's traffic reaches.
     */
    Probe probeOutsideUntil(final String gateway, final int seconds) {
        return Probe.parse(lab(seconds + 30L, "probe", Integer.toString(seconds), "--outside", "--until", gateway,
            "--until-count", "20", "--grace-ms", "20"));
    }

    /** {@link #probeStart(int, String)} to {@value #OUTSIDE6} through the client's IPv6 default router. */
    void probeOutsideStart(final int seconds, final String untilGateway) {
        lab(30, "probe-start", Integer.toString(seconds), "--outside", "--until", untilGateway, "--until-count", "50");
    }

    /** Probes {@value #OUTSIDE6} in the background for the whole time, whoever answers. */
    void probeOutsideStart(final int seconds) {
        lab(30, "probe-start", Integer.toString(seconds), "--outside");
    }

    /** Starts probing in the background, until the gateway answers steadily or the time runs out. */
    void probeStart(final int seconds, final String untilGateway) {
        lab(30, "probe-start", Integer.toString(seconds), "--until", untilGateway, "--until-count", "50");
    }

    void probeStart(final int seconds) {
        lab(30, "probe-start", Integer.toString(seconds));
    }

    Probe probeWait(final int seconds) {
        return Probe.parse(lab(seconds + 30L, "probe-wait", Integer.toString(seconds)));
    }

    /** Stops the background probe now and returns what it saw. */
    Probe probeStop() {
        return Probe.parse(lab(30, "probe-stop"));
    }

    /** Stops a background probe if one runs, whatever it saw: for clean-ups. */
    void probeDiscard() {
        Scripts.run(env, 30, "lab", "probe-stop");
    }

    /** The flows of switch 1 or 2, as ovs-ofctl prints them. */
    String flows(final int switchNumber) {
        return lab(30, "ofctl", "dump-flows", bridge(switchNumber));
    }

    /** The packets switch 1 or 2 counted on the flows {@code flow} accepts (ovs-ofctl's lines); 0 while none. */
    long packets(final int switchNumber, final Predicate<String> flow) {
        return flows(switchNumber).lines().filter(flow)
            .mapToLong(line -> Long.parseLong(line.replaceAll(".*n_packets=([0-9]+),.*", "$1")))
            .sum();
    }

    /** The flows and groups of switch 1 or 2 without counters, sorted: equal while the switch holds the same. */
    List<String> tables(final int switchNumber) {
        final var lines = new ArrayList<String>();
        lab(30, "ofctl", "--no-stats", "dump-flows", bridge(switchNumber)).lines().forEach(lines::add);
        lab(30, "ofctl", "dump-groups", bridge(switchNumber)).lines().forEach(lines::add);
        return lines.stream().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("OFPST_"))
            .sorted().toList();
    }

    /** What an operator's {@code ovs-ofctl del-flows} does: every flow of switch 1 or 2 gone, behind the controller. */
    void deleteFlows(final int switchNumber) {
        lab(30, "ofctl", "del-flows", bridge(switchNumber));
    }

    /** Switch 1's or 2's meter statistics: what each meter let through and what its band dropped. */
    String meterStats(final int switchNumber) {
        return lab(30, "ofctl", "meter-stats", bridge(switchNumber));
    }

    /**
     * The VRRP advertisements the switch received on a gateway's port in up to two seconds, as tcpdump prints them
     * verbosely (source MAC and address, VRID, priority, and a bad IP or VRRP checksum where there is one).
     */
    String advertsAtSwitch(final String gateway) {
        return Scripts.run(env, 10, "lab", "exec", "switch", "timeout", "2", "tcpdump", "-nn", "-e", "-vv", "-c", "20",
            "-i", env.get("LAB_PREFIX") + "-" + gateway, "ip proto 112 or ip6 proto 112").output();
    }

    /** The meters of switch 1 or 2, as ovs-ofctl prints them. */
    String meters(final int switchNumber) {
        return lab(30, "ofctl", "dump-meters", bridge(switchNumber));
    }

    /** What a switch kept from elsewhere (an earlier configuration, another controller): a meter added by hand. */
    void addMeter(final int switchNumber, final String meter) {
        lab(30, "ofctl", "add-meter", bridge(switchNumber), meter);
    }

    private String bridge(final int switchNumber) {
        return env.get("LAB_PREFIX") + "-br" + switchNumber;
    }

    private String lab(final long timeoutSeconds, final String... args) {
        return Scripts.require(env, timeoutSeconds, "lab", args).output();
    }

    /** What the probe saw: the longest time without an answer and which gateways answered, in order. */
    record Probe(JsonObject json) {
        static Probe parse(final String output) {
            final var lines = output.lines().filter(line -> line.startsWith("{")).toList();
            if (lines.isEmpty()) {
                throw new IllegalStateException("the probe printed no result:\n" + output);
            }
            return new Probe(JsonParser.parseString(lines.getLast()).getAsJsonObject());
        }

        double maxGapMillis() {
            final var gap = json.get("max_gap_ms");
            return gap == null || gap.isJsonNull() ? Double.POSITIVE_INFINITY : gap.getAsDouble();
        }

        /** The longest time without an answer, the probe's start and end included: a VIP that stops for good. */
        double longestSilenceMillis() {
            return Math.max(maxGapMillis(), Math.max(json.get("head_unanswered_ms").getAsDouble(),
                json.get("tail_unanswered_ms").getAsDouble()));
        }

        /** Whether the gateway of {@code --until} answered the count in a row. */
        boolean untilReached() {
            final var reached = json.get("until_reached");
            return reached != null && reached.getAsBoolean();
        }

        long answered() {
            return json.get("answered").getAsLong();
        }

        String firstGateway() {
            return text(json.get("first_gw"));
        }

        String lastGateway() {
            return text(json.get("last_gw"));
        }

        /** The answering gateways in order, each change once. */
        List<String> gateways() {
            final var order = new ArrayList<String>();
            for (var change : json.getAsJsonArray("changes")) {
                order.add(text(change.getAsJsonObject().get("gw")));
            }
            return order;
        }

        private static String text(final JsonElement element) {
            return element == null || element.isJsonNull() ? "" : element.getAsString();
        }

        @Override
        public String toString() {
            return json.toString();
        }
    }
}
