package dev.stepwise.mfa.http;

import dev.stepwise.mfa.core.net.ClientAddress;
import dev.stepwise.mfa.web.FakeHttp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trust and device cookies on the wire: named for the application, {@code __Host-} and {@code Secure} exactly
 * when the request arrived over HTTPS, by the container's word or a trusted proxy's.
 */
class TrustCookieTest {

    private static final ClientAddress PROXY = ClientAddress.parse("10.0.0.1");

    private final FakeHttp.Request browser = new FakeHttp.Request("alice", null);
    private final FakeHttp.Response response = new FakeHttp.Response();

    private RequestFacts facts() {
        return RequestFacts.of(browser.asHttpServletRequest(), PROXY, Set.of());
    }

    private List<String> setCookies() {
        return response.headers.getOrDefault("Set-Cookie", List.of());
    }

    private void write(RequestFacts facts, String value, Duration maxAge) {
        TrustCookie.write(response.asHttpServletResponse(), facts.contextPath(), facts.secure(), value, maxAge);
    }

    private void issueDevice(RequestFacts facts, Duration lifetime) {
        DeviceCookie.issue(response.asHttpServletResponse(), facts.contextPath(), facts.secure(), lifetime);
    }

    /** Plain HTTP to the container, as behind a TLS-terminating proxy or from a client talking to it directly. */
    private void plainHttp() {
        browser.scheme = "http";
        browser.port = 80;
    }

    @Test
    void overHttpsTheCookieIsHostPrefixedSecureAndNamedForTheApplication() {
        write(facts(), "v", Duration.ofDays(30));

        assertThat(setCookies()).containsExactly(
                "__Host-stepwise-trust-bank=v; Max-Age=2592000; Path=/; HttpOnly; SameSite=Lax; Secure");
    }

    @Test
    void behindATrustedTlsProxyTheCookieIsStillHostPrefixedAndSecure() {
        plainHttp();
        browser.remoteAddr = "10.0.0.1";
        browser.header("X-Forwarded-Proto", "https");

        RequestFacts facts = facts();
        write(facts, "v", Duration.ofDays(1));
        TrustCookie.clear(response.asHttpServletResponse(), facts.contextPath(), facts.secure());

        assertThat(facts.secure()).isTrue();
        assertThat(setCookies()).containsExactly(
                "__Host-stepwise-trust-bank=v; Max-Age=86400; Path=/; HttpOnly; SameSite=Lax; Secure",
                "__Host-stepwise-trust-bank=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax; Secure");
    }

    @Test
    void behindATrustedTlsProxyTheHostPrefixedCookieIsTheOneRead() {
        plainHttp();
        browser.remoteAddr = "10.0.0.1";
        browser.header("Forwarded", "for=203.0.113.7;proto=https");
        browser.cookies.put("stepwise-trust-bank", "planted-over-http");
        browser.cookies.put("__Host-stepwise-trust-bank", "the-real-one");

        assertThat(facts().trustCookie()).isEqualTo("the-real-one");
    }

    @Test
    void aClientClaimingHttpsOverPlainHttpGetsNoSecureCookieAndNoHostPrefixedOneIsRead() {
        plainHttp();
        browser.header("X-Forwarded-Proto", "https").header("Forwarded", "proto=https");
        browser.cookies.put("__Host-stepwise-trust-bank", "stolen");

        RequestFacts facts = facts();
        write(facts, "v", Duration.ofDays(1));

        assertThat(facts.secure()).isFalse();
        assertThat(facts.trustCookie()).isNull();
        assertThat(setCookies()).containsExactly(
                "stepwise-trust-bank=v; Max-Age=86400; Path=/; HttpOnly; SameSite=Lax");
    }

    @Test
    void aTrustedProxySayingHttpDoesNotDowngradeWhatTheContainerReceivedOverTls() {
        browser.remoteAddr = "10.0.0.1";
        browser.header("X-Forwarded-Proto", "http");

        assertThat(facts().secure()).isTrue();
    }

    @Test
    void theRootApplicationKeepsThePlainNames() {
        browser.contextPath = "";
        RequestFacts facts = facts();
        write(facts, "v", Duration.ofDays(1));
        issueDevice(facts, Duration.ofDays(1));

        assertThat(setCookies()).hasSize(2);
        assertThat(setCookies().get(0)).startsWith("__Host-stepwise-trust=v;");
        assertThat(setCookies().get(1)).startsWith("stepwise-device=").endsWith("; Secure");
    }

    @Test
    void theDeviceCookieIsNamedForTheApplicationAndSecureBehindATrustedTlsProxy() {
        plainHttp();
        browser.remoteAddr = "10.0.0.1";
        browser.header("X-Forwarded-Proto", "https");

        RequestFacts facts = facts();
        assertThat(facts.deviceCookie()).isNull();
        issueDevice(facts, Duration.ofDays(90));

        assertThat(setCookies()).singleElement().asString()
                .matches("stepwise-device-bank=[A-Za-z0-9_-]{22}; Max-Age=7776000; Path=/; HttpOnly; SameSite=Lax; "
                        + "Secure");
    }

    @Test
    void theDeviceCookieOfAnotherApplicationIsNotTheBrowsersDeviceHere() {
        browser.cookies.put("stepwise-device-shop", "AAAAAAAAAAAAAAAAAAAAAA");

        RequestFacts facts = facts();
        assertThat(facts.deviceCookie()).isNull();
        issueDevice(facts, Duration.ofDays(90));
        assertThat(setCookies()).singleElement().asString().startsWith("stepwise-device-bank=");
    }
}
