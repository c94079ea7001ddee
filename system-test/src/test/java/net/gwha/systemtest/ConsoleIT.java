/*
 * Copyright (c) 2026 Gateway HA authors and others.  All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package net.gwha.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The web console in a real browser: Debian's Chromium, headless, driven through Debian's chromium-driver by Selenium
 * (both packages installed by .ci/run, not here), against the distribution and the lab. The browser sends RESTCONF's
 * basic credentials on every request it makes (set through the DevTools protocol, as a user's browser does after its
 * login prompt), so the page, its RESTCONF calls and its event streams are all authenticated. The run leaves a
 * screenshot of the page in system-test/target/console.png (the README's docs/console.png).
 */
@Tag(ConsoleIT.TAG)
@ExtendWith({ ControllerExtension.class, LabExtension.class })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {
    static final String TAG = "console";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String AUTHORIZATION = "Basic "
        + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int SETTLE_S = 30;
    private static final String LAB = "section[data-cluster='lab'] ";

    private final Controller controller;
    private final Lab lab;
    private final String page;
    private ChromeDriver browser;

    ConsoleIT(final Controller controller, final Lab lab) {
        this.controller = controller;
        this.lab = lab;
        page = "http://127.0.0.1:" + controller.httpPort() + "/gwha/";
    }

    @BeforeAll
    void thePageIsOpenOnTheLabsCluster() {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
            "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        final var put = controller.restconf().put("/data/gwha:clusters/cluster=lab", FailoverIT.clusterJson(true));
        assertTrue(put.status() == 201 || put.status() == 204, put.toString());
        lab.waitConnected(60);
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S), "the VIP answers from gw1 before the test");

        // Root runs the tests: Chromium's sandbox needs an unprivileged user.
        final var options = new ChromeOptions().setBinary(CHROMIUM.toFile())
            .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1100");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
            .build(), options);
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers",
            Map.of("Authorization", AUTHORIZATION)));
        browser.get(page);
    }

    @AfterAll
    void closed() {
        if (browser != null) {
            browser.quit();
        }
        lab.thaw("gw1");
        controller.restconf().delete("/data/gwha:clusters/cluster=lab");
    }

    @Test
    @Order(1)
    void thePageWantsRestconfsCredentials() throws Exception {
        final var http = HttpClient.newHttpClient();
        final var url = URI.create(page);
        final var refused = http.send(HttpRequest.newBuilder(url).GET().build(), BodyHandlers.discarding());
        assertEquals(401, refused.statusCode());
        // What makes a user's browser ask for the user and password.
        assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("").regionMatches(true, 0, "Basic", 0, 5),
            refused.headers().toString());
        final var served = http.send(HttpRequest.newBuilder(url).header("Authorization", AUTHORIZATION).GET()
            .build(), BodyHandlers.ofString());
        assertEquals(200, served.statusCode());
        assertTrue(served.body().contains("console.js"), served.body());
        assertTrue(served.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"),
            served.headers().toString());
    }

    @Test
    @Order(2)
    void thePageShowsTheActiveGatewayAndGoesLive() {
        awaitText(LAB + ".active-gateway", "gw1");
        awaitText(LAB + ".status", "active");
        awaitText(LAB + "tr[data-gateway='gw1'] .state", "active");
        awaitText(LAB + "tr[data-gateway='gw2'] .state", "passive");
        awaitText("#live", "live");
        assertEquals("192.0.2.254", text(LAB + ".vips"));
    }

    @Test
    @Order(3)
    void anInvalidClusterShowsTheRefusalNextToTheField() {
        click(LAB + "button.edit");
        final var vips = find("#cluster-form .fields [name='virtual-ip']");
        vips.clear();
        vips.sendKeys("192.0.2.1");
        click("#save");
        awaitTextStarting("#cluster-form .fields [name='virtual-ip'] + span.error",
            "cluster 'lab': virtual-ip 192.0.2.1 equals the ip-address of gateway 'gw1'");
        assertTrue(find("#cluster-form .fields [name='virtual-ip']").getDomAttribute("class").contains("invalid"));

        // A gateway's field: the refusal sits in that gateway's row.
        vips.clear();
        vips.sendKeys("192.0.2.254");
        final var mac = find("#gateway-rows tr[data-gateway='gw2'] [name='mac-address']");
        mac.clear();
        mac.sendKeys("02:00:00:00:00:01");
        click("#save");
        awaitTextStarting("#gateway-rows tr[data-gateway='gw2'] [name='mac-address'] + span.error",
            "cluster 'lab': gateway 'gw2' mac-address 02:00:00:00:00:01");
        assertTrue(browser.findElements(By.cssSelector("#cluster-form .fields span.error")).isEmpty(),
            "the VIP's refusal is gone");
        click("#cancel-edit");

        final var config = controller.restconf().get("/data/gwha:clusters/cluster=lab?content=config");
        assertTrue(config.body().contains("\"192.0.2.254\"") && config.body().contains("02:00:00:00:00:02"),
            "the refused changes did not commit: " + config.body());
    }

    @Test
    @Order(4)
    void aSwitchOverClickedInThePageMovesTheVip() {
        click(LAB + "tr[data-gateway='gw2'] button.switch-over");
        awaitText("#confirm-text", "Make gw2 the active gateway of lab?");
        click("#confirm-ok");
        assertTrue(lab.vipAnswersFrom("gw2", SETTLE_S), "the VIP answers from gw2 after the click");
        awaitText(LAB + ".active-gateway", "gw2");
        awaitText(LAB + ".history tbody tr:first-child .cause", "switch-over");

        assertEquals(200, controller.restconf().post("/operations/gwha:switch-over",
            "{\"input\":{\"cluster\":\"lab\",\"gateway\":\"gw1\"}}").status());
        assertTrue(lab.vipAnswersFrom("gw1", SETTLE_S));
        awaitText(LAB + ".active-gateway", "gw1");
    }

    @Test
    @Order(5)
    void aFrozenGatewaysFailoverAppearsWithoutAReload() throws Exception {
        browser.executeScript("window.notReloaded = true");
        lab.freeze("gw1");
        awaitText(LAB + ".active-gateway", "gw2");
        awaitText(LAB + "tr[data-gateway='gw1'] .state", "down");
        awaitText(LAB + ".history tbody tr:first-child .cause", "heartbeat-timeout");
        assertEquals(Boolean.TRUE, browser.executeScript("return window.notReloaded === true"));

        final File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Scripts.ROOT.resolve("system-test/target/console.png"),
            StandardCopyOption.REPLACE_EXISTING);
    }

    private void awaitText(final String css, final String expected) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
            .until(() -> text(css), expected::equals);
    }

    /** The refusal's message; the page adds the error-path, if RESTCONF gave one. */
    private void awaitTextStarting(final String css, final String expected) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
            .until(() -> text(css), shown -> shown.startsWith(expected));
    }

    private String text(final String css) {
        return find(css).getText().strip();
    }

    private WebElement find(final String css) {
        return browser.findElement(By.cssSelector(css));
    }

    /** Clicks the element, found again if the page re-rendered it between finding and clicking. */
    private void click(final String css) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreException(
            StaleElementReferenceException.class).until(() -> {
                find(css).click();
                return true;
            });
    }
}
