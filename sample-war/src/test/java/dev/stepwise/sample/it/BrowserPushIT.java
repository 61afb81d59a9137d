package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.push.FakePushService;
import dev.stepwise.sample.it.BrowserPush.Shown;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The push factor's two scripts in a real headless Chromium on the real pages. Chromium cannot reach a push
 * service here, so {@code PushManager.prototype.subscribe} answers with a subscription at a local push service in
 * this JVM ({@link FakePushService}, which holds the browser's keys); the rest is real: the notifications
 * permission (given or refused through DevTools), {@code /mfa/push.js} registering {@code /mfa/push-sw.js} and
 * posting the subscription with the CSRF token, the server's checks and storage, the code pushed at the next
 * sign-in (opened with the browser's keys) and {@code /mfa/push-sw.js} showing it when DevTools delivers that
 * payload to it as a push. Payloads the worker must refuse show nothing; the code typed on the challenge page
 * signs in. A browser that refuses notifications is not added, and nothing is posted.
 */
@ExtendWith(ArquillianExtension.class)
class BrowserPushIT extends ChromiumByName {

    private static final FakePushService PHONE = start();

    private DevToolsLink devtools;
    private BrowserPush push;

    private static FakePushService start() {
        try {
            return new FakePushService();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        JavaArchive config = SampleDeployment.contextParams("stepwise.mfa.factors", "push",
                "stepwise.mfa.push.allow-local-endpoints", "true");
        return SampleDeployment.war().addClasses(TestUsers.class, Visitor.class).addAsLibrary(config);
    }

    @AfterAll
    static void stop() {
        PHONE.close();
    }

    @AfterEach
    void closeDevTools() {
        if (devtools != null) {
            devtools.close();
        }
    }

    @Test
    void theScriptsAddThisBrowserAndItsWorkerShowsTheCodeThatSignsIn(@TempDir Path profile) throws Exception {
        String user = TestUsers.withoutFactor();
        start(profile, true);
        addThisBrowser(user, "Laptop");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stepwise-notice"),
                "This device was added"));
        assertThat(chromium.findElement(By.id("stepwise-push-devices")).getText()).contains("Laptop");
        String key = chromium.findElement(By.id("stepwise-push-register")).getAttribute("data-stepwise-push");
        assertThat(push.subscribeOptions()).isEqualTo("{\"userVisibleOnly\":true,\"applicationServerKey\":\""
                + key + "\"}");
        Map<String, Object> registration = push.registration();
        assertThat(String.valueOf(registration.get("scope"))).endsWith(SampleDeployment.CONTEXT_ROOT + "/mfa/");
        assertThat(String.valueOf(registration.get("active"))).endsWith("/mfa/push-sw.js");

        String payload = signInAgainAndSendCode(user);
        Map<String, Object> sent = new Json().toType(payload, Json.MAP_TYPE);
        String code = String.valueOf(sent.get("code"));
        assertThat(code).matches("[0-9]{6}");
        String worker = push.registrationId("/mfa/");
        for (String refused : refusedPayloads(code)) {
            push.deliver(worker, refused);
            assertThat(push.notifications()).as(refused).isEmpty();
        }
        push.deliver(worker, payload);
        List<Shown> shown = push.notifications();
        assertThat(shown).hasSize(1);
        assertThat(shown.get(0).title()).isEqualTo(sent.get("title"));
        assertThat(shown.get(0).body()).isEqualTo(sent.get("body")).contains(code);
        assertThat(shown.get(0).tag()).isEqualTo("stepwise-code");
        assertThat(shown.get(0).lang()).isEqualTo("en");

        chromium.findElement(By.id("stepwise-code")).sendKeys(code);
        chromium.findElement(By.cssSelector("#stepwise-challenge button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer")));
        assertThat(chromium.findElement(By.id("user")).getText()).isEqualTo(user);
        assertThat(chromium.getCurrentUrl()).doesNotContain("/mfa/");
    }

    @Test
    void aBrowserThatRefusesNotificationsIsNotAddedAndNothingIsPosted(@TempDir Path profile) throws Exception {
        String user = TestUsers.withoutFactor();
        start(profile, false);
        int before = PHONE.requests.size();
        addThisBrowser(user, "Refusing laptop");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-stepwise-status]"),
                "did not allow notifications"));

        assertThat(chromium.executeScript("return window.stepwiseStillHere")).isEqualTo(true); // no form post
        assertThat(push.subscribeOptions()).isNull();
        assertThat(push.registration()).isNull();
        chromium.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-device-name")));
        assertThat(chromium.findElements(By.id("stepwise-push-devices"))).isEmpty();
        assertThat(chromium.findElements(By.id("stepwise-notice"))).isEmpty();
        assertThat(PHONE.requests).hasSize(before);
    }

    @Test
    void aSubscriptionThatFailsSaysSoAndNotThatNotificationsWereRefused(@TempDir Path profile) throws Exception {
        String user = TestUsers.withoutFactor();
        start(profile, true);
        push.failSubscribe();
        int before = PHONE.requests.size();
        addThisBrowser(user, "Failing laptop");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-stepwise-status]"),
                "could not be registered for notifications"));

        assertThat(chromium.findElement(By.cssSelector("[data-stepwise-status]")).getText())
                .doesNotContain("did not allow");
        assertThat(chromium.executeScript("return window.stepwiseStillHere")).isEqualTo(true); // no form post
        assertThat(PHONE.requests).hasSize(before);
    }

    /**
     * Payloads the worker must not show, each with {@code code}: another type, a code that is not 6 to 8 digits, a
     * title that is not a string, and no JSON at all. A second payload type the worker accepts gets its own test.
     */
    private static List<String> refusedPayloads(String code) {
        String body = "\"title\":\"Sample Bank: sign-in code\",\"body\":\"Your code is " + code + "\"";
        return List.of("{\"type\":\"stepwise-other\"," + body + ",\"code\":\"" + code + "\"}",
                "{\"type\":\"stepwise-code\"," + body + ",\"code\":\"12ab56\"}",
                "{\"type\":\"stepwise-code\"," + body + ",\"code\":\"" + code + "0000\"}",
                "{\"type\":\"stepwise-code\",\"title\":7,\"body\":\"b\",\"code\":\"" + code + "\"}",
                "Your code is " + code);
    }

    /** Chromium with notifications granted or denied and the subscription of {@link #PHONE}. */
    private void start(Path profile, boolean notificationsGranted) throws Exception {
        startChromium(HeadlessChromium.options(profile));
        wait.ignoring(WebDriverException.class);
        devtools = DevToolsLink.to(chromium);
        push = BrowserPush.prepare(chromium, devtools, base, notificationsGranted, PHONE.subscription());
    }

    /** Signs in with the password and presses "Add this browser" on the push settings page. */
    private void addThisBrowser(String user, String name) {
        VirtualKeys.signIn(chromium, wait, base, user);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer")));
        chromium.get(SampleDeployment.resolve(base, "mfa/settings/push").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-device-name"))).sendKeys(name);
        chromium.executeScript("window.stepwiseStillHere = true");
        chromium.findElement(By.cssSelector("#stepwise-push-register button[type=submit]")).click();
    }

    /**
     * A new browser session signs in with the password and presses "Send code"; returns the payload the local push
     * service received and opened with the browser's keys.
     */
    private String signInAgainAndSendCode(String user) {
        chromium.manage().deleteAllCookies();
        VirtualKeys.signIn(chromium, wait, base, user);
        int before = PHONE.requests.size();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#stepwise-send button"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stepwise-notice"),
                "We sent a code to Laptop"));
        assertThat(PHONE.requests).hasSize(before + 1);
        FakePushService.Received received = PHONE.requests.get(before);
        assertThat(received.failure()).isNull();
        return new String(received.payload(), StandardCharsets.UTF_8);
    }
}
