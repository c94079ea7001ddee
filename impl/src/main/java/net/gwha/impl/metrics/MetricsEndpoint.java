/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.metrics;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
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
 * Serves {@link GatewayHaMetrics} at {@code /gwha/metrics} on OpenDaylight's web server (Jetty through pax-web, the
 * port RESTCONF answers on), behind the same AAA authentication as RESTCONF: Prometheus scrapes it with basic auth.
 */
@Component(service = {})
public final class MetricsEndpoint implements AutoCloseable {
    static final String CONTEXT_PATH = "/gwha";
    static final String PATH = "/metrics";

    private final Registration registration;

    @Activate
    public MetricsEndpoint(@Reference final WebServer webServer, @Reference final WebContextSecurer securer,
            @Reference final GatewayHaMetrics metrics) throws ServletException {
        final var context = WebContext.builder().name("gwha").contextPath(CONTEXT_PATH).supportsSessions(false)
            .addServlet(ServletDetails.builder().name("gwha-metrics").addUrlPattern(PATH)
                .servlet(new MetricsServlet(metrics)).build());
        securer.requireAuthentication(context, PATH);
        registration = webServer.registerWebContext(context.build());
    }

    @Override
    @Deactivate
    public void close() {
        registration.close();
    }

    /** One scrape: every metric, in the text exposition format. */
    private static final class MetricsServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @SuppressFBWarnings(value = "SE_BAD_FIELD", justification = "Serializable by inheritance only: a servlet "
            + "registered with the web server is never serialized")
        private final GatewayHaMetrics metrics;

        MetricsServlet(final GatewayHaMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        protected void doGet(final HttpServletRequest request, final HttpServletResponse response)
                throws IOException {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(metrics.contentType());
            try (var out = response.getOutputStream()) {
                metrics.scrape(out);
            }
        }
    }
}
