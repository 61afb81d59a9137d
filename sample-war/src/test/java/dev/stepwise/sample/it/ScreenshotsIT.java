package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.totp.TotpSecret;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The screenshots in {@code docs/screenshots/}: every page of the library a user meets and the sample bank's main
 * pages, in English, light and dark, at 1000 CSS pixels wide (a page taller than 800 pixels is taken whole, up to
 * {@value #MAX_HEIGHT}). Runs only in the Maven profile {@code screenshots}, which names the directory
 * ({@code -Dstepwise.screenshots.dir}); {@code docs/screenshots/README.md} says how, and what each file shows.
 *
 * <p>alice (no factor yet) walks the library's pages ({@link LibraryPagesTour}), answers the challenge with a
 * recovery code's page open first, adds a security key, sends money (the step-up dialog on the next transfer),
 * reads her statements, signs in with her key, and changes her password with a form the library cannot replay
 * (the resubmit page). admin, without a factor, is asked to set one up before the admin area, then sees the audit
 * log. Last, the library's store goes away: the 503 page.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "stepwise.screenshots.dir", matches = ".+")
class ScreenshotsIT {

    /** The tallest screenshot, in CSS pixels: a longer page is cut there. */
    static final int MAX_HEIGHT = 1400;
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 800;
    private static final int PHONE = 360;

    @Deployment(testable = false)
    static WebArchive deployment() {
        // the library's store is one the test can take away at the end (the 503 page)
        JavaArchive config = SampleDeployment.contextParams("stepwise.mfa.datasource", StoreOutageServlet.DATASOURCE,
                "stepwise.mfa.webauthn.passkey-login", "on");
        return SampleDeployment.withWildFlyModule(SampleDeployment.war(), "com.h2database.h2")
                .addClasses(TestUsers.class, TestClock.class, TestClockServlet.class, Visitor.class,
                        StoreOutageServlet.class)
                .addAsLibrary(config);
    }

    @ArquillianResource
    URL base;

    private ChromeDriver chromium;
    private WebDriverWait wait;
    private LibraryPagesTour tour;
    private Path dir;
    private final List<String> taken = new ArrayList<>();

    @BeforeEach
    void startChromium(@TempDir Path profile) throws Exception {
        dir = Path.of(System.getProperty("stepwise.screenshots.dir"));
        Files.createDirectories(dir);
        chromium = HeadlessChromium.start(HeadlessChromium.options(profile).addArguments("--lang=en-US",
                "--hide-scrollbars"));
        chromium.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", WIDTH, "height", HEIGHT,
                "deviceScaleFactor", 1, "mobile", false));
        wait = new WebDriverWait(chromium, Duration.ofSeconds(20));
        tour = new LibraryPagesTour(chromium, wait, base);
    }

    @AfterEach
    void stopChromium() {
        if (chromium != null) {
            chromium.quit();
        }
    }

    @Test
    void everyPageInLightAndDark() throws Exception {
        tour.open("login");
        shoot("bank-login");
        tour.open("mfa/passkey");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-stepwise-passkey]")));
        shoot("mfa-passkey-sign-in");

        // 1. alice's first steps: the library's pages a new user meets, up to a form older than her session.
        TotpSecret secret = tour.walk("alice", page -> shoot("mfa-" + slug(page)));

        // 2. The challenge again: the recovery code's page, then her app's code.
        tour.open("mfa/challenge?factor=recovery");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-code")));
        shoot("mfa-challenge-recovery-code");
        tour.open("mfa/challenge?factor=totp");
        new Visitor(base).advanceClock("PT30S");
        tour.enterCode(TotpCodes.at(secret, new Visitor(base).backstage().serverTime()));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer")));

        // 3. A security key beside the app: her settings list both.
        var key = VirtualKeys.plugIn(chromium, null);
        tour.open("mfa/settings/webauthn");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-key-name"))).sendKeys("Blue key");
        chromium.findElement(By.cssSelector("#stepwise-webauthn-register button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "Your security key or passkey is added."));
        tour.open("mfa/settings");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-keys")));
        shoot("mfa-settings-with-key");

        // 4. The bank: two transfers, then one that asks her to confirm (the dialog), her statements.
        tour.open("account");
        transfer("carol", "25.00");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transfer-result"), "Sent 25.00"));
        transfer("dave", "12.50");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transfer-result"), "Sent 12.50"));
        shoot("bank-account");
        shootOnAPhone("bank-account-phone");
        new Visitor(base).advanceClock("PT3M");
        transfer("erin", "100.00");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("step-up-code")));
        shoot("bank-transfer-dialog");
        chromium.findElement(By.id("step-up-cancel")).click();
        tour.open("statements/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("statement")));
        shoot("bank-statements");

        // 5. She signs in with her key.
        signOut();
        tour.signIn("alice");
        tour.open("mfa/challenge?factor=webauthn");
        WebElement challenge = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("form[data-stepwise-webauthn=get]")));
        shoot("mfa-challenge-security-key");
        challenge.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/mfa/")));

        // 6. A password change the library cannot replay (a body it does not keep): after the challenge she is
        //    asked to send it again.
        tour.open("account/password");
        shoot("bank-change-password");
        new Visitor(base).advanceClock("PT6M");
        chromium.executeScript("var f = document.getElementById('password-form');"
                + "f.action = f.action + '?stepwise_csrf=' + encodeURIComponent(f.elements.stepwise_csrf.value);"
                + "f.enctype = 'text/plain'; f.elements.newPassword.value = 'alice-password-2'; f.submit();");
        wait.until(ExpectedConditions.urlContains("/mfa/challenge"));
        tour.open("mfa/challenge?factor=webauthn");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form[data-stepwise-webauthn=get]")))
                .findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-resubmit")));
        shoot("mfa-resubmit");
        chromium.removeVirtualAuthenticator(key);

        // 7. admin has no factor: the admin area asks him to set one up first; then the audit log.
        signOut();
        tour.signIn("admin");
        tour.open("admin");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-setup")));
        shoot("mfa-enrol");
        TotpSecret admins = setUpApp();
        tour.open("admin?user=alice");
        if (chromium.getCurrentUrl().contains("/mfa/challenge")) {
            new Visitor(base).advanceClock("PT30S");
            tour.enterCode(TotpCodes.at(admins, new Visitor(base).backstage().serverTime()));
        }
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("overview-user")));
        shoot("bank-admin");

        // 8. The library's store is gone: alice signs in, and the library cannot tell what she needs (503).
        assertThat(new Visitor(base).post("it/store-outage").statusCode()).isEqualTo(204);
        chromium.manage().deleteAllCookies();
        tour.signIn("alice");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Temporarily unavailable"));
        shoot("mfa-503");

        assertThat(taken).hasSize(2 * (LibraryPagesTour.PAGES.size() + 14));
    }

    /** Sets up an authenticator app from its settings page; answers its key. */
    private TotpSecret setUpApp() throws Exception {
        tour.open("mfa/settings/totp");
        chromium.findElement(By.cssSelector("#stepwise-totp-begin button[type=submit]")).click();
        TotpSecret secret = TotpSecret.fromBase32(wait.until(ExpectedConditions.presenceOfElementLocated(
                By.id("stepwise-secret"))).getText());
        tour.enterCode(TotpCodes.at(secret, new Visitor(base).backstage().serverTime()));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-recovery-codes")));
        return secret;
    }

    private void transfer(String to, String amount) {
        WebElement toField = chromium.findElement(By.id("to"));
        toField.clear();
        toField.sendKeys(to);
        WebElement amountField = chromium.findElement(By.id("amount"));
        amountField.clear();
        amountField.sendKeys(amount, Keys.ENTER);
    }

    private void signOut() {
        tour.open("account");
        chromium.findElement(By.cssSelector("#logout button[type=submit]")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/account")));
    }

    /** As {@link #shoot}, at a phone's 360 CSS pixels. */
    private void shootOnAPhone(String name) throws Exception {
        chromium.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", PHONE, "height", HEIGHT,
                "deviceScaleFactor", 1, "mobile", true));
        try {
            shoot(name, PHONE);
        } finally {
            chromium.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", WIDTH,
                    "height", HEIGHT, "deviceScaleFactor", 1, "mobile", false));
        }
    }

    /** The page as it is now, light and dark: {@code <name>-light.png} and {@code <name>-dark.png}. */
    private void shoot(String name) throws Exception {
        shoot(name, WIDTH);
    }

    private void shoot(String name, int width) throws Exception {
        wait.until(d -> "complete".equals(chromium.executeScript("return document.readyState")));
        for (String scheme : List.of("light", "dark")) {
            chromium.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                    List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
            long height = Math.min(MAX_HEIGHT, Math.max(HEIGHT,
                    ((Number) chromium.executeScript("return document.documentElement.scrollHeight")).longValue()));
            Map<String, Object> shot = chromium.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            Path file = dir.resolve(name + "-" + scheme + ".png");
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            taken.add(file.getFileName().toString());
        }
        chromium.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
    }

    /** "TOTP QR code" → "totp-qr-code". */
    static String slug(String page) {
        return page.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
