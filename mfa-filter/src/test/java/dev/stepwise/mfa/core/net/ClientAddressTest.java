package dev.stepwise.mfa.core.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link ClientAddress}: {@code X-Forwarded-For} is believed only as far as trusted proxies wrote it.
 */
class ClientAddressTest {

    private static final String PROXY = "10.0.0.5";
    private static final String CLIENT = "203.0.113.7";

    private final ClientAddress resolver = ClientAddress.parse("10.0.0.0/8, 2001:db8:ffff::/48");
    private final ClientAddress noProxies = ClientAddress.parse("");

    private static String resolved(Optional<InetAddress> address) {
        return address.map(IpLiteral::format).orElse("<none>");
    }

    private String resolve(String peer, String... xff) {
        return resolved(resolver.resolve(peer, Arrays.asList(xff)));
    }

    // --- no proxy in front ---------------------------------------------------------------------------------------

    @Test
    void resolveWhenNoHeaderThenPeer() {
        assertThat(resolve(CLIENT)).isEqualTo(CLIENT);
        assertThat(resolved(resolver.resolve(CLIENT, null))).isEqualTo(CLIENT);
    }

    @Test
    void resolveWhenUntrustedPeerSendsHeaderThenHeaderIgnored() {
        // spoofing: a client talking to the server directly claims to be someone else
        assertThat(resolve("198.51.100.66", "203.0.113.7")).isEqualTo("198.51.100.66");
        assertThat(resolve("198.51.100.66", "10.0.0.1")).isEqualTo("198.51.100.66");
        assertThat(resolve("198.51.100.66", "garbage")).isEqualTo("198.51.100.66");
    }

    @Test
    void resolveWhenNoTrustedProxiesConfiguredThenHeaderAlwaysIgnored() {
        assertThat(resolved(noProxies.resolve(PROXY, List.of(CLIENT)))).isEqualTo(PROXY);
    }

    @Test
    void isTrustedPeerOnlyForAnAddressInATrustedBlock() {
        assertThat(resolver.isTrustedPeer(PROXY)).isTrue();
        assertThat(resolver.isTrustedPeer(" 10.0.0.5 ")).isTrue();
        assertThat(resolver.isTrustedPeer("::ffff:10.0.0.5")).isTrue();
        assertThat(resolver.isTrustedPeer(CLIENT)).isFalse();
        assertThat(resolver.isTrustedPeer("proxy.internal")).isFalse();
        assertThat(resolver.isTrustedPeer("")).isFalse();
        assertThat(resolver.isTrustedPeer(null)).isFalse();
        assertThat(noProxies.isTrustedPeer(PROXY)).isFalse();
    }

    // --- trusted proxies -----------------------------------------------------------------------------------------

    @Test
    void resolveWhenTrustedProxyThenItsEntryIsTheClient() {
        assertThat(resolve(PROXY, CLIENT)).isEqualTo(CLIENT);
    }

    @Test
    void resolveWhenChainOfTrustedProxiesThenFirstUntrustedFromTheRight() {
        // client → 10.0.0.9 (edge) → 10.0.0.5 (peer); the edge appended the client, the inner proxy the edge
        assertThat(resolve(PROXY, "203.0.113.7, 10.0.0.9")).isEqualTo(CLIENT);
        assertThat(resolve(PROXY, "203.0.113.7,10.0.0.9,10.0.0.8")).isEqualTo(CLIENT);
    }

    @Test
    void resolveWhenClientPrependsFakeEntriesThenTheyAreNotReached() {
        // spoofing through a proxy: the client sent "X-Forwarded-For: 1.2.3.4, 10.0.0.1" itself; the proxy appended
        // the real address. Reading from the right stops at the real one.
        assertThat(resolve(PROXY, "1.2.3.4, 10.0.0.1, 203.0.113.7")).isEqualTo(CLIENT);
        assertThat(resolve(PROXY, "garbage, <script>, 203.0.113.7")).isEqualTo(CLIENT);
    }

    @Test
    void resolveWhenSeveralHeaderLinesThenOneListInOrder() {
        assertThat(resolve(PROXY, "1.2.3.4", "203.0.113.7, 10.0.0.9")).isEqualTo(CLIENT);
        assertThat(resolve(PROXY, "203.0.113.7", "10.0.0.9")).isEqualTo(CLIENT);
    }

    @Test
    void resolveWhenEveryEntryIsTrustedThenLeftmost() {
        assertThat(resolve(PROXY, "10.0.0.20, 10.0.0.9")).isEqualTo("10.0.0.20");
    }

    // --- malformed -----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ",", "unknown", "garbage", "203.0.113.7,", "203.0.113.7, ", "example.com",
            "203.0.113.7:", "203.0.113.7:port", "203.0.113.7:1234567", "[203.0.113.7]", "[2001:db8::1", "2001:db8::1]",
            "[2001:db8::1]x", "203.0.113.256", "203.0.113.7\u0000", "_hidden", "fe80::1%eth0"})
    void resolveWhenRightmostEntryMalformedThenPeer(String header) {
        assertThat(resolve(PROXY, header)).isEqualTo(PROXY);
    }

    @Test
    void resolveWhenMalformedEntryInsideTrustedPartThenPeer() {
        assertThat(resolve(PROXY, "203.0.113.7, unknown, 10.0.0.9")).isEqualTo(PROXY);
        assertThat(resolve(PROXY, "203.0.113.7,,10.0.0.9")).isEqualTo(PROXY);
        assertThat(resolve(PROXY, "203.0.113.7", "")).isEqualTo(PROXY);
    }

    @Test
    void resolveWhenHeaderLineNullThenPeer() {
        List<String> lines = new ArrayList<>();
        lines.add(null);
        assertThat(resolved(resolver.resolve(PROXY, lines))).isEqualTo(PROXY);
    }

    @Test
    void resolveWhenPeerNotALiteralThenEmpty() {
        assertThat(resolver.resolve("proxy.internal", List.of(CLIENT))).isEmpty();
        assertThat(resolver.resolve(null, List.of(CLIENT))).isEmpty();
        assertThat(resolver.resolve("", List.of())).isEmpty();
    }

    // --- ports, brackets, IPv6 -----------------------------------------------------------------------------------

    @Test
    void resolveWhenEntriesCarryPortsThenPortDropped() {
        assertThat(resolve(PROXY, "203.0.113.7:51234")).isEqualTo(CLIENT);
        assertThat(resolve(PROXY, "[2001:db8::7]:443")).isEqualTo("2001:db8::7");
        assertThat(resolve(PROXY, "[2001:db8::7]")).isEqualTo("2001:db8::7");
        assertThat(resolve(PROXY, "203.0.113.7, 10.0.0.9:80")).isEqualTo(CLIENT);
    }

    @Test
    void resolveWhenIpv6ProxyAndClientThenClient() {
        assertThat(resolve("2001:db8:ffff::1", "2001:db8:1::7")).isEqualTo("2001:db8:1::7");
        assertThat(resolve("2001:db8:ffff::1", "2001:db8:1::7, 2001:db8:ffff:1::2")).isEqualTo("2001:db8:1::7");
        assertThat(resolve("2001:db8:fffe::1", "2001:db8:1::7")).isEqualTo("2001:db8:fffe::1");
    }

    @Test
    void resolveWhenIpv4MappedPeerOrEntryThenTreatedAsIpv4() {
        // a dual-stack socket reports an IPv4 proxy as ::ffff:10.0.0.5
        assertThat(resolve("::ffff:10.0.0.5", CLIENT)).isEqualTo(CLIENT);
        assertThat(resolve(PROXY, "::ffff:203.0.113.7")).isEqualTo(CLIENT);
        assertThat(resolve(PROXY, "203.0.113.7, ::ffff:10.0.0.9")).isEqualTo(CLIENT);
    }

    // --- oversized -----------------------------------------------------------------------------------------------

    @Test
    void resolveWhenHugeHeaderThenOnlyTheRightmostEntriesMatter() {
        String padding = "1.2.3.4, ".repeat(200_000);

        assertThat(resolve(PROXY, padding + CLIENT)).isEqualTo(CLIENT);
    }

    @Test
    void resolveWhenHugeEntryThenPeer() {
        assertThat(resolve(PROXY, "1".repeat(1_000_000))).isEqualTo(PROXY);
        assertThat(resolve(PROXY, " ".repeat(1_000_000) + "203.0.113.7")).isEqualTo(CLIENT);
    }

    @Test
    void resolveWhenMoreTrustedHopsThanLimitThenPeer() {
        String trustedHops = String.join(", ", java.util.Collections.nCopies(ClientAddress.MAX_HOPS + 1, "10.0.0.9"));
        String withinLimit = String.join(", ", java.util.Collections.nCopies(ClientAddress.MAX_HOPS, "10.0.0.9"));

        assertThat(resolve(PROXY, CLIENT + ", " + trustedHops)).isEqualTo(PROXY);
        assertThat(resolve(PROXY, CLIENT + ", " + withinLimit)).isEqualTo(CLIENT);
    }

    // --- configuration -------------------------------------------------------------------------------------------

    @Test
    void parseAcceptsCommasAndWhitespace() {
        ClientAddress c = ClientAddress.parse(" 10.0.0.0/8,192.168.1.5\n 2001:db8::/32 ,");

        assertThat(c.trustedProxies()).extracting(Cidr::toString)
                .containsExactly("10.0.0.0/8", "192.168.1.5/32", "2001:db8::/32");
    }

    @Test
    void parseWhenBlankOrNullThenNoProxies() {
        assertThat(ClientAddress.parse("  ").trustedProxies()).isEmpty();
        assertThat(ClientAddress.parse(null).trustedProxies()).isEmpty();
    }

    @Test
    void parseWhenEntryInvalidThenIllegalArgumentExceptionNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> ClientAddress.parse("10.0.0.0/8, proxy.internal"))
                .withMessageContaining("proxy.internal");
        assertThatIllegalArgumentException().isThrownBy(() -> ClientAddress.parse("10.0.0.1/8"))
                .withMessageContaining("host bits");
    }
}
