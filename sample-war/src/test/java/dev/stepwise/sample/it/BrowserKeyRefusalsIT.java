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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security keys the server must refuse, in a real headless Chromium with Chrome's virtual authenticator: a cloned
 * key whose signature counter went back (WebAuthn L2 §7.2 step 21) is refused, counted as a failure and reported
 * as exactly one {@code CloneWarning}; nothing is granted.
 */
@ExtendWith(ArquillianExtension.class)
class BrowserKeyRefusalsIT extends ChromiumByName {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return keysWar(new String[0], AuditTrailServlet.class, CloneWarningServlet.class,
                CloneWarningServlet.Observer.class);
    }

    @Test
    void aClonedKeyWhoseCounterWentBackIsRefusedAndReportedOnce(@TempDir Path profile) throws Exception {
        String user = TestUsers.withoutFactor();
        startChromium(HeadlessChromium.options(profile));

        // 1. She registers a key, then signs in with it once: the server stores the key's counter.
        VirtualAuthenticator first = plugIn(null);
        signIn(user);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer")));
        chromium.get(SampleDeployment.resolve(base, "mfa/settings/webauthn").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-key-name"))).sendKeys("Blue key");
        chromium.findElement(By.cssSelector("#stepwise-webauthn-register button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "Your security key or passkey is added."));
        Credential key = unplug(first);

        chromium.manage().deleteAllCookies();
        VirtualAuthenticator original = plugIn(key);
        signIn(user);
        answerWithKey();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer")));
        Credential used = unplug(original);
        assertThat(used.getSignCount()).isPositive();
        long verified = verifications(user);
        assertThat(verified).isPositive();

        // 2. A clone of that key: the same credential and private key, its counter back at zero.
        chromium.manage().deleteAllCookies();
        plugIn(Credential.createNonResidentCredential(used.getId(), used.getRpId(), used.getPrivateKey(), 0));
        signIn(user);
        answerWithKey();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-error")));
        assertThat(chromium.findElement(By.id("stepwise-error")).getText()).contains("could not be confirmed");
        assertThat(chromium.findElements(By.id("transfer"))).isEmpty();
        chromium.get(SampleDeployment.resolve(base, "transfer").toString());
        assertThat(chromium.findElements(By.id("transfer"))).isEmpty();

        // 3. Exactly one clone warning, one failure counted, and no verification beyond the earlier ones.
        assertThat(backstage("it/clone-warnings").lines().filter(l -> l.startsWith(user + " ")))
                .containsExactly(user + " " + used.getSignCount() + " 1");
        List<String> audit = backstage("it/audit").lines().filter(l -> l.contains(" user=" + user + " ")).toList();
        assertThat(audit.stream().filter(l -> l.startsWith("mfa event=factor-failed") && l.contains("factor=webauthn")))
                .hasSize(1);
        assertThat(verifications(user)).isEqualTo(verified);
    }

    /** How many factor verifications (the enrolment's and the sign-in's) the audit trail has for {@code user}. */
    private long verifications(String user) throws Exception {
        return backstage("it/audit").lines()
                .filter(l -> l.startsWith("mfa event=factor-verified user=" + user + " ")).count();
    }

    private void answerWithKey() {
        WebElement challenge = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("form[data-stepwise-webauthn=get]")));
        challenge.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private VirtualAuthenticator plugIn(Credential key) {
        return VirtualKeys.plugIn(chromium, key);
    }

    private Credential unplug(VirtualAuthenticator authenticator) {
        return VirtualKeys.unplug(chromium, authenticator);
    }

    private void signIn(String user) {
        VirtualKeys.signIn(chromium, wait, base, user);
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
