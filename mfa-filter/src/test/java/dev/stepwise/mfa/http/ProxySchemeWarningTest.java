package dev.stepwise.mfa.http;

import dev.stepwise.mfa.core.net.ClientAddress;
import dev.stepwise.mfa.factor.otp.CapturedLogs;
import dev.stepwise.mfa.web.FakeHttp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trusted proxy that says its request came over plain HTTP (an inner proxy writing nginx's {@code $scheme} behind
 * a TLS-terminating one) gets one WARNING per application, not one per request.
 */
class ProxySchemeWarningTest {

    @Test
    void theWarningIsLoggedOnceAndNamesTheProxyNotTheHeader() {
        ProxySchemeWarning warning = new ProxySchemeWarning();

        try (CapturedLogs logs = CapturedLogs.start()) {
            assertThat(warning.warn("10.0.0.5")).isTrue();
            assertThat(warning.warn("10.0.0.5")).isFalse();
            assertThat(warning.warn("10.0.0.6")).isFalse();

            assertThat(logs.lines().stream().filter(l -> l.contains(" WARNING "))).singleElement().asString()
                    .contains("trusted proxy 10.0.0.5", "other than https", "X-Forwarded-Proto $scheme",
                            "Logged once");
        }
    }

    @Test
    void aTrustedProxySayingHttpIsPlainHttpAndSetsOffTheApplicationsWarning() {
        FakeHttp.Request request = new FakeHttp.Request("alice", null);
        request.scheme = "http";
        request.port = 80;
        request.remoteAddr = "10.0.0.5";
        request.header("X-Forwarded-Proto", "http");

        boolean secure = RequestFacts.arrivedSecure(request.asHttpServletRequest(), ClientAddress.parse("10.0.0.0/8"));

        assertThat(secure).isFalse();
        assertThat(ProxySchemeWarning.ONCE.warn("10.0.0.5")).isFalse(); // already given, by that request or earlier
    }
}
