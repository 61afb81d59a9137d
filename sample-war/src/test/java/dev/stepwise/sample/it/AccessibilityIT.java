package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.totp.TotpSecret;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core (the npm package, downloaded by the build into {@code target/axe-core/package/}) in a real headless
 * Chromium on each library page a new user meets: what to set up, settings, the authenticator app's offer, its QR
 * code, a wrong code, the recovery codes, the key offer, the login challenge, a wrong code there, the 403 page of an
 * expired form, and the security-key challenge (with Chrome's virtual authenticator); each in the light and in the
 * dark colour scheme. No violation of impact serious or critical.
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
        String user = TestUsers.withoutFactor();
        signIn(user);

        open("mfa/enroll");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-setup")));
        check("what to set up (enroll.jsp)");

        open("mfa/settings");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-factors")));
        check("settings");

        open("mfa/settings/webauthn");
        check("security key offer");

        open("mfa/settings/totp");
        check("TOTP offer");
        chromium.findElement(By.cssSelector("#stepwise-totp-begin button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-qr")));
        check("TOTP QR code");
        TotpSecret secret = TotpSecret.fromBase32(chromium.findElement(By.id("stepwise-secret")).getText());
        String right = TotpCodes.at(secret, new Visitor(base).backstage().serverTime());
        enterCode(wrong(right));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-error")));
        check("TOTP set-up error");
        enterCode(right);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-recovery-codes")));
        check("recovery codes");

        chromium.manage().deleteAllCookies();
        signIn(user);
        wait.until(ExpectedConditions.urlContains("/mfa/challenge"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-code")));
        check("challenge");
        Instant now = new Visitor(base).backstage().serverTime();
        enterCode(wrong(TotpCodes.at(secret, now)));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-error")));
        check("challenge error");

        // A form older than the session: the 403 page.
        chromium.executeScript("document.querySelectorAll('input[name=stepwise_csrf]')"
                + ".forEach(function (i) { i.value = 'expired'; });");
        enterCode("123456");
        assertThat(chromium.findElement(By.tagName("body")).getText()).contains("This page has expired");
        check("403 page (expired form)");

        securityKeyChallenge();
        assertThat(checked).hasSize(11);

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
        wait.until(d -> "complete".equals(chromium.executeScript("return document.readyState")));
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

    private static String wrong(String right) {
        return "000000".equals(right) ? "111111" : "000000";
    }

    private void signIn(String user) {
        open("login");
        chromium.findElement(By.id("username")).sendKeys(user);
        chromium.findElement(By.id("password")).sendKeys(TestUsers.password(user));
        chromium.findElement(By.cssSelector("#login button[type=submit]")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    private void open(String path) {
        chromium.get(SampleDeployment.resolve(base, path).toString());
    }

    private void enterCode(String code) {
        WebElement field = chromium.findElement(By.id("stepwise-code"));
        field.clear();
        field.sendKeys(code);
        WebElement form = field.findElement(By.xpath("./ancestor::form"));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.stalenessOf(field));
    }
}
