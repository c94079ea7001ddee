/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import net.gwha.impl.service.FakeGatewayHaService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.ClusterName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.GatewayName;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SetMaintenanceInputBuilder;
import org.opendaylight.yang.gen.v1.urn.gwha.params.xml.ns.yang.gwha.rev261125.SwitchOverInputBuilder;
import org.opendaylight.yangtools.yang.common.ErrorTag;

class GatewayHaRpcsTest {
    private FakeGatewayHaService service;
    private GatewayHaRpcs rpcs;

    @BeforeEach
    void setUp() {
        // Only the registration handle is needed from the broker.
        final var provider = mock(RpcProviderService.class, Mockito.RETURNS_MOCKS);
        service = new FakeGatewayHaService();
        rpcs = new GatewayHaRpcs(provider, service);
    }

    @Test
    void switchOverAnswersThePreviousGateway() throws Exception {
        final var result = rpcs.switchOver(new SwitchOverInputBuilder().setCluster(new ClusterName("lan"))
            .setGateway(new GatewayName("gw2")).build()).get();

        assertTrue(result.isSuccessful());
        assertEquals("gw1", result.getResult().getPreviousGateway().getValue());
        assertEquals("gw2", service.cluster("lan").orElseThrow().activeGateway().orElseThrow());
    }

    @Test
    void switchOverToADownGatewayIsAnInvalidValueWithTheReason() throws Exception {
        final var result = rpcs.switchOver(new SwitchOverInputBuilder().setCluster(new ClusterName("lan"))
            .setGateway(new GatewayName("gw3")).build()).get();

        assertFalse(result.isSuccessful());
        final var error = result.getErrors().getFirst();
        assertEquals(ErrorTag.INVALID_VALUE, error.getTag());
        assertEquals("cluster 'lan': gateway 'gw3' is down", error.getMessage());
        assertEquals("gw1", service.cluster("lan").orElseThrow().activeGateway().orElseThrow());
    }

    @Test
    void maintenanceOfAnUnknownClusterIsRefused() throws Exception {
        final var result = rpcs.setMaintenance(new SetMaintenanceInputBuilder().setCluster(new ClusterName("wan"))
            .setGateway(new GatewayName("gw1")).setEnabled(true).build()).get();

        assertFalse(result.isSuccessful());
        assertEquals("no cluster named 'wan'", result.getErrors().getFirst().getMessage());
    }

    @Test
    void maintenanceDrainsTheGateway() throws Exception {
        assertTrue(rpcs.setMaintenance(new SetMaintenanceInputBuilder().setCluster(new ClusterName("lan"))
            .setGateway(new GatewayName("gw2")).setEnabled(true).build()).get().isSuccessful());

        assertEquals("MAINTENANCE", service.cluster("lan").orElseThrow().gateways().get(1).state().name());
    }
}
