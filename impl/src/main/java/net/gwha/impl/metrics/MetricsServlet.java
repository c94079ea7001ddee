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
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * One scrape of {@link GatewayHaMetrics}: every metric, in the text exposition format. The web console's context
 * serves it at {@code /gwha/metrics}, behind RESTCONF's authentication: Prometheus scrapes it with basic auth.
 */
public final class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @SuppressFBWarnings(value = "SE_BAD_FIELD", justification = "Serializable by inheritance only: a servlet "
        + "registered with the web server is never serialized")
    private final GatewayHaMetrics metrics;

    public MetricsServlet(final GatewayHaMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doGet(final HttpServletRequest request, final HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(metrics.contentType());
        try (var out = response.getOutputStream()) {
            metrics.scrape(out);
        }
    }
}
