/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.gwha.impl.engine.GatewayState;
import net.gwha.impl.ops.OperationRefusedException;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.AdminState;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.Clusters;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.Cluster;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.ClusterKey;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.clusters.cluster.GatewayBuilder;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * Operations sent right after a configuration commits, as a new user following the README sends them: each sees
 * the configuration, whether or not the engine has taken it in yet. No test waits for the engine between the write
 * and the command.
 */
class ReadYourWritesTest extends AbstractRunningServiceTest {
    private static <T> T done(final ListenableFuture<T> command) throws Exception {
        return command.get(10, TimeUnit.SECONDS);
    }

    private static String refusal(final ListenableFuture<?> command) {
        final var failure = assertThrows(ExecutionException.class, () -> command.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(OperationRefusedException.class, failure.getCause()).getMessage();
    }

    @Test
    void aCommandRightAfterANewClusterIsWrittenFindsIt() throws Exception {
        write(new ClusterBuilder()
            .setName(new ClusterName("wan"))
            .setVrid(Uint8.valueOf(52))
            .setVirtualIp(Set.of(new IpAddress(new Ipv4Address("192.0.2.253"))))
            .setGateway(BindingMap.of(gateway(4, 200), gateway(5, 150)))
            .build());

        done(provider.setMaintenance("wan", "gw5", true));

        assertEquals(GatewayState.MAINTENANCE, provider.cluster("wan").orElseThrow().gateways().get(1).state());
    }

    @Test
    void aSwitchOverRightAfterAGatewayIsReturnedToServiceSucceeds() throws Exception {
        startLan();
        final var gw2Drained = new ClusterBuilder(lan()).setGateway(BindingMap.of(gateway(1, 200),
            new GatewayBuilder(gateway(2, 150)).setAdminState(AdminState.Maintenance).build(), gateway(3, 100)))
            .build();
        write(gw2Drained);
        awaitView(LAN, view -> view.gateways().get(1).state() == GatewayState.MAINTENANCE);

        write(lan());

        assertEquals(Optional.of("gw1"), done(provider.switchOver(LAN, "gw2")));
        awaitView(LAN, view -> view.activeGateway().equals(Optional.of("gw2")));
    }

    @Test
    void aGatewayOrAClusterJustDeletedIsRefusedByName() throws Exception {
        startLan();
        write(new ClusterBuilder(lan()).setGateway(BindingMap.of(gateway(1, 200), gateway(2, 150))).build());

        assertEquals("cluster 'lan' has no gateway named 'gw3'", refusal(provider.switchOver(LAN, "gw3")));

        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.CONFIGURATION, DataObjectIdentifier.builder(Clusters.class)
            .child(Cluster.class, new ClusterKey(new ClusterName(LAN))).build());
        tx.commit().get(10, TimeUnit.SECONDS);

        assertEquals("no cluster named 'lan'", refusal(provider.setMaintenance(LAN, "gw2", true)));
    }
}
