package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.totp.TotpSecret;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walk through the library's pages a new user meets, in a real Chromium, shared by the browser tests that look
 * at every page ({@link AccessibilityIT}, {@link StrictCspIT}, {@link ScreenshotsIT}): her settings, the security
 * key offer, the authenticator app's offer, its QR code, a wrong code, the recovery codes; then she signs in again
 * and meets the login challenge, a wrong code there, and the 403 page of a form older than her session. At each page
 * the walk stops and hands over to the test ({@link Stop}); it ends on the 403 page with the login challenge still
 * pending.
 */
final class LibraryPagesTour {

    /** The pages the walk stops at, in order; what {@link Stop#at} is given. */
    static final List<String> PAGES = List.of("settings", "security key offer", "TOTP offer", "TOTP QR code",
            "TOTP set-up error", "recovery codes", "challenge", "challenge error", "403 page (expired form)");

    /** What a test does at each page of the walk. */
    @FunctionalInterface
    interface Stop {

        /**
         * Called once the page has loaded.
         *
         * @param page one of {@link #PAGES}
         * @throws Exception when the test's checks fail
         */
        void at(String page) throws Exception;
    }

    private final ChromeDriver chromium;
    private final WebDriverWait wait;
    private final URL base;

    LibraryPagesTour(ChromeDriver chromium, WebDriverWait wait, URL base) {
        this.chromium = chromium;
        this.wait = wait;
        this.base = base;
    }

    /**
     * Walks {@code user}, who has no factor yet, through the pages, stopping at each.
     *
     * @return the authenticator app's key she set up on the way
     */
    TotpSecret walk(String user, Stop stop) throws Exception {
        signIn(user);
        open("mfa/settings");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-factors")));
        stopAt(stop, 0);

        open("mfa/settings/webauthn");
        stopAt(stop, 1);

        open("mfa/settings/totp");
        stopAt(stop, 2);
        chromium.findElement(By.cssSelector("#stepwise-totp-begin button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-qr")));
        stopAt(stop, 3);
        TotpSecret secret = TotpSecret.fromBase32(chromium.findElement(By.id("stepwise-secret")).getText());
        String right = TotpCodes.at(secret, new Visitor(base).backstage().serverTime());
        enterCode(wrong(right));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-error")));
        stopAt(stop, 4);
        enterCode(right);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-recovery-codes")));
        stopAt(stop, 5);

        chromium.manage().deleteAllCookies();
        signIn(user);
        wait.until(ExpectedConditions.urlContains("/mfa/challenge"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-code")));
        stopAt(stop, 6);
        enterCode(wrong(TotpCodes.at(secret, new Visitor(base).backstage().serverTime())));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-error")));
        stopAt(stop, 7);

        // A form older than the session: the 403 page.
        chromium.executeScript("document.querySelectorAll('input[name=stepwise_csrf]')"
                + ".forEach(function (i) { i.value = 'expired'; });");
        enterCode("123456");
        assertThat(chromium.findElement(By.tagName("body")).getText()).contains("This page has expired");
        stopAt(stop, 8);
        return secret;
    }

    private void stopAt(Stop stop, int page) throws Exception {
        wait.until(d -> "complete".equals(chromium.executeScript("return document.readyState")));
        stop.at(PAGES.get(page));
    }

    /** A code that is not {@code right}. */
    static String wrong(String right) {
        return "000000".equals(right) ? "111111" : "000000";
    }

    /** Signs {@code user} in with the password on the sample's login page. */
    void signIn(String user) {
        open("login");
        chromium.findElement(By.id("username")).sendKeys(user);
        chromium.findElement(By.id("password")).sendKeys(TestUsers.password(user));
        chromium.findElement(By.cssSelector("#login button[type=submit]")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    /** Opens {@code path} of the sample. */
    void open(String path) {
        chromium.get(SampleDeployment.resolve(base, path).toString());
    }

    /** Types {@code code} into the page's code field and sends its form; returns once the next page replaced it. */
    void enterCode(String code) {
        WebElement field = chromium.findElement(By.id("stepwise-code"));
        field.clear();
        field.sendKeys(code);
        WebElement form = field.findElement(By.xpath("./ancestor::form"));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.stalenessOf(field));
    }
}
