package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.totp.TotpSecret;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's transfer page in a real headless Chromium, with the library's JSON challenge API: when a transfer
 * needs a step-up, the page asks for the factor in a dialog (an authenticator app's code, or a security key played
 * by Chrome's virtual authenticator) and sends the transfer once, without leaving or reloading the page. Without
 * JavaScript the same form still works through the challenge page and the library's replay.
 *
 * <p>"Not reloaded" is checked with a marker the test puts into the page's window after it loads: any navigation
 * would drop it. Every test signs in a fresh {@link TestUsers} account without a factor and sets one up, so each
 * runs alone and in any order.
 */
@ExtendWith(ArquillianExtension.class)
class BrowserStepUpDialogIT extends ChromiumByName {

    private static final String MARKER = "stepwiseTestMarker";

    /** The sample's own factors (authenticator app, security key, recovery codes), not the test-only code. */
    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleDeployment.war().addClasses(TestUsers.class, TestClock.class, TestClockServlet.class,
                Visitor.class);
    }

    private boolean javaScript;

    @Test
    void theAppsCodeInTheDialogSendsTheTransferOnceWithoutAReload(@TempDir Path profile) throws Exception {
        // 1. A user sets up an authenticator app, then signs in with it in Chromium.
        startChromium(profile, true);
        TotpSecret secret = signInWithAnApp();
        String account = onAccountPage();

        // 2. Three minutes later (transfers need a factor from the last two) she sends money: the dialog opens,
        //    labelled, says what it is for, and has the focus in the code field; her recovery codes are the
        //    challenge page's, linked.
        new Visitor(base).advanceClock("PT3M");
        sendMoney("carol", "12.50");
        WebElement dialog = openDialog();
        assertThat(chromium.findElement(By.id(dialog.getDomAttribute("aria-labelledby"))).getText())
                .isEqualTo("Confirm it's you");
        assertThat(chromium.findElement(By.id("step-up-reason")).getText())
                .isEqualTo("Confirm it's you to send money.");
        assertThat(chromium.switchTo().activeElement().getDomAttribute("id")).isEqualTo("step-up-code");
        assertThat(chromium.findElement(By.id("step-up-key")).isDisplayed()).as("no key to offer").isFalse();
        assertThat(chromium.findElement(By.id("step-up-other-link")).getDomProperty("href"))
                .endsWith(SampleDeployment.CONTEXT_ROOT + "/mfa/challenge");

        // 3. Escape cancels: nothing is sent, the dialog closes.
        chromium.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.textToBe(By.id("transfer-result"), "Not sent: you cancelled the confirmation."));
        assertThat(dialog.getDomAttribute("open")).isNull();

        // 4. She sends it again; a wrong code is refused with the attempts left, said in the alert.
        chromium.findElement(By.cssSelector("#transfer button[type=submit]")).click();
        openDialog();
        type(chromium.findElement(By.id("step-up-code")), wrongCode(secret, serverTime()));
        chromium.findElement(By.id("step-up-confirm")).click();
        WebElement error = chromium.findElement(By.id("step-up-error"));
        wait.until(d -> !error.getText().isEmpty());
        assertThat(error.getDomAttribute("role")).isEqualTo("alert");
        assertThat(error.getText()).matches("Wrong code, \\d+ attempts? left\\.");
        assertThat(chromium.findElement(By.id("step-up-code")).getDomAttribute("aria-invalid")).isEqualTo("true");

        // 5. The right code: the dialog closes and the transfer goes through, on this very page.
        type(chromium.findElement(By.id("step-up-code")), codeNow(secret));
        chromium.findElement(By.id("step-up-confirm")).click();
        sentWithoutAReload(account, "12.50 to carol", "Sent 12.50 to carol. New balance: 987.50");
    }

    @Test
    void aSecurityKeyInTheDialogSendsTheTransferOnceWithoutAReload(@TempDir Path profile) throws Exception {
        // 1. A user with no factor yet adds a security key (Chrome's virtual one: CTAP2, user verification on).
        String user = TestUsers.withoutFactor();
        startChromium(profile, true);
        VirtualAuthenticator key = chromium.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.USB)
                .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true)
                .setIsUserConsenting(true));
        signIn(user);
        onAccountPage();
        chromium.get(SampleDeployment.resolve(base, "mfa/settings/webauthn").toString());
        type(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-key-name"))), "Blue key");
        chromium.findElement(By.cssSelector("#stepwise-webauthn-register button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "Your security key or passkey is added."));
        assertThat(key.getCredentials()).hasSize(1);

        // 2. Three minutes later she sends money: the dialog offers her key, and the key confirms the transfer.
        chromium.get(SampleDeployment.resolve(base, "account").toString());
        String account = onAccountPage();
        new Visitor(base).advanceClock("PT3M");
        sendMoney("dave", "7.25");
        openDialog();
        assertThat(chromium.findElement(By.id("step-up-totp")).isDisplayed()).as("no app to offer").isFalse();
        assertThat(chromium.switchTo().activeElement().getDomAttribute("id")).isEqualTo("step-up-key-button");
        chromium.findElement(By.id("step-up-key-button")).click();
        sentWithoutAReload(account, "7.25 to dave", "Sent 7.25 to dave. New balance: 992.75");
    }

    @Test
    void wrongCodesInTheDialogCountDownToALockoutThatSaysHowLongToWait(@TempDir Path profile) throws Exception {
        startChromium(profile, true);
        TotpSecret secret = signInWithAnApp();
        onAccountPage();
        new Visitor(base).advanceClock("PT3M");
        sendMoney("mallory", "99");
        openDialog();

        // Each wrong code says how many are left, one fewer each time; after three the library slows her down
        // (the answer says how long to wait, and the test clock waits it out), until the account is locked.
        WebElement error = chromium.findElement(By.id("step-up-error"));
        List<String> said = new ArrayList<>();
        Pattern delayed = Pattern.compile("Try again in (\\d+) seconds?\\.$");
        int wrong = 0;
        while (said.size() < 30 && (said.isEmpty() || !said.get(said.size() - 1).endsWith("minutes."))) {
            Matcher delay = delayed.matcher(said.isEmpty() ? "" : said.get(said.size() - 1));
            if (delay.find()) {
                new Visitor(base).advanceClock("PT" + (Integer.parseInt(delay.group(1)) + 1) + "S");
            }
            type(chromium.findElement(By.id("step-up-code")), wrongCode(secret, serverTime(), wrong++));
            chromium.findElement(By.id("step-up-confirm")).click(); // clears the alert, then the answer fills it
            wait.until(d -> !error.getText().isEmpty());
            said.add(error.getText());
        }
        assertThat(said.get(0)).isEqualTo("Wrong code, 9 attempts left.");
        assertThat(said).anyMatch(m -> m.matches("Wrong code, 7 attempts left\\.( Try again in 1 second\\.)?"))
                .anyMatch(m -> m.matches("Wrong code, 1 attempt left\\.( Try again in \\d+ seconds\\.)?"));
        assertThat(said.get(said.size() - 1)).matches(".*\\. Try again in 1[45] minutes\\.");

        // Locked: even the right code waits, and nothing was sent.
        type(chromium.findElement(By.id("step-up-code")), codeNow(secret));
        chromium.findElement(By.id("step-up-confirm")).click();
        wait.until(ExpectedConditions.textMatches(By.id("step-up-error"), Pattern.compile("^Too many attempts")));
        assertThat(chromium.findElement(By.id("transfer-result")).getText()).doesNotStartWith("Sent");
        chromium.navigate().refresh();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfers"))).getText())
                .doesNotContain("mallory");
    }

    @Test
    void withoutJavaScriptTheFormGoesThroughTheChallengePageAndIsReplayedOnce(@TempDir Path profile)
            throws Exception {
        startChromium(profile, false);
        TotpSecret secret = signInWithAnApp();
        onAccountPage();

        // The form posts; the library asks on its page, then replays the transfer, whose answer the browser shows.
        new Visitor(base).advanceClock("PT3M");
        sendMoney("erin", "3.10");
        wait.until(ExpectedConditions.urlContains("/mfa/challenge"));
        assertThat(chromium.findElement(By.id("stepwise-reason")).getText())
                .isEqualTo("Confirm it's you to send money.");
        type(chromium.findElement(By.id("stepwise-code")), codeNow(secret));
        chromium.findElement(By.cssSelector("#stepwise-challenge button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "\"to\":\"erin\""));
        chromium.get(SampleDeployment.resolve(base, "account").toString());
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfers"))).getText())
                .containsOnlyOnce("3.10 to erin");
    }

    /**
     * Waits for the transfer's result on the page, then checks it came without navigation (the marker is still
     * there, the address is the account page's), and that the bank holds the transfer once (after a reload).
     */
    private void sentWithoutAReload(String account, String listed, String message) {
        wait.until(ExpectedConditions.textToBe(By.id("transfer-result"), message));
        assertThat(chromium.findElement(By.id("step-up")).getDomAttribute("open")).isNull();
        assertThat(chromium.executeScript("return window." + MARKER + ";")).as("the page was not reloaded")
                .isEqualTo("loaded once");
        assertThat(chromium.getCurrentUrl()).isEqualTo(account);
        assertThat(chromium.findElement(By.id("transfers")).getText()).containsOnlyOnce(listed);
        chromium.navigate().refresh();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfers"))).getText())
                .as("the bank's own list").containsOnlyOnce(listed);
    }

    private void startChromium(Path profile, boolean javaScript) {
        this.javaScript = javaScript;
        ChromeOptions options = HeadlessChromium.options(profile);
        if (!javaScript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        startChromium(options);
    }

    /**
     * A fresh user sets up an authenticator app (through the test's HTTP client), then signs in with it in
     * Chromium, which is left on the page after the login challenge.
     *
     * @return the app's secret
     */
    private TotpSecret signInWithAnApp() throws Exception {
        String user = TestUsers.withoutFactor();
        Visitor setUp = new Visitor(base);
        setUp.signIn(user);
        TotpSecret secret = setUp.enrolTotp();
        setUp.advanceClock("PT30S"); // past the code that confirmed the set-up
        signIn(user);
        type(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-code"))), codeNow(secret));
        chromium.findElement(By.cssSelector("#stepwise-challenge button[type=submit]")).click();
        return secret;
    }

    private void signIn(String user) {
        chromium.get(SampleDeployment.resolve(base, "login").toString());
        type(chromium.findElement(By.id("username")), user);
        type(chromium.findElement(By.id("password")), TestUsers.password(user));
        chromium.findElement(By.cssSelector("#login button[type=submit]")).click();
    }

    /** Waits for the account page, marks its window (see {@link #sentWithoutAReload}) and returns its address. */
    private String onAccountPage() {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer")));
        if (javaScript) {
            chromium.executeScript("window." + MARKER + " = 'loaded once';");
        }
        return chromium.getCurrentUrl();
    }

    private void sendMoney(String to, String amount) {
        type(chromium.findElement(By.id("to")), to);
        type(chromium.findElement(By.id("amount")), amount);
        chromium.findElement(By.cssSelector("#transfer button[type=submit]")).click();
    }

    /** Waits for the step-up dialog to be open on this page (not for a navigation to the challenge page). */
    private WebElement openDialog() {
        new WebDriverWait(chromium, Duration.ofSeconds(20))
                .withMessage(() -> "the step-up dialog to open on the account page, now at " + chromium.getCurrentUrl())
                .until(d -> Boolean.TRUE.equals(chromium.executeScript(
                        "var d = document.getElementById('step-up'); return !!(d && d.open);")));
        return chromium.findElement(By.id("step-up"));
    }

    private static void type(WebElement field, String text) {
        field.clear();
        field.sendKeys(text);
    }

    private Instant serverTime() throws Exception {
        return new Visitor(base).backstage().serverTime();
    }

    private String codeNow(TotpSecret secret) throws Exception {
        return TotpCodes.at(secret, serverTime());
    }

    /** A code that is wrong for the whole accepted window (a neighbour step's code could be accepted). */
    private static String wrongCode(TotpSecret secret, Instant at) {
        return wrongCode(secret, at, 0);
    }

    /** The {@code n}th of several different wrong codes (a repeated code might be taken for a double submit). */
    private static String wrongCode(TotpSecret secret, Instant at, int n) {
        int candidate = (Integer.parseInt(TotpCodes.at(secret, at)) + 500_000 + 1_111 * n) % 1_000_000;
        String wrong = String.format("%06d", candidate);
        for (int step = -1; step <= 1; step++) {
            if (wrong.equals(TotpCodes.at(secret, at.plusSeconds(30L * step)))) {
                return wrongCode(secret, at, n + 100);
            }
        }
        return wrong;
    }
}
