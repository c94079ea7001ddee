/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Random runs for the properties: three gateways, on one switch, that send heartbeats with jitter while actions
 * (silence, port flaps, priority changes, switch-overs, maintenance, config edits, the switch's control channel
 * lost and back, when no heartbeat reaches the engine) happen between them, and the ticks the engine asks for.
 * Everything random comes from the generated actions and one seed, so a run is reproducible.
 * Time here is milliseconds; the engine gets nanoseconds.
 */
final class Chaos {
    enum Kind {
        STOP, START, PORT_DOWN, PORT_UP, PRIORITY, SWITCH_OVER, MAINTENANCE_ON, MAINTENANCE_OFF, EDIT, DISCONNECT,
        RECONNECT
    }

    record Action(int gapMillis, Kind kind, int gateway, int value) {
    }

    /**
     * The cluster's settings; {@code jitterMillis} is the most a heartbeat strays from its interval.
     */
    record Setup(int[] priorities, boolean preempt, int preemptDelayMillis, int holdUpMillis, boolean advertised,
            DetectorConfig detector, int jitterMillis, long seed) {
    }

    static final long INTERVAL = 1000;
    static final long DEAD = 3000;

    final Engine engine = new Engine();
    final List<Event> events = new ArrayList<>();
    final List<Outcome> outcomes = new ArrayList<>();
    final GatewayConfig[] gateways;

    private final Setup setup;
    private final Consumer<ClusterSnapshot> check;
    private final Random random;
    private final boolean[] present = {true, true, true};
    private final boolean[] sending = new boolean[3];
    private final boolean[] portUp = {true, true, true};
    private final int[] advertised;
    private final long[] nextBeat = new long[3];
    private boolean preempt;
    private boolean useAdvertised;
    private boolean disconnected;
    private long now;

    /**
     * Configures the cluster; every gateway sends from time 0.
     *
     * @param check called with the cluster's snapshot after every event
     */
    Chaos(final Setup setup, final Consumer<ClusterSnapshot> check) {
        this.setup = setup;
        this.check = check;
        random = new Random(setup.seed());
        gateways = new GatewayConfig[3];
        for (int i = 0; i < 3; i++) {
            gateways[i] = new GatewayConfig("g" + i, setup.priorities()[i], new Ipv4(0x0A00_0001 + i), Sim.SWITCH,
                true);
        }
        advertised = setup.priorities().clone();
        preempt = setup.preempt();
        useAdvertised = setup.advertised();
        configure();
        Arrays.fill(sending, true);
    }

    static long nanos(final long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    long now() {
        return now;
    }

    /** Whether the gateway is in the configuration now. */
    boolean present(final int gateway) {
        return present[gateway];
    }

    /** The priority the gateway advertises now (0: it resigns). */
    int advertised(final int gateway) {
        return advertised[gateway];
    }

    boolean preempt() {
        return preempt;
    }

    boolean useAdvertised() {
        return useAdvertised;
    }

    private void apply(final Event event) {
        events.add(event);
        outcomes.add(engine.apply(event));
        check.accept(snapshot());
    }

    ClusterSnapshot snapshot() {
        return engine.snapshot(Sim.CLUSTER).orElseThrow();
    }

    private void configure() {
        final var list = new ArrayList<GatewayConfig>();
        for (int i = 0; i < 3; i++) {
            if (present[i]) {
                list.add(gateways[i]);
            }
        }
        apply(new Event.ConfigSet(new ClusterConfig(Sim.CLUSTER, 1, INTERVAL, DEAD, setup.detector(), preempt,
            setup.preemptDelayMillis(), setup.holdUpMillis(), useAdvertised, list, Sim.VIPS), nanos(now)));
    }

    void heartbeat(final int gateway) {
        if (present[gateway] && !disconnected) {
            apply(new Event.HeartbeatReceived(Sim.CLUSTER, "g" + gateway, AddressFamily.IPV4, advertised[gateway],
                100, nanos(now)));
        }
    }

    void start(final int gateway) {
        if (!sending[gateway]) {
            sending[gateway] = true;
            nextBeat[gateway] = now;
        }
    }

    void stop(final int gateway) {
        sending[gateway] = false;
    }

    /** The port goes up or down; while the switch is disconnected the engine hears of it on the reconnect. */
    void port(final int gateway, final boolean up) {
        portUp[gateway] = up;
        if (!disconnected) {
            apply(new Event.PortStatus(Sim.CLUSTER, "g" + gateway, up, nanos(now)));
        }
    }

    void advertise(final int gateway, final int priority) {
        advertised[gateway] = priority;
    }

    /** Runs to {@code millis}: heartbeats of the senders, and the ticks the engine asks for. */
    void advance(final long millis) {
        while (true) {
            int sender = -1;
            for (int i = 0; i < 3; i++) {
                if (sending[i] && (sender < 0 || nextBeat[i] < nextBeat[sender])) {
                    sender = i;
                }
            }
            final long tick = engine.nextWakeup(Sim.CLUSTER).orElse(Long.MAX_VALUE);
            if (sender >= 0 && nextBeat[sender] <= millis && nanos(nextBeat[sender]) <= tick) {
                now = nextBeat[sender];
                heartbeat(sender);
                final int jitter = setup.jitterMillis();
                nextBeat[sender] = now + INTERVAL + (jitter == 0 ? 0 : random.nextInt(-jitter, jitter + 1));
            } else if (tick <= nanos(millis)) {
                now = TimeUnit.NANOSECONDS.toMillis(tick);
                apply(new Event.Tick(tick));
            } else {
                now = millis;
                return;
            }
        }
    }

    void act(final Action action) {
        advance(now + action.gapMillis());
        final int gateway = action.gateway();
        final String name = "g" + gateway;
        switch (action.kind()) {
            case STOP -> stop(gateway);
            case START -> start(gateway);
            case PORT_DOWN -> port(gateway, false);
            case PORT_UP -> port(gateway, true);
            // one in eight priority changes is a resignation
            case PRIORITY -> advertise(gateway, action.value() % 8 == 0 ? 0 : 1 + action.value() % 254);
            case SWITCH_OVER -> apply(new Event.SwitchOver(Sim.CLUSTER, name, nanos(now)));
            case MAINTENANCE_ON, MAINTENANCE_OFF -> {
                final boolean on = action.kind() == Kind.MAINTENANCE_ON;
                apply(new Event.Maintenance(Sim.CLUSTER, name, on, nanos(now)));
                // the adapter persists maintenance as the gateway's admin-state, and that configuration follows
                gateways[gateway] = withService(gateways[gateway], !on);
                configure();
            }
            case EDIT -> edit(gateway, action.value());
            case DISCONNECT, RECONNECT -> connect(action.kind() == Kind.RECONNECT);
            default -> throw new IllegalStateException();
        }
    }

    private void edit(final int gateway, final int value) {
        final GatewayConfig old = gateways[gateway];
        switch (value % 5) {
            case 0 -> {
                present[gateway] = !present[gateway];
                if (!present[0] && !present[1] && !present[2]) {
                    present[gateway] = true;
                }
            }
            case 1 -> gateways[gateway] = new GatewayConfig(old.name(), 1 + value % 254, old.ipv4(),
                old.ipv6LinkLocal(), old.switchId(), old.inService());
            case 2 -> gateways[gateway] = withService(old, !old.inService());
            case 3 -> preempt = !preempt;
            default -> useAdvertised = !useAdvertised;
        }
        configure();
    }

    private static GatewayConfig withService(final GatewayConfig config, final boolean inService) {
        return new GatewayConfig(config.name(), config.priority(), config.ipv4(), config.ipv6LinkLocal(),
            config.switchId(), inService);
    }

    /** As the inventory reports it: a switch that connects, then the state of each of its gateway ports. */
    private void connect(final boolean connected) {
        disconnected = !connected;
        apply(connected ? new Event.SwitchConnected(Sim.SWITCH, nanos(now))
            : new Event.SwitchDisconnected(Sim.SWITCH, nanos(now)));
        for (int i = 0; connected && i < 3; i++) {
            port(i, portUp[i]);
        }
    }

    /**
     * The switch is connected, and every gateway sends (with its current advertised priority) on an up port for
     * {@code millis}.
     */
    void quiet(final long millis) {
        if (disconnected) {
            connect(true);
        }
        for (int i = 0; i < 3; i++) {
            if (present[i]) {
                port(i, true);
            }
            start(i);
        }
        advance(now + millis);
    }
}
