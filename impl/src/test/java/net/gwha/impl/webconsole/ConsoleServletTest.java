/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.impl.webconsole;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

class ConsoleServletTest {
    private final ConsoleServlet servlet = new ConsoleServlet();
    private final HttpServletResponse response = mock(HttpServletResponse.class);
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    @Test
    void theRootIsThePageUnderAStrictPolicy() throws Exception {
        get("/");
        verify(response).setContentType("text/html; charset=utf-8");
        verify(response).setHeader("Content-Security-Policy",
            "default-src 'self'; frame-ancestors 'none'; form-action 'self'");
        final var page = body.toString(StandardCharsets.UTF_8);
        assertTrue(page.contains("<script src=\"console.js\" defer></script>"), page);
    }

    @Test
    void theScriptAndStyleSheetAreServedWithTheirTypes() throws Exception {
        get("/console.js");
        verify(response).setContentType("text/javascript; charset=utf-8");
        assertTrue(body.toString(StandardCharsets.UTF_8).contains("create-data-change-event-subscription"));
    }

    @Test
    void theContextWithoutASlashRedirectsSoThatRelativeLinksResolve() throws Exception {
        get("");
        verify(response).sendRedirect("/gwha/");
    }

    @Test
    void anyOtherPathIsNotFound() throws Exception {
        get("/../impl/webconsole/ConsoleServlet.class");
        verify(response).sendError(HttpServletResponse.SC_NOT_FOUND);
        get("/index.html");
        verify(response, times(2)).sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    private void get(final String path) throws Exception {
        final var request = mock(HttpServletRequest.class);
        when(request.getContextPath()).thenReturn(GwhaWebContext.CONTEXT_PATH);
        when(request.getRequestURI()).thenReturn(GwhaWebContext.CONTEXT_PATH + path);
        when(response.getOutputStream()).thenReturn(new ServletOutputStream() {
            @Override
            public void write(final int octet) {
                body.write(octet);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(final WriteListener listener) {
                // blocking writes only
            }
        });
        servlet.doGet(request, response);
    }
}
