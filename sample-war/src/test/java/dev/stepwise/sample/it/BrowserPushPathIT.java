package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.push.FakePushService;
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
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /mfa/push.js} when the library's pages are elsewhere ({@code stepwise.mfa.path=/security}): the service
 * worker stays at {@code /mfa/push-sw.js}, whose scope ({@code /mfa/}) does not cover the settings page, so the
 * script must wait for the registration it made rather than for {@code navigator.serviceWorker.ready} (which waits
 * for a worker that controls the page, and never comes). As in {@link BrowserPushIT}, subscribe answers with a
 * subscription at a local push service in this JVM; the rest is the real browser.
 */
@ExtendWith(ArquillianExtension.class)
class BrowserPushPathIT extends ChromiumByName {

    private static final FakePushService PHONE = start();

    private DevToolsLink devtools;

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
                "stepwise.mfa.push.allow-local-endpoints", "true", "stepwise.mfa.path", "/security");
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
    void thisBrowserIsAddedFromASettingsPageOutsideTheWorkersScope(@TempDir Path profile) throws Exception {
        String user = TestUsers.withoutFactor();
        startChromium(HeadlessChromium.options(profile));
        wait.ignoring(WebDriverException.class);
        devtools = DevToolsLink.to(chromium);
        BrowserPush push = BrowserPush.prepare(chromium, devtools, base, true, PHONE.subscription());

        VirtualKeys.signIn(chromium, wait, base, user);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer")));
        chromium.get(SampleDeployment.resolve(base, "security/settings/push").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-device-name"))).sendKeys("Laptop");
        chromium.findElement(By.cssSelector("#stepwise-push-register button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stepwise-notice"),
                "This device was added"));

        assertThat(chromium.getCurrentUrl()).contains("/security/settings/push");
        assertThat(chromium.findElement(By.id("stepwise-push-devices")).getText()).contains("Laptop");
        assertThat(push.subscribeOptions()).contains("\"userVisibleOnly\":true");
        String scope = SampleDeployment.resolve(base, "mfa/").toString();
        Map<String, Object> registration = push.registration(scope);
        assertThat(registration).containsEntry("scope", scope);
        assertThat(String.valueOf(registration.get("active"))).endsWith("/mfa/push-sw.js");
    }
}
