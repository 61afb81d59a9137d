package dev.stepwise.mfa.core.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet6Address;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link Cidr}: parsing, membership by byte arithmetic, the /24 and /48 networks of adaptive MFA.
 */
class CidrTest {

    private static InetAddress ip(String text) {
        return IpLiteral.parse(text).orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8, 10.0.0.0/8",
            " 10.0.0.0/8 , 10.0.0.0/8",
            "192.0.2.1, 192.0.2.1/32",
            "0.0.0.0/0, 0.0.0.0/0",
            "2001:db8::/32, 2001:db8::/32",
            "2001:DB8:0::/48, 2001:db8::/48",
            "2001:db8::1, 2001:db8::1/128",
            "::/0, ::/0",
            "::ffff:10.0.0.0/8, 10.0.0.0/8",
    })
    void parseWhenValidThenCanonical(String text, String canonical) {
        Cidr cidr = Cidr.parse(text);

        assertThat(cidr).hasToString(canonical);
        assertThat(Cidr.parse(cidr.toString())).isEqualTo(cidr);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/8", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/+8", "10.0.0.0/8/8",
            "10.0.0.0/ 8", "10.0.0.0/0008", "2001:db8::/129", "proxy.internal", "proxy.internal/32", "10.0.0.0/８",
            "10.0.0.0/abc"})
    void parseWhenInvalidThenIllegalArgumentExceptionWithFormat(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse(text))
                .withMessageContaining("'" + text + "'");
    }

    @Test
    void parseWhenHostBitsSetThenRefusedNamingTheNetwork() {
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse("192.168.1.10/24"))
                .withMessageContaining("host bits").withMessageContaining("192.168.1.0/24");
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse("2001:db8::1/32"))
                .withMessageContaining("2001:db8::/32");
    }

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8, 10.0.0.0, true",
            "10.0.0.0/8, 10.255.255.255, true",
            "10.0.0.0/8, 11.0.0.0, false",
            "10.0.0.0/8, 9.255.255.255, false",
            "172.16.0.0/12, 172.31.255.255, true",
            "172.16.0.0/12, 172.32.0.0, false",
            "192.0.2.1/32, 192.0.2.1, true",
            "192.0.2.1/32, 192.0.2.2, false",
            "0.0.0.0/0, 198.51.100.1, true",
            "10.0.0.0/8, ::ffff:10.1.2.3, true",
            "10.0.0.0/8, 2001:db8::1, false",
            "::/0, 10.0.0.1, false",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "2001:db8:8000::/33, 2001:db8:8000::1, true",
            "2001:db8:8000::/33, 2001:db8:7fff::1, false",
            "::1/128, ::1, true",
            "::1/128, ::2, false",
    })
    void containsByPrefixBits(String block, String address, boolean expected) {
        assertThat(Cidr.parse(block).contains(ip(address))).isEqualTo(expected);
    }

    @Test
    void containsWhenNullThenFalse() {
        assertThat(Cidr.parse("0.0.0.0/0").contains(null)).isFalse();
    }

    @Test
    void containsWhenInet6AddressKeepsMappedFormThenComparedAsIpv4() throws Exception {
        InetAddress mapped = Inet6Address.getByAddress(null, new byte[]{0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                (byte) 0xff, (byte) 0xff, 10, 1, 2, 3}, 1);

        assertThat(Cidr.parse("10.0.0.0/8").contains(mapped)).isTrue();
        assertThat(Cidr.parse("::/0").contains(mapped)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "203.0.113.7, 203.0.113.0/24",
            "203.0.113.255, 203.0.113.0/24",
            "::ffff:203.0.113.7, 203.0.113.0/24",
            "2001:db8:1:2:3:4:5:6, 2001:db8:1::/48",
            "2001:db8:1:ffff::, 2001:db8:1::/48",
            "2001:db8:2::1, 2001:db8:2::/48",
    })
    void networkOfIsSlash24OrSlash48(String address, String network) {
        Cidr cidr = Cidr.networkOf(ip(address));

        assertThat(cidr).hasToString(network);
        assertThat(cidr.contains(ip(address))).isTrue();
    }

    @Test
    void networkOfSameSiteIsEqualAndOtherSiteIsNot() {
        assertThat(Cidr.networkOf(ip("198.51.100.1"))).isEqualTo(Cidr.networkOf(ip("198.51.100.200")));
        assertThat(Cidr.networkOf(ip("198.51.100.1"))).isNotEqualTo(Cidr.networkOf(ip("198.51.101.1")));
        assertThat(Cidr.networkOf(ip("2001:db8:1:1::1"))).isEqualTo(Cidr.networkOf(ip("2001:db8:1:9::1")));
        assertThat(Cidr.networkOf(ip("2001:db8:1::1"))).isNotEqualTo(Cidr.networkOf(ip("2001:db8:2::1")));
    }

    @Test
    void ofMasksHostBits() {
        assertThat(Cidr.of(ip("10.1.2.3"), 12)).hasToString("10.0.0.0/12");
        assertThat(Cidr.of(ip("10.1.2.3"), 0)).hasToString("0.0.0.0/0");
        assertThat(Cidr.of(ip("10.1.2.3"), 32)).hasToString("10.1.2.3/32");
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of(ip("10.1.2.3"), 33));
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.of(ip("::1"), 129));
    }
}
