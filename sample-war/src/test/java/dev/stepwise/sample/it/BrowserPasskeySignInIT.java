package dev.stepwise.sample.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkey sign-in in a real headless Chromium with Chrome's virtual authenticator (CTAP2, resident keys, user
 * verification): a user signs in with her password, adds a passkey on the settings page, and from a fresh browser
 * signs in on the sample's login page with the passkey alone, landing on her account with no second challenge.
 * The sign-in is tried through the autofill (conditional mediation) first and through the "Sign in with a
 * passkey" button when Chromium does not resolve that by itself; the test prints which one signed in. An
 * authenticator that does not verify the user is refused, also when a tampered page no longer asks it to.
 */
@ExtendWith(ArquillianExtension.class)
class BrowserPasskeySignInIT extends ChromiumByName {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return keysWar(new String[] {"stepwise.mfa.webauthn.passkey-login", "on"});
    }

    @Test
    void aPasskeyWithUserVerificationSignsInWithoutASecondChallenge(@TempDir Path profile) throws Exception {
        String user = TestUsers.withoutFactor();
        start(profile);
        plugInPasskeyHolder(true);
        addPasskey(user);

        chromium.manage().deleteAllCookies(); // a new browser session: nobody signed in
        chromium.get(SampleDeployment.resolve(base, "login").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        String how = signedInByAutofill() ? "conditional mediation (autofill)" : "the button";
        if (how.equals("the button")) {
            chromium.findElement(By.id("passkey")).click();
            wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
        }
        System.out.println("BrowserPasskeySignInIT: the passkey signed in through " + how);

        chromium.get(SampleDeployment.resolve(base, "account").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer")));
        assertThat(chromium.getCurrentUrl()).doesNotContain("/mfa/");
        String trail = adminOverview(user);
        assertThat(countOf(trail, "event=passkey-sign-in user=" + user)).isEqualTo(1);
        assertThat(countOf(trail, "event=challenge-issued user=" + user)).isZero();
    }

    @Test
    void anAuthenticatorThatDoesNotVerifyTheUserIsRefused(@TempDir Path profile) throws Exception {
        String user = TestUsers.withoutFactor();
        start(profile);
        VirtualAuthenticator holder = plugInPasskeyHolder(true);
        addPasskey(user);
        holder.setUserVerified(false);

        chromium.manage().deleteAllCookies();
        chromium.get(SampleDeployment.resolve(base, "login").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("passkey")));
        // A tampered page asks the authenticator for no user verification; the server still requires it.
        chromium.executeScript("var f = window.fetch; window.fetch = function (url, init) {"
                + " return f(url, init).then(function (r) {"
                + "  if (String(url).indexOf('/verify') >= 0) { window.stepwiseVerified = r.status; return r; }"
                + "  if (String(url).indexOf('/options') < 0) { return r; }"
                + "  return r.json().then(function (o) { o.userVerification = 'discouraged';"
                + "   return new Response(JSON.stringify(o), {status: 200,"
                + "    headers: {'Content-Type': 'application/json'}}); }); }); };");
        chromium.findElement(By.id("passkey")).click();
        wait.until(d -> Long.valueOf(401).equals(chromium.executeScript("return window.stepwiseVerified")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("passkey-status"),
                "could not sign you in"));

        assertThat(chromium.getCurrentUrl()).contains("/login");
        chromium.get(SampleDeployment.resolve(base, "account").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username"))); // the login page again
        String trail = adminOverview(user);
        assertThat(countOf(trail, "event=passkey-sign-in user=" + user)).isZero();
        assertThat(countOf(trail, "event=factor-failed user=" + user + " factor=webauthn")).isEqualTo(1);
    }

    /** Whether the autofill's conditional request signs in by itself (a bounded wait for the page to change). */
    private boolean signedInByAutofill() {
        try {
            new WebDriverWait(chromium, Duration.ofSeconds(5))
                    .until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** A virtual authenticator that keeps passkeys (resident keys) and verifies the user (or not). */
    private VirtualAuthenticator plugInPasskeyHolder(boolean verifies) {
        return chromium.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(verifies)
                .setIsUserConsenting(true));
    }

    /** Signs in with the password and adds a passkey on the settings page; the authenticator keeps it. */
    private void addPasskey(String user) {
        VirtualKeys.signIn(chromium, wait, base, user);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer")));
        chromium.get(SampleDeployment.resolve(base, "mfa/settings/webauthn").toString());
        WebElement field = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-key-name")));
        field.sendKeys("Laptop passkey");
        chromium.findElement(By.cssSelector("#stepwise-webauthn-register button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "Your security key or passkey is added."));
    }

    private void start(Path profile) {
        startChromium(HeadlessChromium.options(profile));
        wait.ignoring(WebDriverException.class);
    }

    /** The admin page's overview of {@code user} with its audit trail, as an administrator sees it. */
    private String adminOverview(String user) throws Exception {
        Visitor admin = new Visitor(base).signInWithTestCode(TestUsers.admin());
        HttpResponse<String> page = admin.get("admin?user=" + user);
        if (page.statusCode() == 303) {
            page = admin.followAll(admin.answerChallenge(admin.follow(page), TestCodeFactor.ID, TestCodeFactor.CODE));
        }
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    private static int countOf(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
