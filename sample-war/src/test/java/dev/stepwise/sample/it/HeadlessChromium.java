package dev.stepwise.sample.it;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Path;

/**
 * Debian's Chromium and ChromeDriver, headless, as the browser tests start them: no sandbox (tests run as root in
 * CI), nothing fetched in the background, a fresh profile per test.
 */
final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /** The options of a headless Chromium with its own profile in {@code profile}; a test may add to them. */
    static ChromeOptions options(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile);
        return options;
    }

    /** Chromium started with {@code options} through Debian's ChromeDriver. */
    static ChromeDriver start(ChromeOptions options) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        return new ChromeDriver(service, options);
    }
}
