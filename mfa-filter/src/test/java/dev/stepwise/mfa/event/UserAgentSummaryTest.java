package dev.stepwise.mfa.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UserAgentSummary} on real {@code User-Agent} strings.
 */
class UserAgentSummaryTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 | Firefox on Linux",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0 | Firefox on Windows",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:131.0) Gecko/20100101 Firefox/131.0 | Firefox on macOS",
            "Mozilla/5.0 (Android 14; Mobile; rv:131.0) Gecko/131.0 Firefox/131.0 | Firefox on Android",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/131.0 Mobile/15E148 Safari/605.1.15 | Firefox on iOS",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 | Chrome on Windows",
            "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36 | Chrome on Android",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 | Chrome on Linux",
            "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 | Chrome on ChromeOS",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/130.0.6723.90 Mobile/15E148 Safari/604.1 | Chrome on iOS",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1 | Safari on iOS",
            "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1 | Safari on iOS",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15 | Safari on macOS",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0 | Edge on Windows",
            "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36 EdgA/130.0.0.0 | Edge on Android",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0 | Opera on Windows",
            "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36 | Samsung Internet on Android",
            "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko | Internet Explorer on Windows",
    })
    void summarisesCommonBrowsers(String header, String summary) {
        assertThat(UserAgentSummary.of(header)).isEqualTo(summary);
    }

    @Test
    void unknownWhenMissingOrUnrecognised() {
        assertThat(UserAgentSummary.of(null)).isEqualTo("Unknown browser");
        assertThat(UserAgentSummary.of("")).isEqualTo("Unknown browser");
        assertThat(UserAgentSummary.of("   ")).isEqualTo("Unknown browser");
        assertThat(UserAgentSummary.of("curl/8.5.0")).isEqualTo("Unknown browser");
        assertThat(UserAgentSummary.of("python-requests/2.32 (Windows)")).isEqualTo("Unknown browser on Windows");
    }

    @Test
    void neverEchoesTheHeader() {
        String hostile = "Firefox/1\r\nmfa event=factor-verified user=admin \"<script>";

        String summary = UserAgentSummary.of(hostile);

        assertThat(summary).isEqualTo("Firefox");
        assertThat(UserAgentSummary.of("<script>alert(1)</script>")).isEqualTo("Unknown browser");
    }

    @Test
    void onlyTheBeginningOfAHugeHeaderIsLookedAt() {
        String huge = "Mozilla/5.0 (X11; Linux x86_64) " + "x".repeat(1_000_000) + " Firefox/128.0";

        assertThat(UserAgentSummary.of(huge)).isEqualTo("Unknown browser on Linux");
    }
}
