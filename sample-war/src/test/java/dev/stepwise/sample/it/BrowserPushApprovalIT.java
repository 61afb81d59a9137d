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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push approval with number matching (docs/push.md) in a real headless Chromium, with the helpers of
 * {@link BrowserPushIT}: the user adds this browser as a device; a second session (the cookies cleared) signs in
 * with the password and asks for a notification; the push the server sent (opened with the device's keys) goes to
 * the real {@code /mfa/push-sw.js}; its link opens {@code /mfa/push-approve.js} in a tab of its own, which shows
 * three numbers and "This wasn't me". Choosing the number the sign-in page shows signs that page in by itself,
 * through {@code /mfa/push-poll.js}, without pressing "Continue"; "This wasn't me" makes it show the denial.
 */
@ExtendWith(ArquillianExtension.class)
class BrowserPushApprovalIT extends ChromiumByName {

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
                "stepwise.mfa.push.allow-local-endpoints", "true", "stepwise.mfa.push.prompt", "number");
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
    void choosingTheNumberOnTheDeviceSignsThePageInByItself(@TempDir Path profile) throws Exception {
        String user = deviceAdded(profile);
        int number = signInAgainAndSend(user);
        String url = notificationShown(number);
        String signIn = chromium.getWindowHandle();

        List<WebElement> buttons = approvalPage(url);
        assertThat(buttons.subList(0, 3)).extracting(WebElement::getText).contains(String.valueOf(number));
        buttons.stream().filter(b -> b.getText().equals(String.valueOf(number))).findFirst().orElseThrow().click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-stepwise-status]"),
                "Approved"));

        chromium.switchTo().window(signIn);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer"))); // nobody pressed Continue
        assertThat(chromium.findElement(By.id("user")).getText()).isEqualTo(user);
        assertThat(chromium.getCurrentUrl()).doesNotContain("/mfa/");
    }

    @Test
    void thisWasntMeOnTheDeviceShowsTheDenialOnTheSignInPage(@TempDir Path profile) throws Exception {
        String user = deviceAdded(profile);
        int number = signInAgainAndSend(user);
        String url = notificationShown(number);
        String signIn = chromium.getWindowHandle();

        List<WebElement> buttons = approvalPage(url);
        buttons.get(3).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-stepwise-status]"),
                "Denied"));

        chromium.switchTo().window(signIn);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stepwise-approval-status"),
                "The sign-in was denied on your device"));
        assertThat(chromium.findElement(By.id("stepwise-challenge")).isDisplayed()).isFalse();
        assertThat(chromium.findElements(By.id("transfer"))).isEmpty();
    }

    /** A new user, signed in with the password, who adds this browser as "Phone". */
    private String deviceAdded(Path profile) throws Exception {
        String user = TestUsers.withoutFactor();
        startChromium(HeadlessChromium.options(profile));
        wait.ignoring(WebDriverException.class);
        devtools = DevToolsLink.to(chromium);
        push = BrowserPush.prepare(chromium, devtools, base, true, PHONE.subscription());
        VirtualKeys.signIn(chromium, wait, base, user);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer")));
        chromium.get(SampleDeployment.resolve(base, "mfa/settings/push").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-device-name"))).sendKeys("Phone");
        chromium.findElement(By.cssSelector("#stepwise-push-register button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stepwise-notice"),
                "This device was added"));
        return user;
    }

    /** A second session (cookies cleared) signs in with the password and presses "Send notification". */
    private int signInAgainAndSend(String user) {
        chromium.manage().deleteAllCookies();
        VirtualKeys.signIn(chromium, wait, base, user);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#stepwise-send button"))).click();
        String shown = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-approval-number")))
                .getText();
        assertThat(shown).matches("[1-9][0-9]");
        return Integer.parseInt(shown);
    }

    /**
     * The push the device got: delivered to the real service worker, which shows it without the number; returns
     * the approval link it carries.
     */
    private String notificationShown(int number) throws Exception {
        assertThat(PHONE.requests).isNotEmpty();
        FakePushService.Received received = PHONE.requests.get(PHONE.requests.size() - 1);
        assertThat(received.failure()).isNull();
        String payload = new String(received.payload(), StandardCharsets.UTF_8);
        Map<String, Object> sent = new Json().toType(payload, Json.MAP_TYPE);
        assertThat(sent.get("type")).isEqualTo("stepwise-approve");
        assertThat(sent).doesNotContainKeys("number", "code", "choices");
        String url = String.valueOf(sent.get("url"));
        assertThat(url).contains("/mfa/push/approve#").matches(".*#[A-Za-z0-9_-]{43}");

        push.deliver(push.registrationId("/mfa/"), payload);
        List<Shown> shown = push.notifications();
        assertThat(shown).hasSize(1);
        assertThat(shown.get(0).title()).isEqualTo(sent.get("title"));
        assertThat(shown.get(0).body()).isEqualTo(sent.get("body")).doesNotContain(String.valueOf(number));
        assertThat(shown.get(0).title()).doesNotContain(String.valueOf(number));
        assertThat(shown.get(0).tag()).isEqualTo("stepwise-approve");
        return url;
    }

    /** Opens {@code url} in a new tab (the device); its buttons once shown: three numbers, then "This wasn't me". */
    private List<WebElement> approvalPage(String url) {
        chromium.switchTo().newWindow(WindowType.TAB);
        chromium.get(url);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#stepwise-approve-choices button"), 4));
        assertThat(chromium.getCurrentUrl()).as("the token left the address bar").doesNotContain("#");
        assertThat(chromium.executeScript("return window.location.hash + '|' + history.length")).asString()
                .startsWith("|");
        List<WebElement> buttons = chromium.findElements(By.cssSelector("#stepwise-approve-choices button"));
        assertThat(buttons.get(3).getText()).isEqualTo("This wasn't me");
        return buttons;
    }
}
