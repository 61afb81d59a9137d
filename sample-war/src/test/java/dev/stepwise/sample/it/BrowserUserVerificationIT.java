package dev.stepwise.sample.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code stepwise.mfa.webauthn.user-verification=required} in a real headless Chromium with Chrome's virtual
 * authenticator: a key registered with user verification, then used where the user is not verified (the
 * authenticator's {@code isUserVerified} is false). The browser itself refuses when the page asks for verification;
 * a page whose options were changed to skip it gets a signature without the UV flag, which the challenge page
 * refuses as one counted failure. Nothing is granted either way.
 */
@ExtendWith(ArquillianExtension.class)
class BrowserUserVerificationIT extends ChromiumByName {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return keysWar(new String[] {"stepwise.mfa.webauthn.user-verification", "required"},
                AuditTrailServlet.class);
    }

    @Test
    void aKeyThatDoesNotVerifyTheUserIsRefusedCountedOnceAndGrantsNothing(@TempDir Path profile) throws Exception {
        String user = TestUsers.withoutFactor();
        startChromium(HeadlessChromium.options(profile));

        // 1. She registers a key that verifies her (PIN or fingerprint): the options ask for it.
        VirtualAuthenticator verifying = VirtualKeys.plugIn(chromium, null);
        VirtualKeys.signIn(chromium, wait, base, user);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer")));
        chromium.get(SampleDeployment.resolve(base, "mfa/settings/webauthn").toString());
        WebElement register = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.id("stepwise-webauthn-register")));
        assertThat(register.getDomAttribute("data-options")).contains("\"userVerification\":\"required\"");
        chromium.findElement(By.id("stepwise-key-name")).sendKeys("Blue key");
        register.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "Your security key or passkey is added."));
        Credential key = VirtualKeys.unplug(chromium, verifying);
        long verified = count("mfa event=factor-verified user=" + user + " ");
        long failedBefore = failures(user);

        // 2. The same key where the user is not verified: Chromium refuses to sign for a page that requires it.
        chromium.manage().deleteAllCookies();
        VirtualAuthenticator unverified = VirtualKeys.plugIn(chromium, key, false);
        VirtualKeys.signIn(chromium, wait, base, user);
        WebElement challenge = challengeForm();
        assertThat(challenge.getDomAttribute("data-options")).contains("\"userVerification\":\"required\"");
        challenge.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement status = challenge.findElement(By.cssSelector("[data-stepwise-status]"));
        wait.until(d -> !status.getText().isBlank());
        assertThat(chromium.findElements(By.id("transfer"))).isEmpty();
        assertThat(failures(user)).isEqualTo(failedBefore);

        // 3. A page whose options were changed to skip verification: the key signs, without the UV flag.
        chromium.navigate().refresh();
        WebElement tampered = challengeForm();
        chromium.executeScript("var f = arguments[0], o = JSON.parse(f.getAttribute('data-options'));"
                + "o.userVerification = 'discouraged'; f.setAttribute('data-options', JSON.stringify(o));", tampered);
        tampered.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-error")));
        assertThat(chromium.findElement(By.id("stepwise-error")).getText()).contains("could not be confirmed");
        assertThat(unverified.getCredentials()).singleElement()
                .satisfies(c -> assertThat(c.getSignCount()).isGreaterThan(key.getSignCount()));

        // 4. Refused, not granted: one failure counted, no verification, the application still closed.
        assertThat(chromium.findElements(By.id("transfer"))).isEmpty();
        chromium.get(SampleDeployment.resolve(base, "transfer").toString());
        assertThat(chromium.findElements(By.id("transfer"))).isEmpty();
        assertThat(failures(user)).isEqualTo(failedBefore + 1);
        assertThat(count("mfa event=factor-verified user=" + user + " ")).isEqualTo(verified);
    }

    private WebElement challengeForm() {
        return wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("form[data-stepwise-webauthn=get]")));
    }

    /** The failed WebAuthn attempts the audit trail has for {@code user}. */
    private long failures(String user) throws Exception {
        return backstage("it/audit").lines().filter(l -> l.startsWith("mfa event=factor-failed")
                && l.contains(" user=" + user + " ") && l.contains("factor=webauthn")).count();
    }

    private long count(String prefix) throws Exception {
        return backstage("it/audit").lines().filter(l -> l.startsWith(prefix)).count();
    }

    /** A test-only page of the deployment, read without any visitor's cookies. */
    private String backstage(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(SampleDeployment.resolve(base, path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
