/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.webconsole;

import java.io.IOException;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The console's files, from this package's resources: the page at the context's root, its script and its style sheet;
 * any other path is 404. The page talks to RESTCONF on the same origin only, which its security policy enforces.
 */
final class ConsoleServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FILES = Map.of(
        "/", "index.html",
        "/console.js", "console.js",
        "/console.css", "console.css");
    private static final Map<String, String> TYPES = Map.of(
        "html", "text/html; charset=utf-8",
        "js", "text/javascript; charset=utf-8",
        "css", "text/css; charset=utf-8");
    private static final String POLICY = "default-src 'self'; frame-ancestors 'none'; form-action 'self'";

    @Override
    protected void doGet(final HttpServletRequest request, final HttpServletResponse response) throws IOException {
        final var path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.isEmpty()) {
            // Relative links in the page resolve against /gwha/, not /.
            response.sendRedirect(request.getContextPath() + "/");
            return;
        }
        final var file = FILES.get(path);
        if (file == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (var in = ConsoleServlet.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IOException("the bundle lacks the console's " + file);
            }
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Content-Security-Policy", POLICY);
            try (var out = response.getOutputStream()) {
                in.transferTo(out);
            }
        }
    }
}
