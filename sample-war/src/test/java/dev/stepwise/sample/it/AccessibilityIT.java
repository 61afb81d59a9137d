package dev.stepwise.sample.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core (the npm package, downloaded by the build into {@code target/axe-core/package/}) in a real headless
 * Chromium on each library page a new user meets: what to set up (enroll.jsp), then the walk of
 * {@link LibraryPagesTour} (settings, the key offer, the authenticator app's offer, its QR code, a wrong code, the
 * recovery codes, the login challenge, a wrong code there, the 403 page of an expired form), and the security-key
 * challenge (with Chrome's virtual authenticator); each in the light and in the dark colour scheme. No violation
 * of impact serious or critical.
 */
@ExtendWith(ArquillianExtension.class)
class AccessibilityIT {

    /** Runs axe on the whole document and answers its violations of impact serious or critical as text. */
    private static final String RUN_AXE = "var done = arguments[arguments.length - 1];"
            + "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
            + "  done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
            + "    .map(function (v) { return v.impact + ' ' + v.id + ': ' + v.help + ' (' + v.helpUrl + ') at '"
            + "      + v.nodes.map(function (n) { return JSON.stringify(n.target); }).join(', '); }));"
            + "}, function (e) { done(['axe failed: ' + e]); });";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleDeployment.war().addClasses(TestUsers.class, TestClock.class, TestClockServlet.class,
                Visitor.class);
    }

    @ArquillianResource
    URL base;

    private ChromeDriver chromium;
    private WebDriverWait wait;
    private String axe;
    private final List<String> checked = new ArrayList<>();

    @BeforeEach
    void startChromium(@TempDir Path profile) throws Exception {
        Path dir = Path.of(System.getProperty("axe-core.dir", "target/axe-core/package"));
        axe = Files.readString(dir.resolve("axe.min.js"), StandardCharsets.UTF_8);
        chromium = HeadlessChromium.start(HeadlessChromium.options(profile));
        wait = new WebDriverWait(chromium, Duration.ofSeconds(20));
        chromium.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    @AfterEach
    void stopChromium() {
        if (chromium != null) {
            chromium.quit();
        }
    }

    @Test
    void everyLibraryPageHasNoSeriousOrCriticalViolationInBothSchemes() throws Exception {
        LibraryPagesTour tour = new LibraryPagesTour(chromium, wait, base);
        tour.signIn(TestUsers.withoutFactor());
        tour.open("mfa/enroll");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-setup")));
        check("what to set up (enroll.jsp)");
        chromium.manage().deleteAllCookies();

        tour.walk(TestUsers.withoutFactor(), this::check);
        securityKeyChallenge();
        List<String> expected = new ArrayList<>(List.of("what to set up (enroll.jsp)"));
        expected.addAll(LibraryPagesTour.PAGES);
        expected.add("security key challenge (webauthn.jsp)");
        assertThat(checked).isEqualTo(expected);

        // The check can fail: an image without a text alternative is a critical violation to axe.
        chromium.executeScript("var i = document.createElement('img'); i.src = 'data:,';"
                + "document.querySelector('main').appendChild(i);");
        assertThat(chromium.executeAsyncScript(RUN_AXE).toString()).contains("critical image-alt");
    }

    /**
     * The WebAuthn challenge (webauthn.jsp) of another new user who registered a key: by name, since a relying
     * party is a domain, never an IP literal.
     */
    private void securityKeyChallenge() throws Exception {
        URL byName = SampleDeployment.byName(base);
        String user = TestUsers.withoutFactor();
        chromium.manage().deleteAllCookies();
        VirtualKeys.plugIn(chromium, null);
        VirtualKeys.signIn(chromium, wait, byName, user);
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
        chromium.get(SampleDeployment.resolve(byName, "mfa/settings/webauthn").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-key-name"))).sendKeys("Blue key");
        chromium.findElement(By.cssSelector("#stepwise-webauthn-register button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "Your security key or passkey is added."));

        chromium.manage().deleteAllCookies();
        VirtualKeys.signIn(chromium, wait, byName, user);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form[data-stepwise-webauthn=get]")));
        check("security key challenge (webauthn.jsp)");
    }

    /** axe on the current page, light and dark. */
    private void check(String page) {
        List<String> found = new ArrayList<>();
        for (String scheme : List.of("light", "dark")) {
            chromium.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                    List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
            chromium.executeScript(axe);
            Object violations = chromium.executeAsyncScript(RUN_AXE);
            ((List<?>) violations).forEach(v -> found.add(scheme + ": " + v));
        }
        chromium.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
        assertThat(found).as("%s (%s): axe-core serious or critical violations", page, chromium.getCurrentUrl())
                .isEmpty();
        checked.add(page);
    }
}
