package dev.stepwise.sample.it;

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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's transfer form in a real headless Chromium: it sends money with fetch(); when the step-up is due
 * the script gets the 401, remembers the transfer, opens the challenge, and after it sends the transfer once.
 * That is the page's way for a factor its step-up dialog does not handle (here the test-only code, as for email,
 * SMS or recovery codes); the dialog itself is {@link BrowserStepUpDialogIT}'s.
 */
@ExtendWith(ArquillianExtension.class)
class BrowserTransferIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return StepUpJourneyIT.deployment();
    }

    @ArquillianResource
    URL base;

    private WebDriver chromium;

    @BeforeEach
    void startChromium(@TempDir Path profile) {
        ChromeOptions options = HeadlessChromium.options(profile);
        chromium = HeadlessChromium.start(options);
    }

    @AfterEach
    void stopChromium() {
        if (chromium != null) {
            chromium.quit();
        }
    }

    @Test
    void theScriptGetsThe401CompletesTheChallengeAndTheTransferGoesThroughOnce() throws Exception {
        WebDriverWait wait = new WebDriverWait(chromium, Duration.ofSeconds(20));
        // 1. A user with a factor signs in and passes the login challenge (a fresh one: on a server that keeps its
        //    database across deployments, the demo users carry what earlier tests did to them).
        String user = TestUsers.withTestCode();
        chromium.get(SampleDeployment.resolve(base, "login").toString());
        chromium.findElement(By.id("username")).sendKeys(user);
        chromium.findElement(By.id("password")).sendKeys(TestUsers.password(user));
        chromium.findElement(By.cssSelector("#login button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stepwise-code"))).sendKeys(TestCodeFactor.CODE);
        chromium.findElement(By.cssSelector("#stepwise-challenge button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfer")));

        // 2. Three minutes later (transfers need a factor from the last two), the user sends money from the form.
        new Visitor(base).advanceClock("PT3M");
        chromium.findElement(By.id("to")).sendKeys("carol");
        chromium.findElement(By.id("amount")).sendKeys("12.50");
        chromium.findElement(By.cssSelector("#transfer button[type=submit]")).click();

        // 3. The script got the 401 and opened the challenge, which says what it is for.
        wait.until(ExpectedConditions.urlContains("/mfa/challenge"));
        assertThat(chromium.findElement(By.id("stepwise-reason")).getText())
                .isEqualTo("Confirm it's you to send money.");
        chromium.findElement(By.id("stepwise-code")).sendKeys(TestCodeFactor.CODE);
        chromium.findElement(By.cssSelector("#stepwise-challenge button[type=submit]")).click();

        // 4. Back on the account page the script sends the remembered transfer, once, and the page shows it.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transfers"), "12.50 to carol"));
        chromium.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transfers")));
        assertThat(chromium.findElement(By.id("transfers")).getText()).containsOnlyOnce("12.50 to carol");
    }
}
