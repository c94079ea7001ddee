/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.state;

import java.time.Instant;
import java.util.List;
import java.util.function.LongFunction;
import net.gwha.impl.engine.Decision;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ActiveGatewayChangedBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.FailoverCause;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayState;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayStateChangedBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.NodeId;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the YANG notifications active-gateway-changed and gateway-state-changed through MD-SAL (and so to
 * RESTCONF event streams). Offers them without waiting: a full queue drops a notification, never the loop.
 */
public final class NotificationSink {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationSink.class);

    private final NotificationPublishService publisher;

    private final LongFunction<Instant> wallTime;

    /**
     * A sink.
     *
     * @param publisher MD-SAL's notification service
     * @param wallTime the wall-clock instant of an engine timestamp
     */
    public NotificationSink(final NotificationPublishService publisher, final LongFunction<Instant> wallTime) {
        this.publisher = publisher;
        this.wallTime = wallTime;
    }

    /** Publishes the notifications these decisions call for; never blocks. */
    public void publish(final List<Decision> decisions) {
        for (var decision : decisions) {
            switch (decision) {
                case Decision.ActiveGatewayChanged changed -> offer(new ActiveGatewayChangedBuilder()
                    .setCluster(new ClusterName(changed.cluster()))
                    .setFromGateway(changed.from().map(GatewayName::new).orElse(null))
                    .setToGateway(new GatewayName(changed.to()))
                    .setPartition(changed.partition().map(NodeId::new).orElse(null))
                    .setCause(FailoverCause.ofName(YangNames.of(changed.cause())))
                    .setCauseTime(time(changed.causeTime()))
                    .setDecisionTime(time(changed.decisionTime()))
                    .build());
                case Decision.GatewayStateChanged changed -> offer(new GatewayStateChangedBuilder()
                    .setCluster(new ClusterName(changed.cluster()))
                    .setGateway(new GatewayName(changed.gateway()))
                    .setOldState(GatewayState.ofName(YangNames.of(changed.oldState())))
                    .setNewState(GatewayState.ofName(YangNames.of(changed.newState())))
                    .setTime(time(changed.at()))
                    .build());
                default -> {
                    // Cluster status and refusals are state and command results, not notifications.
                }
            }
        }
    }

    private void offer(final org.opendaylight.yangtools.binding.Notification<?> notification) {
        if (publisher.offerNotification(notification) == NotificationPublishService.REJECTED) {
            LOG.warn("Notification queue full, dropped {}", notification);
        }
    }

    private DateAndTime time(final long nanos) {
        return new DateAndTime(wallTime.apply(nanos).toString());
    }
}
