package dev.stepwise.mfa.core.net;

import dev.stepwise.mfa.core.net.ForwardedProto.Claim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ForwardedProto}: HTTPS is believed from the container, or from a trusted proxy's own header value only.
 */
class ForwardedProtoTest {

    private static final List<String> NONE = List.of();

    private static boolean fromProxy(List<String> xfp, List<String> forwarded) {
        return ForwardedProto.arrivedSecure(false, true, xfp, forwarded);
    }

    @Test
    void aTrustedProxySayingAnythingButHttpsIsWorthTheWarning() {
        assertThat(ForwardedProto.proxySaysNotHttps(List.of("http"), NONE)).isTrue(); // nginx $scheme on an inner hop
        assertThat(ForwardedProto.proxySaysNotHttps(NONE, List.of("for=10.0.0.1;proto=http"))).isTrue();
        assertThat(ForwardedProto.proxySaysNotHttps(List.of("https"), List.of("proto=http"))).isTrue();
        assertThat(ForwardedProto.proxySaysNotHttps(List.of("ftp"), NONE)).isTrue();
        assertThat(ForwardedProto.proxySaysNotHttps(List.of("https"), NONE)).isFalse();
        assertThat(ForwardedProto.proxySaysNotHttps(NONE, List.of("proto=https"))).isFalse();
        assertThat(ForwardedProto.proxySaysNotHttps(NONE, NONE)).isFalse(); // says nothing: no claim to warn of
    }

    // --- who is believed -----------------------------------------------------------------------------------------

    @Test
    void secureWhenTheContainerSaysSoWhateverTheHeaders() {
        assertThat(ForwardedProto.arrivedSecure(true, false, NONE, NONE)).isTrue();
        // a trusted proxy's "http" does not downgrade a request the container received over TLS
        assertThat(ForwardedProto.arrivedSecure(true, true, List.of("http"), List.of("proto=http"))).isTrue();
        assertThat(ForwardedProto.arrivedSecure(true, true, List.of("garbage"), NONE)).isTrue();
    }

    @Test
    void aClientSpeakingPlainHttpDirectlyIsNotBelieved() {
        // the attack: no proxy in between, the client writes the headers itself
        assertThat(ForwardedProto.arrivedSecure(false, false, List.of("https"), NONE)).isFalse();
        assertThat(ForwardedProto.arrivedSecure(false, false, NONE, List.of("proto=https"))).isFalse();
        assertThat(ForwardedProto.arrivedSecure(false, false, List.of("https"), List.of("proto=https"))).isFalse();
    }

    @Test
    void aTrustedProxySayingHttpsIsBelieved() {
        assertThat(fromProxy(List.of("https"), NONE)).isTrue();
        assertThat(fromProxy(NONE, List.of("for=203.0.113.7;proto=https;host=bank.example"))).isTrue();
        assertThat(fromProxy(List.of("https"), List.of("for=203.0.113.7;proto=https"))).isTrue();
    }

    @Test
    void aTrustedProxyWithoutEitherHeaderIsPlainHttp() {
        assertThat(fromProxy(NONE, NONE)).isFalse();
        assertThat(fromProxy(null, null)).isFalse();
        assertThat(fromProxy(NONE, List.of("for=203.0.113.7"))).isFalse();
        assertThat(fromProxy(List.of("http"), NONE)).isFalse();
    }

    // --- which value ---------------------------------------------------------------------------------------------

    @Test
    void onlyTheValueTheNearestProxyAppendedCounts() {
        // the client sent "https" over plain HTTP, the proxy appended what it saw: "http"
        assertThat(fromProxy(List.of("https, http"), NONE)).isFalse();
        assertThat(fromProxy(List.of("https", "http"), NONE)).isFalse();
        assertThat(fromProxy(NONE, List.of("proto=https, for=198.51.100.1;proto=http"))).isFalse();
        assertThat(fromProxy(NONE, List.of("proto=https", "proto=http"))).isFalse();
        // and the other way round: what the client wrote further left does not matter
        assertThat(fromProxy(List.of("http, https"), NONE)).isTrue();
        assertThat(fromProxy(List.of("http", "https"), NONE)).isTrue();
        assertThat(fromProxy(NONE, List.of("proto=http,proto=https"))).isTrue();
    }

    @Test
    void theProxysOtherHeaderVetoesACopyTheClientSentAlong() {
        // the proxy writes Forwarded and passes the client's X-Forwarded-Proto through untouched
        assertThat(fromProxy(List.of("https"), List.of("for=198.51.100.66;proto=http"))).isFalse();
        // the proxy writes X-Forwarded-Proto and passes the client's Forwarded through
        assertThat(fromProxy(List.of("http"), List.of("proto=https"))).isFalse();
        assertThat(fromProxy(List.of("https"), List.of("proto=\"https\""))).isTrue();
    }

    @Test
    void theLastForwardedElementWithoutProtoSaysNothingAndAnEarlierOneIsNotRead() {
        assertThat(ForwardedProto.ofForwarded(List.of("proto=https, for=10.0.0.2"))).isEqualTo(Claim.NONE);
        assertThat(fromProxy(NONE, List.of("proto=https, for=10.0.0.2"))).isFalse();
    }

    // --- values --------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"https", "HTTPS", "Https", " https ", "\thttps", "http, HTTPs"})
    void httpsInAnyAsciiCaseWithSpacesAround(String value) {
        assertThat(ForwardedProto.ofXForwardedProto(List.of(value))).isEqualTo(Claim.HTTPS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "https,", "https, ", "ws", "wss", "ftp", "https1", "httpss", "\"https\"",
            "https;q=1", "ht tps", "h\u0074tps\u0000", "http\u017f", "HTTP\u017F", "https\u200b"})
    void anythingElseIsUnreadable(String value) {
        // U+017F (long s) passes String.equalsIgnoreCase for an s; the comparison here is ASCII only
        assertThat(ForwardedProto.ofXForwardedProto(List.of(value))).isEqualTo(Claim.UNREADABLE);
        assertThat(fromProxy(List.of(value), NONE)).isFalse();
        assertThat(fromProxy(List.of(value), List.of("proto=https"))).isFalse();
    }

    @Test
    void aHugeHeaderCostsOnlyItsLastValue() {
        String huge = "https, ".repeat(100_000) + "http";
        assertThat(ForwardedProto.ofXForwardedProto(List.of(huge))).isEqualTo(Claim.HTTP);
        String hugeValue = "h".repeat(100_000);
        assertThat(ForwardedProto.ofXForwardedProto(List.of(hugeValue))).isEqualTo(Claim.UNREADABLE);
        String longForwarded = "for=10.0.0.1,".repeat(1_000) + "proto=https";
        assertThat(longForwarded.length()).isGreaterThan(ForwardedProto.MAX_FORWARDED);
        assertThat(ForwardedProto.ofForwarded(List.of(longForwarded))).isEqualTo(Claim.UNREADABLE);
    }

    @Test
    void aNullHeaderLineIsUnreadable() {
        assertThat(ForwardedProto.ofXForwardedProto(java.util.Arrays.asList("https", null)))
                .isEqualTo(Claim.UNREADABLE);
        assertThat(ForwardedProto.ofForwarded(java.util.Arrays.asList((String) null))).isEqualTo(Claim.UNREADABLE);
    }

    // --- RFC 7239 syntax -----------------------------------------------------------------------------------------

    @Test
    void forwardedPairsAreParsedWithQuotesAndAnyCase() {
        assertThat(ForwardedProto.ofForwarded(List.of("For=\"[2001:db8:cafe::17]:4711\";Proto=HTTPS")))
                .isEqualTo(Claim.HTTPS);
        assertThat(ForwardedProto.ofForwarded(List.of("for=192.0.2.60;proto=http;by=203.0.113.43")))
                .isEqualTo(Claim.HTTP);
        assertThat(ForwardedProto.ofForwarded(List.of("proto=\"ht\\tps\""))).isEqualTo(Claim.HTTPS);
        assertThat(ForwardedProto.ofForwarded(List.of(" proto=https ; for=unknown "))).isEqualTo(Claim.HTTPS);
    }

    @Test
    void aCommaOrSemicolonInsideQuotesSeparatesNothing() {
        // the last element is the whole line: its proto is http, not the "https" hidden in a quoted value
        assertThat(ForwardedProto.ofForwarded(List.of("proto=http;for=\"a, proto=https\"")))
                .isEqualTo(Claim.HTTP);
        assertThat(ForwardedProto.ofForwarded(List.of("for=\"x;proto=https\""))).isEqualTo(Claim.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"proto=https;proto=https", "proto=", "proto", "=https", "proto=\"https",
            "for=\"unclosed, proto=https", "proto=ht\"tps", "proto=\"https\"x", "proto=gopher", "proto=https;x"})
    void malformedForwardedIsUnreadable(String value) {
        assertThat(ForwardedProto.ofForwarded(List.of(value))).isEqualTo(Claim.UNREADABLE);
        assertThat(fromProxy(List.of("https"), List.of(value))).isFalse();
    }

    // --- the origin ----------------------------------------------------------------------------------------------

    @Test
    void theOriginBehindATlsProxyIsHttpsOnTheDefaultPort() {
        // no port in Host: the container fills in 80 for its plain HTTP, which is 443 for the browser
        assertThat(ForwardedProto.origin(true, "http", "bank.example", 80)).isEqualTo("https://bank.example");
        assertThat(ForwardedProto.origin(true, "http", "bank.example", 443)).isEqualTo("https://bank.example");
        assertThat(ForwardedProto.origin(true, "http", "bank.example", 8443)).isEqualTo("https://bank.example:8443");
    }

    @Test
    void theOriginWithoutAProxyIsTheContainers() {
        assertThat(ForwardedProto.origin(true, "https", "bank.example", 443)).isEqualTo("https://bank.example");
        assertThat(ForwardedProto.origin(true, "https", "bank.example", 80)).isEqualTo("https://bank.example:80");
        assertThat(ForwardedProto.origin(false, "http", "bank.example", 80)).isEqualTo("http://bank.example");
        assertThat(ForwardedProto.origin(false, "http", "bank.example", 443)).isEqualTo("http://bank.example:443");
        assertThat(ForwardedProto.origin(false, "http", "localhost", 8080)).isEqualTo("http://localhost:8080");
    }
}
