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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's pages in a real headless Chromium under {@code Content-Security-Policy: default-src 'self'}
 * ({@link StrictCspFilter}): a new user opens her settings and the key offer, sets up an authenticator app from the
 * QR code (a wrong code first), signs in again and answers the login challenge (a wrong code first, then a form older
 * than her session) ({@link LibraryPagesTour}). On every page: no violation of
 * the policy (a {@code securitypolicyviolation} listener installed before the page's own code, and the browser's
 * log), the stylesheet applied, dark in the dark colour scheme, no horizontal scrolling at 320 CSS pixels, and a
 * visible focus ring; errors are announced and tied to the field. The stylesheet reaches her in the middle of the
 * challenge, cacheable, and asking for it starts no session.
 */
@ExtendWith(ArquillianExtension.class)
class StrictCspIT {

    /** Records each violation in the page, before any of the page's own markup or code runs. */
    private static final String VIOLATIONS = "window.stepwiseViolations = [];"
            + "document.addEventListener('securitypolicyviolation', function (e) {"
            + "  window.stepwiseViolations.push(e.violatedDirective + ' blocked ' + e.blockedURI + ' at '"
            + "    + e.sourceFile + ':' + e.lineNumber); });";
    private static final Pattern RGB = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleDeployment.war().addClasses(TestUsers.class, TestClock.class, TestClockServlet.class,
                Visitor.class, StrictCspFilter.class);
    }

    @ArquillianResource
    URL base;

    private ChromeDriver chromium;
    private WebDriverWait wait;

    @BeforeEach
    void startChromium(@TempDir Path profile) {
        ChromeOptions options = HeadlessChromium.options(profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        chromium = HeadlessChromium.start(options);
        chromium.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", VIOLATIONS));
        wait = new WebDriverWait(chromium, Duration.ofSeconds(20));
    }

    @AfterEach
    void stopChromium() {
        if (chromium != null) {
            chromium.quit();
        }
    }

    @Test
    void settingsTotpSetUpAndTheChallengeWorkUnderAStrictPolicyInBothSchemesAndOnAPhone() throws Exception {
        String user = TestUsers.withoutFactor();
        LibraryPagesTour tour = new LibraryPagesTour(chromium, wait, base);
        List<String> checked = new ArrayList<>();
        TotpSecret secret = tour.walk(user, page -> {
            if (page.endsWith("error")) {
                checkError(page);
            } else {
                checkPage(page);
            }
            if (page.equals("TOTP QR code")) {
                qrCodeHasANameAndFits();
            } else if (page.equals("challenge")) {
                stylesheetComesMidChallengeWithoutASession();
            }
            checked.add(page);
        });
        assertThat(checked).isEqualTo(LibraryPagesTour.PAGES);

        // Back to the challenge: the code of the next half minute, and she is in.
        tour.open("mfa/challenge");
        new Visitor(base).advanceClock("PT30S");
        tour.enterCode(TotpCodes.at(secret, new Visitor(base).backstage().serverTime()));
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/mfa/")));
    }

    @Test
    void theBanksPagesWorkUnderAStrictPolicyInBothSchemesAndOnAPhone() throws Exception {
        LibraryPagesTour tour = new LibraryPagesTour(chromium, wait, base);
        tour.open("login");
        checkBankPage("login");
        String user = TestUsers.withoutFactor();
        tour.signIn(user);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer")));
        checkBankPage("account");
        tour.open("account/password");
        checkBankPage("change password");
        tour.open("admin");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("admin-none")));
        checkBankPage("admin (not an administrator)");

        // The statements need a factor: she sets up an authenticator app first.
        tour.open("mfa/settings/totp");
        chromium.findElement(By.cssSelector("#stepwise-totp-begin button[type=submit]")).click();
        TotpSecret secret = TotpSecret.fromBase32(wait.until(ExpectedConditions.presenceOfElementLocated(
                By.id("stepwise-secret"))).getText());
        tour.enterCode(TotpCodes.at(secret, new Visitor(base).backstage().serverTime()));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-recovery-codes")));
        tour.open("statements/");
        if (chromium.getCurrentUrl().contains("/mfa/challenge")) {
            new Visitor(base).advanceClock("PT30S");
            tour.enterCode(TotpCodes.at(secret, new Visitor(base).backstage().serverTime()));
        }
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("statement")));
        assertThat(chromium.findElement(By.tagName("h1")).getText()).isEqualTo("Statements of " + user);
        checkBankPage("statements");
        assertThat(script("return document.querySelector('.bank-nav a[aria-current=page]').textContent"))
                .isEqualTo("Statements");
    }

    private void checkBankPage(String page) {
        checkPage("the bank's " + page, "/css/bank.css", ".card");
    }

    /** The QR code is an image with a name, and fits the screen. */
    private void qrCodeHasANameAndFits() {
        WebElement qr = chromium.findElement(By.id("stepwise-qr"));
        assertThat(qr.getAttribute("role")).isEqualTo("img");
        assertThat(qr.getAccessibleName()).isEqualTo("QR code with the key for your authenticator app");
        assertThat(number("return document.querySelector('#stepwise-qr svg').getBoundingClientRect().width"))
                .as("the QR code fits the screen").isGreaterThan(100).isLessThanOrEqualTo(240);
    }

    /** Her browser gets the stylesheet in the middle of the login challenge, cacheable, without a new session. */
    private void stylesheetComesMidChallengeWithoutASession() {
        String session = chromium.manage().getCookieNamed("JSESSIONID").getValue();
        Object css = chromium.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {cache: 'no-store'}).then(function (r) {"
                + "  done(r.status + ' ' + r.headers.get('Content-Type') + ' ' + r.headers.get('Cache-Control'));"
                + "}, function (e) { done('failed ' + e); });",
                SampleDeployment.resolve(base, "mfa/stepwise.css").getPath());
        assertThat((String) css).startsWith("200 text/css").endsWith("public, max-age=3600");
        assertThat(chromium.manage().getCookieNamed("JSESSIONID").getValue()).isEqualTo(session);
    }

    @Test
    void theStylesheetIsStaticCacheableAndStartsNoSession() throws Exception {
        Visitor anonymous = new Visitor(base);
        HttpResponse<String> css = anonymous.get("mfa/stepwise.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
        assertThat(css.headers().firstValue("Cache-Control")).contains("public, max-age=3600");
        assertThat(css.headers().allValues("Set-Cookie")).as("no session for a stylesheet").isEmpty();
        assertThat(css.body()).contains("prefers-color-scheme: dark");

        Visitor signedIn = new Visitor(base);
        signedIn.signIn(TestUsers.withoutFactor());
        HttpResponse<String> script = signedIn.get("mfa/webauthn.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(script.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    private void checkError(String page) {
        WebElement error = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-error")));
        checkPage(page);
        assertThat(error.getAttribute("role")).isEqualTo("alert");
        WebElement field = chromium.findElement(By.id("stepwise-code"));
        assertThat(field.getAttribute("aria-invalid")).as(page).isEqualTo("true");
        assertThat(field.getAttribute("aria-describedby")).as(page).isEqualTo("stepwise-error");
        assertThat(script("return getComputedStyle(document.getElementById('stepwise-error')).backgroundColor"))
                .as("the error looks like one").isNotIn("rgba(0, 0, 0, 0)", "transparent");
    }

    /** The checks every library page gets: policy, stylesheet, dark scheme, a phone's width, focus. */
    private void checkPage(String page) {
        checkPage(page, "/mfa/stepwise.css", "main");
    }

    /**
     * The checks every page gets: no policy violation, {@code stylesheet} the one stylesheet and applied (the first
     * element matching {@code card} has rounded corners), a dark background in the dark scheme, no horizontal
     * scrolling at 320 CSS pixels, and a visible focus ring.
     */
    private void checkPage(String page, String stylesheet, String card) {
        wait.until(d -> "complete".equals(script("return document.readyState")));
        assertThat(violations()).as(page + ": Content-Security-Policy violations").isEmpty();
        assertThat(script("return Array.from(document.styleSheets).map(function (s) { return s.href; }).join()"))
                .as(page).endsWith(stylesheet).doesNotContain(",");
        assertThat(script("return getComputedStyle(document.querySelector('" + card + "')).borderRadius"))
                .as(page + ": the stylesheet applied").isEqualTo("8px");
        assertThat(luminance(script("return getComputedStyle(document.body).backgroundColor")))
                .as(page + ": light background").isGreaterThan(0.8);

        scheme("dark");
        try {
            assertThat(luminance(script("return getComputedStyle(document.body).backgroundColor")))
                    .as(page + ": dark background").isLessThan(0.1);
            assertThat(luminance(script("return getComputedStyle(document.body).color")))
                    .as(page + ": light text").isGreaterThan(0.7);
        } finally {
            scheme("light");
        }

        chromium.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 320, "height", 640,
                "deviceScaleFactor", 2, "mobile", true));
        try {
            assertThat(number("return document.documentElement.scrollWidth"))
                    .as(page + ": no horizontal scrolling at 320px")
                    .isLessThanOrEqualTo(number("return document.documentElement.clientWidth"));
        } finally {
            chromium.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }

        chromium.executeScript("if (document.activeElement) { document.activeElement.blur(); }");
        new Actions(chromium).sendKeys(Keys.TAB).perform();
        String focused = script("var s = getComputedStyle(document.activeElement);"
                + "return document.activeElement.tagName + ' ' + s.outlineStyle + ' ' + s.outlineWidth;");
        assertThat(focused).as(page + ": visible focus").doesNotStartWith("BODY").endsWith(" solid 3px");
        assertThat(violations()).as(page + ": Content-Security-Policy violations").isEmpty();
    }

    private List<String> violations() {
        List<String> found = new ArrayList<>();
        Object listened = ((JavascriptExecutor) chromium).executeScript("return window.stepwiseViolations || null");
        assertThat(listened).as("the violation listener ran before the page").isNotNull();
        ((List<?>) listened).forEach(v -> found.add(String.valueOf(v)));
        for (LogEntry entry : chromium.manage().logs().get(LogType.BROWSER)) {
            if (entry.getMessage().contains("Content Security Policy") || entry.getMessage().contains("Refused to")) {
                found.add(entry.getMessage());
            }
        }
        return found;
    }

    private void scheme(String scheme) {
        chromium.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    private String script(String js) {
        return String.valueOf(chromium.executeScript(js));
    }

    private double number(String js) {
        return ((Number) chromium.executeScript(js)).doubleValue();
    }

    /** Relative luminance (0 black … 1 white) of a computed CSS colour, as WCAG 2 defines it. */
    private static double luminance(String cssColour) {
        Matcher m = RGB.matcher(cssColour);
        assertThat(m.find()).as("a colour: %s", cssColour).isTrue();
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(m.group(i + 1)) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
