package dev.stepwise.mfa.core.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IpLiteral}: literals only, never a name lookup; canonical text; IPv4-mapped unwrapping.
 */
class IpLiteralTest {

    @ParameterizedTest
    @CsvSource({
            "0.0.0.0, 0.0.0.0",
            "203.0.113.7, 203.0.113.7",
            "255.255.255.255, 255.255.255.255",
            "::, ::",
            "::1, ::1",
            "1::, 1::",
            "2001:db8::1, 2001:db8::1",
            "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
            "2001:0db8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
            "::2:3:4:5:6:7:8, 0:2:3:4:5:6:7:8",
            "1:0:0:2:0:0:0:3, 1:0:0:2::3",
            "1:0:0:2:0:0:3:4, 1::2:0:0:3:4",
            "fe80::1:2:3:4, fe80::1:2:3:4",
            "::ffff:203.0.113.7, 203.0.113.7",
            "::FFFF:cb00:7107, 203.0.113.7",
            "0:0:0:0:0:ffff:203.0.113.7, 203.0.113.7",
            "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
            "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    })
    void parseWhenLiteralThenAddressWithCanonicalText(String text, String canonical) {
        InetAddress address = IpLiteral.parse(text).orElseThrow();

        assertThat(IpLiteral.format(address)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", " ", "localhost", "example.com", "cafe", "deadbeef", "unknown",
            "1.2.3", "1.2.3.4.5", "1.2.3.256", "01.2.3.4", "1.2.3.04", "1..2.3", ".1.2.3", "1.2.3.4.",
            "0x7f.0.0.1", "127.1", "2130706433", "1.2.3.-4", "+1.2.3.4", " 1.2.3.4", "1.2.3.4 ",
            "１.２.３.４", "١.٢.٣.٤",
            ":", ":::", "1:::2", "1::2::3", ":1::", "::1:", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7::8", "12345::", "g::1", "::ffff:1.2.3", "1.2.3.4::", "::1.2.3.4:5",
            "1:2:3:4:5:6:7:1.2.3.4", "fe80::1%eth0", "fe80::1%1", "[::1]", "::１",
            "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.2555"
    })
    void parseWhenNotALiteralThenEmpty(String text) {
        assertThat(IpLiteral.parse(text)).isEmpty();
    }

    @Test
    void parseWhenNullThenEmpty() {
        assertThat(IpLiteral.parse(null)).isEmpty();
    }

    @Test
    void parseWhenMappedThenInet4Address() {
        assertThat(IpLiteral.parse("::ffff:10.1.2.3").orElseThrow()).isInstanceOf(Inet4Address.class);
        assertThat(IpLiteral.parse("2001:db8::1").orElseThrow()).isInstanceOf(Inet6Address.class);
    }

    @Test
    void unmapWhenInet6AddressKeepsMappedFormThenInet4Address() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 203, 0, 113, 7};
        // with a scope id the JDK does not unwrap
        InetAddress inet6 = Inet6Address.getByAddress(null, mapped, 1);
        assertThat(inet6).isInstanceOf(Inet6Address.class);

        InetAddress unmapped = IpLiteral.unmap(inet6);

        assertThat(unmapped).isInstanceOf(Inet4Address.class);
        assertThat(IpLiteral.format(unmapped)).isEqualTo("203.0.113.7");
        assertThat(IpLiteral.format(inet6)).isEqualTo("203.0.113.7");
    }

    @Test
    void unmapWhenNotMappedThenSameAddress() throws Exception {
        InetAddress compatible = IpLiteral.parse("::203.0.113.7").orElseThrow();   // deprecated IPv4-compatible
        InetAddress almost = IpLiteral.parse("::fffe:203.0.113.7").orElseThrow();
        InetAddress v4 = IpLiteral.parse("203.0.113.7").orElseThrow();

        assertThat(IpLiteral.unmap(compatible)).isSameAs(compatible);
        assertThat(IpLiteral.unmap(almost)).isSameAs(almost);
        assertThat(IpLiteral.unmap(v4)).isSameAs(v4);
    }

    @Test
    void formatWhenScopedAddressThenNoZone() throws Exception {
        InetAddress scoped = Inet6Address.getByAddress(null, IpLiteral.parse("fe80::1").orElseThrow().getAddress(), 3);

        assertThat(IpLiteral.format(scoped)).isEqualTo("fe80::1");
    }

    @Test
    void parseWhenLongerThanAnyLiteralThenEmptyWithoutLookingFurther() {
        assertThat(IpLiteral.parse("1".repeat(IpLiteral.MAX_LENGTH + 1))).isEmpty();
        assertThat(IpLiteral.parse("1.2.3.4" + " ".repeat(100_000))).isEmpty();
    }
}
