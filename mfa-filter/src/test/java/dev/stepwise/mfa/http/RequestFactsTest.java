package dev.stepwise.mfa.http;

import dev.stepwise.mfa.core.net.ClientAddress;
import dev.stepwise.mfa.web.FakeHttp;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RequestFactsTest {

    private static final ClientAddress PROXY = ClientAddress.parse("10.0.0.1/32");

    private final FakeHttp.Request browser = new FakeHttp.Request("alice", null);

    private RequestFacts facts() {
        return RequestFacts.of(browser.asHttpServletRequest(), PROXY, Set.of("https://partner.example"));
    }

    @Test
    void pathsQueryAndMethodAreTheRequestsOwn() {
        browser.servletPath = "/account";
        browser.pathInfo = "/email";
        browser.query = "tab=1&x=%2F";
        browser.method = "POST";

        RequestFacts facts = facts();

        assertThat(facts.path()).isEqualTo("/account/email");
        assertThat(facts.rawPath()).isEqualTo("/account/email");
        assertThat(facts.query()).isEqualTo("tab=1&x=%2F");
        assertThat(facts.method()).isEqualTo("POST");
        assertThat(facts.contextPath()).isEqualTo("/bank");
        assertThat(facts.principal()).isEqualTo("alice");
        assertThat(facts.judgesLogin()).isTrue();
    }

    @Test
    void anIncludeIsNamedByItsTarget() {
        browser.dispatch = DispatcherType.INCLUDE;
        browser.servletPath = "/page";
        browser.attributes.put(RequestDispatcher.INCLUDE_SERVLET_PATH, "/admin");
        browser.attributes.put(RequestDispatcher.INCLUDE_PATH_INFO, "/panel");

        RequestFacts facts = facts();

        assertThat(facts.path()).isEqualTo("/admin/panel");
        assertThat(facts.judgesLogin()).isFalse();
    }

    @Test
    void forwardedForIsBelievedOnlyFromATrustedProxy() {
        browser.header("X-Forwarded-For", "198.51.100.9");
        assertThat(facts().clientAddress()).isEqualTo("203.0.113.7");

        browser.remoteAddr = "10.0.0.1";
        assertThat(facts().clientAddress()).isEqualTo("198.51.100.9");
        assertThat(facts().clientInet().getHostAddress()).isEqualTo("198.51.100.9");
    }

    @Test
    void scriptsAndBrowsersAreToldApart() {
        assertThat(facts().apiClient()).isFalse();

        browser.header("Accept", "application/json");
        assertThat(facts().apiClient()).isTrue();

        FakeHttp.Request ajax = new FakeHttp.Request("alice", null).header("X-Requested-With", "fetch");
        assertThat(RequestFacts.of(ajax.asHttpServletRequest(), PROXY, Set.of()).apiClient()).isTrue();
    }

    @Test
    void aDefaultFetchIsAnApiClientAndANavigationIsNot() {
        FakeHttp.Request fetch = new FakeHttp.Request("alice", null).header("Accept", "*/*")
                .header("Sec-Fetch-Mode", "cors").header("Sec-Fetch-Dest", "empty");
        assertThat(RequestFacts.of(fetch.asHttpServletRequest(), PROXY, Set.of()).apiClient()).isTrue();
        assertThat(RequestFacts.isApiClient(fetch.asHttpServletRequest())).isTrue();

        browser.header("Accept", "*/*").header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document")
                .header("X-Requested-With", "com.example.webview");
        assertThat(facts().apiClient()).isFalse();
    }

    @Test
    void anUnsafeRequestFromAnotherSiteIsCrossSiteAndALinkIsOnlyFromAnotherSite() {
        browser.method = "POST";
        browser.header("Sec-Fetch-Site", "cross-site").header("Origin", "https://evil.example");

        RequestFacts post = facts();
        assertThat(post.isCrossSite()).isTrue();
        assertThat(post.unsafeCrossSite().seen()).isEqualTo("https://evil.example");
        assertThat(post.fromAnotherSite()).isTrue();

        browser.method = "GET";
        RequestFacts link = facts();
        assertThat(link.isCrossSite()).isFalse();
        assertThat(link.fromAnotherSite()).isTrue();
    }

    @Test
    void anAllowedOriginIsTheSameSite() {
        browser.method = "POST";
        browser.header("Origin", "https://partner.example");

        assertThat(facts().isCrossSite()).isFalse();
    }

    @Test
    void cookiesAreReadButNeverShown() {
        browser.cookies.put(TrustCookie.name("/bank", true), "secret-trust-value");
        browser.cookies.put(DeviceCookie.name("/bank"), "AAAAAAAAAAAAAAAAAAAAAA");

        RequestFacts facts = facts();

        assertThat(facts.trustCookie()).isEqualTo("secret-trust-value");
        assertThat(facts.deviceCookie()).isEqualTo("AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(facts.toString()).doesNotContain("secret-trust-value").doesNotContain("AAAAAAAA");
    }

    @Test
    void anotherApplicationsCookiesOnTheSameHostAreNotRead() {
        // /bank and the root application (or /shop) share the host and Path=/: the names tell them apart
        browser.cookies.put("__Host-stepwise-trust", "roots-trust");
        browser.cookies.put("__Host-stepwise-trust-shop", "shops-trust");
        browser.cookies.put("stepwise-device", "BBBBBBBBBBBBBBBBBBBBBB");

        RequestFacts facts = facts();

        assertThat(facts.trustCookie()).isNull();
        assertThat(facts.deviceCookie()).isNull();

        browser.cookies.put("__Host-stepwise-trust-bank", "banks-trust");
        browser.cookies.put("stepwise-device-bank", "AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(facts().trustCookie()).isEqualTo("banks-trust");
        assertThat(facts().deviceCookie()).isEqualTo("AAAAAAAAAAAAAAAAAAAAAA");
    }

    @Test
    void theOriginNamesANonDefaultPortOnly() {
        assertThat(facts().origin()).isEqualTo("https://bank.example");
        browser.scheme = "http";
        browser.port = 8080;
        assertThat(facts().origin()).isEqualTo("http://bank.example:8080");
    }

    @Test
    void behindATlsProxyTheOriginIsHttpsAndAnOriginHeaderOfHttpsIsTheSameSite() {
        browser.scheme = "http";
        browser.port = 80;
        browser.remoteAddr = "10.0.0.1";
        browser.method = "POST";
        browser.header("X-Forwarded-Proto", "https").header("Origin", "https://bank.example");

        RequestFacts facts = facts();

        assertThat(facts.origin()).isEqualTo("https://bank.example");
        assertThat(facts.isCrossSite()).isFalse();
    }

    @Test
    void aClientClaimingHttpsOverPlainHttpIsNotBelieved() {
        browser.scheme = "http";
        browser.port = 80;
        browser.method = "POST";
        browser.header("X-Forwarded-Proto", "https").header("Forwarded", "proto=https")
                .header("Origin", "https://bank.example");

        RequestFacts facts = facts();

        assertThat(facts.origin()).isEqualTo("http://bank.example");
        assertThat(facts.isCrossSite()).isTrue();
    }

    @Test
    void userAgentIsSummarisedAndRolesAreTheContainers() {
        browser.header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        browser.roles.add("admin");

        RequestFacts facts = facts();

        assertThat(facts.userAgent()).isEqualTo("Firefox on Linux");
        assertThat(facts.caller().isInRole("admin")).isTrue();
        assertThat(facts.caller().isInRole("auditor")).isFalse();
    }

    @Test
    void theLibrarysOwnPathsAreRecognised() {
        browser.servletPath = "/mfa";
        browser.pathInfo = "/challenge";
        assertThat(facts().isLibraryPath("/mfa")).isTrue();
        browser.servletPath = "/mfax";
        browser.pathInfo = null;
        assertThat(facts().isLibraryPath("/mfa")).isFalse();
    }
}
