package dev.stepwise.sample.it;

import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the browser tests with security keys share: the deployment reached by name, one headless Chromium per test
 * (quit after it) and a 20-second wait on it. A subclass declares its own {@code @Deployment}, usually
 * {@link #keysWar}, and starts Chromium with the options it needs.
 */
abstract class ChromiumByName {

    @ArquillianResource
    URL deployed;

    /** By name: a WebAuthn relying party is a domain, never an IP literal. */
    URL base;
    ChromeDriver chromium;
    WebDriverWait wait;

    /**
     * The sample with the test-only code, security keys and recovery codes as its factors, the test users, clock
     * and {@link Visitor}, plus {@code moreClasses} and the context parameters {@code moreParams} (name, value, ...).
     */
    static WebArchive keysWar(String[] moreParams, Class<?>... moreClasses) {
        List<String> params = new ArrayList<>(List.of("stepwise.mfa.factors",
                TestCodeFactor.ID + ",webauthn,recovery"));
        params.addAll(Arrays.asList(moreParams));
        JavaArchive config = SampleDeployment.contextParams(params.toArray(String[]::new));
        return SampleDeployment.war().addClasses(TestCodeFactor.class, TestUsers.class, TestClock.class,
                TestClockServlet.class, Visitor.class).addClasses(moreClasses).addAsLibrary(config);
    }

    @BeforeEach
    void byName() throws MalformedURLException {
        base = SampleDeployment.byName(deployed);
    }

    @AfterEach
    void stopChromium() {
        if (chromium != null) {
            chromium.quit();
        }
    }

    /** Starts this test's Chromium with {@code options} and a 20-second wait on it. */
    void startChromium(ChromeOptions options) {
        chromium = HeadlessChromium.start(options);
        wait = new WebDriverWait(chromium, Duration.ofSeconds(20));
    }
}
