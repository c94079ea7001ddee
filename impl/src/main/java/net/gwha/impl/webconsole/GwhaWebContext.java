/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.webconsole;

import javax.servlet.ServletException;
import net.gwha.impl.metrics.GatewayHaMetrics;
import net.gwha.impl.metrics.MetricsServlet;
import org.opendaylight.aaa.web.ServletDetails;
import org.opendaylight.aaa.web.WebContext;
import org.opendaylight.aaa.web.WebContextSecurer;
import org.opendaylight.aaa.web.WebServer;
import org.opendaylight.yangtools.concepts.Registration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code /gwha} web context on OpenDaylight's web server (Jetty through pax-web, the port RESTCONF answers on):
 * the console page at {@code /gwha/} and the Prometheus metrics at {@code /gwha/metrics}, every path behind the same
 * AAA authentication as RESTCONF (basic auth). One context for both: pax-web gives a context path to one context.
 */
@Component(service = {})
public final class GwhaWebContext implements AutoCloseable {
    static final String CONTEXT_PATH = "/gwha";
    static final String METRICS_PATH = "/metrics";

    private final Registration registration;

    @Activate
    public GwhaWebContext(@Reference final WebServer webServer, @Reference final WebContextSecurer securer,
            @Reference final GatewayHaMetrics metrics) throws ServletException {
        final var context = WebContext.builder().name("gwha").contextPath(CONTEXT_PATH).supportsSessions(false)
            .addServlet(ServletDetails.builder().name("gwha-metrics").addUrlPattern(METRICS_PATH)
                .servlet(new MetricsServlet(metrics)).build())
            // The exact /metrics mapping wins over this prefix one (Servlet 3.1, 12.1).
            .addServlet(ServletDetails.builder().name("gwha-console").addUrlPattern("/*")
                .servlet(new ConsoleServlet()).build());
        securer.requireAuthentication(context, "/*");
        registration = webServer.registerWebContext(context.build());
    }

    @Override
    @Deactivate
    public void close() {
        registration.close();
    }
}
