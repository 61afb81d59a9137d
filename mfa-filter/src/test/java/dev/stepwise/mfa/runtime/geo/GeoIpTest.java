package dev.stepwise.mfa.runtime.geo;

import dev.stepwise.mfa.core.net.IpLiteral;
import dev.stepwise.mfa.core.risk.GeoLocation;
import dev.stepwise.mfa.core.risk.GeoPoint;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.MfaConfigException;
import dev.stepwise.mfa.testing.MmdbWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The GeoIP lookup against real {@code .mmdb} files written for the test ({@link MmdbWriter}) and read by MaxMind's
 * reader: found, not found, IPv6, a Country database, and the files a deployment must refuse.
 */
public class GeoIpTest {

    static final Path DIR = Path.of("target", "geoip-test");
    private static boolean written;
    private static Path city;
    static Path countryOnly;

    @BeforeAll
    public static synchronized void writeDatabases() throws IOException {
        if (written) {
            return;
        }
        written = true;
        city = new MmdbWriter("GeoLite2-City")
                .city("203.0.113.0", 24, "DE", "Germany", 52.52, 13.405, 20)
                .city("198.51.100.0", 24, "FR", "France", 48.8566, 2.3522, 50)
                .city("2001:db8:1::", 48, "JP", "Japan", 35.6895, 139.6917, 100)
                .network("192.0.2.0", 24, Map.of("country", Map.of("iso_code", "D\u20ac")))   // malformed code
                .write(DIR.resolve("city.mmdb"));
        countryOnly = new MmdbWriter("GeoLite2-Country")
                .country("203.0.113.0", 24, "DE", "Germany")
                .write(DIR.resolve("country.mmdb"));
    }

    /** {@return the City database, written on first use} */
    public static Path city() {
        try {
            writeDatabases();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return city;
    }

    private static InetAddress ip(String text) {
        return IpLiteral.parse(text).orElseThrow();
    }

    @Test
    void anIpv4AddressOfAKnownNetworkHasItsCountryAndPlace() {
        GeoLocation at = GeoIp.open(city).locate(ip("203.0.113.77")).orElseThrow();

        assertThat(at.country()).isEqualTo("DE");
        assertThat(at.point()).isEqualTo(new GeoPoint(52.52, 13.405, 20));
    }

    @Test
    void anIpv6AddressIsLookedUpInTheIpv6Tree() {
        GeoLocation at = GeoIp.open(city).locate(ip("2001:db8:1:ff::1")).orElseThrow();

        assertThat(at.country()).isEqualTo("JP");
        assertThat(at.point().accuracyKm()).isEqualTo(100);
    }

    @Test
    void anAddressNotInTheDatabaseHasNoLocationAndDoesNotFail() {
        IpLocator locator = GeoIp.open(city);

        assertThat(locator.locate(ip("10.1.2.3"))).isEmpty();
        assertThat(locator.locate(ip("2001:db8:2::1"))).isEmpty();
        assertThat(locator.locate(ip("::1"))).isEmpty();
    }

    @Test
    void aCountryCodeThatIsNotTwoLettersCountsAsUnknown() {
        assertThat(GeoIp.open(city).locate(ip("192.0.2.1"))).isEmpty();
    }

    @Test
    void aCountryDatabaseGivesTheCountryWithoutAPlace() {
        GeoLocation at = GeoIp.open(countryOnly).locate(ip("203.0.113.9")).orElseThrow();

        assertThat(at.country()).isEqualTo("DE");
        assertThat(at.place()).isEmpty();
    }

    @Test
    void aMissingFileFailsTheConfigurationNamingTheParameter() {
        Path missing = DIR.resolve("nowhere.mmdb");

        assertThatThrownBy(() -> MfaConfig.parse(Map.of("stepwise.mfa.geoip.database", missing.toString())::get))
                .isInstanceOf(MfaConfigException.class).hasMessageContaining("stepwise.mfa.geoip.database");
    }

    @Test
    void aCorruptFileFailsAtOpeningNamingTheParameter() throws IOException {
        byte[] good = Files.readAllBytes(city);
        Path truncated = Files.write(DIR.resolve("truncated.mmdb"), Arrays.copyOf(good, good.length / 2));
        Path garbage = Files.write(DIR.resolve("garbage.mmdb"), "not a database \u00e9\u00e8".getBytes());

        for (Path bad : new Path[] {truncated, garbage}) {
            assertThatThrownBy(() -> GeoIp.open(bad)).as(bad.toString())
                    .isInstanceOf(MfaConfigException.class).hasMessageContaining("stepwise.mfa.geoip.database");
        }
    }

    @Test
    void aDatabaseWithoutCountriesIsRefused() throws IOException {
        Path asn = new MmdbWriter("GeoLite2-ASN").network("203.0.113.0", 24,
                Map.of("autonomous_system_organization", "Example")).write(DIR.resolve("asn.mmdb"));

        assertThatThrownBy(() -> GeoIp.open(asn)).isInstanceOf(MfaConfigException.class)
                .hasMessageContaining("City or Country");
    }
}
