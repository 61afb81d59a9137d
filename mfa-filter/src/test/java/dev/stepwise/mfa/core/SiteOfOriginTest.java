package dev.stepwise.mfa.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SiteOfOriginTest {

    private static final String OWN = "https://bank.example";

    private static SiteOfOrigin.Verdict post(String secFetchSite, String origin, String referer) {
        return SiteOfOrigin.of("POST", OWN, Set.of("https://app.example"), secFetchSite, origin, referer);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "GET", "HEAD", "OPTIONS", "TRACE"})
    void safeMethodsAreNeverRefusedEvenFromAnotherSite(String method) {
        assertThat(SiteOfOrigin.of(method, OWN, Set.of(), "cross-site", "https://evil.example", null).crossSite())
                .isFalse();
    }

    @Test
    void aNavigationFromAnotherSiteIsCrossSiteWhateverItsMethod() {
        assertThat(SiteOfOrigin.sender(OWN, Set.of(), "cross-site", null, null).crossSite()).isTrue();
        assertThat(SiteOfOrigin.sender(OWN, Set.of(), null, null, "https://evil.example/").crossSite()).isTrue();
        assertThat(SiteOfOrigin.sender(OWN, Set.of(), "none", null, null).crossSite()).isFalse();
        assertThat(SiteOfOrigin.sender(OWN, Set.of(), null, null, null).crossSite()).isFalse();
    }

    @Test
    void methodNamesAreCaseSensitiveSoLowerCaseGetIsUnsafe() {
        assertThat(SiteOfOrigin.of("get", OWN, Set.of(), "cross-site", "https://evil.example", null).crossSite())
                .isTrue();
    }

    @Test
    void canonicalOriginDropsDefaultPortPathAndCase() {
        assertThat(SiteOfOrigin.canonical("HTTPS://App.Example:443/x?y")).isEqualTo("https://app.example");
        assertThat(SiteOfOrigin.canonical("http://localhost:8080")).isEqualTo("http://localhost:8080");
        assertThat(SiteOfOrigin.canonical("null")).isNull();
        assertThat(SiteOfOrigin.canonical("ftp://x.example")).isNull();
    }

    @Test
    void crossSiteFetchMetadataIsRefusedAndNamesTheOrigin() {
        SiteOfOrigin.Verdict v = post("cross-site", "https://evil.example", null);

        assertThat(v.crossSite()).isTrue();
        assertThat(v.seen()).isEqualTo("https://evil.example");
    }

    @Test
    void sameSiteSiblingSubdomainIsRefused() {
        assertThat(post("same-site", "https://shop.bank.example", null).crossSite()).isTrue();
    }

    @Test
    void sameOriginAndUserTypedFetchMetadataPass() {
        assertThat(post("same-origin", "https://evil.example", null).crossSite()).isFalse();
        assertThat(post("none", null, null).crossSite()).isFalse();
    }

    @Test
    void crossSiteFromAnAllowedOriginPasses() {
        assertThat(post("cross-site", "https://app.example", null).crossSite()).isFalse();
        assertThat(post("cross-site", "HTTPS://APP.EXAMPLE:443", null).crossSite()).isFalse();
    }

    @Test
    void crossSiteFetchMetadataWithoutOriginIsRefused() {
        SiteOfOrigin.Verdict v = post("cross-site", null, null);

        assertThat(v.crossSite()).isTrue();
        assertThat(v.seen()).isEqualTo("Sec-Fetch-Site: cross-site");
    }

    @Test
    void withoutFetchMetadataTheOriginDecides() {
        assertThat(post(null, "https://evil.example", null).crossSite()).isTrue();
        assertThat(post(null, "https://bank.example", null).crossSite()).isFalse();
        assertThat(post(null, "https://bank.example:443", null).crossSite()).isFalse();
        assertThat(post(null, "http://bank.example", null).crossSite()).isTrue(); // another scheme, another origin
        assertThat(post(null, "https://bank.example:8443", null).crossSite()).isTrue();
        assertThat(post(null, "https://app.example", null).crossSite()).isFalse();
    }

    @Test
    void opaqueOriginNullIsCrossSite() {
        assertThat(post(null, "null", "https://bank.example/account").crossSite()).isTrue();
    }

    @Test
    void withoutOriginTheRefererDecides() {
        assertThat(post(null, null, "https://evil.example/page?x=1").crossSite()).isTrue();
        assertThat(post(null, null, "https://bank.example/account/email").crossSite()).isFalse();
        assertThat(post(null, null, "https://user@bank.example/").crossSite()).isTrue();
        assertThat(post(null, null, "not a url").crossSite()).isTrue();
        assertThat(post(null, null, "https://bank.example/search?q=" + "x".repeat(3000)).crossSite())
                .as("a long but genuine Referer").isFalse();
    }

    @Test
    void noHeadersAtAllIsTreatedAsSameSite() {
        assertThat(post(null, null, null).crossSite()).isFalse();
    }

    @Test
    void garbageAndOversizeOriginsAreCrossSiteAndShownShortAndPrintable() {
        SiteOfOrigin.Verdict v = post(null, "javascript:alert(1)\u0000", null);
        assertThat(v.crossSite()).isTrue();
        assertThat(v.seen()).doesNotContain("\u0000");

        SiteOfOrigin.Verdict big = post(null, "https://" + "a".repeat(9000) + ".example", null);
        assertThat(big.crossSite()).isTrue();
        assertThat(big.seen()).hasSizeLessThanOrEqualTo(101);
    }

    @Test
    void nonAsciiHostIsNotConfusedWithTheOwnOrigin() {
        assertThat(post(null, "https://bаnk.example", null).crossSite()).isTrue(); // Cyrillic а
    }

    @Test
    void ownOriginIsComparedWithoutDefaultPort() {
        assertThat(SiteOfOrigin.of("POST", "http://localhost:8080", Set.of(), null, "http://localhost:8080", null)
                .crossSite()).isFalse();
        assertThat(SiteOfOrigin.of("DELETE", "http://localhost:8080", Set.of(), null, "http://localhost:8081", null)
                .crossSite()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "same-origin, -, -, false",
            "same-origin, https://bank.example, -, false",
            "-, https://bank.example, -, false",
            "-, HTTPS://Bank.Example:443, -, false",
            "-, -, -, false",
            "same-site, https://bank.example, -, true",
            "none, -, -, true",
            "cross-site, -, -, true",
            "cross-site, https://bank.example, -, true",
            "same-origin, https://evil.example, -, true",
            "-, https://evil.example, -, true",
            "-, https://app.example, -, true",
            "-, null, -, true",
            "-, http://bank.example, -, true",
            "-, https://bank.example:8443, -, true"})
    void theApiTakesOnlyItsOwnOrigin(String secFetchSite, String origin, String referer, boolean refused) {
        assertThat(SiteOfOrigin.sameOriginOnly(OWN, secFetchSite, origin, referer).crossSite()).isEqualTo(refused);
    }

    /**
     * A browser that sends neither {@code Sec-Fetch-Site} nor {@code Origin} is judged by its {@code Referer}'s
     * origin, as {@link SiteOfOrigin#sender} does, but with no allowed origins; a Referer that names no origin is
     * refused. When either of the first two is sent, it decides.
     */
    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "-, -, https://bank.example/bank/transfer, false",
            "-, -, HTTPS://Bank.Example:443/x?y=1, false",
            "-, -, https://evil.example/page, true",
            "-, -, https://bank.example.evil.example/, true",
            "-, -, http://bank.example/bank/transfer, true",
            "-, -, https://bank.example:8443/, true",
            "-, -, https://app.example/, true",
            "-, -, /bank/transfer, true",
            "-, -, not a url, true",
            "-, -, '', true",
            "-, -, https://user@bank.example/, true",
            "-, https://bank.example, https://evil.example/page, false",
            "-, https://evil.example, https://bank.example/, true",
            "same-origin, -, https://evil.example/page, false",
            "cross-site, -, https://bank.example/, true"})
    void theApiJudgesTheRefererOnlyWhenNoOtherHeaderIsSent(String secFetchSite, String origin, String referer,
                                                           boolean refused) {
        assertThat(SiteOfOrigin.sameOriginOnly(OWN, secFetchSite, origin, referer).crossSite()).isEqualTo(refused);
    }

    @Test
    void theApiRefusalNamesWhatTheBrowserSent() {
        assertThat(SiteOfOrigin.sameOriginOnly(OWN, "cross-site", "https://Evil.example", null).seen())
                .isEqualTo("https://evil.example");
        assertThat(SiteOfOrigin.sameOriginOnly(OWN, "cross-site", null, null).seen())
                .isEqualTo("Sec-Fetch-Site: cross-site");
        assertThat(SiteOfOrigin.sameOriginOnly(OWN, null, null, "https://Evil.example/page?q=1").seen())
                .isEqualTo("https://evil.example");
    }
}
