package dev.stepwise.mfa.runtime;

import dev.stepwise.mfa.core.net.IpLiteral;
import dev.stepwise.mfa.core.risk.AdaptiveSettings;
import dev.stepwise.mfa.core.risk.InMemoryRiskHistory;
import dev.stepwise.mfa.core.risk.RiskAssessment;
import dev.stepwise.mfa.core.risk.RiskContext;
import dev.stepwise.mfa.core.risk.RiskHistory;
import dev.stepwise.mfa.core.risk.RiskLevel;
import dev.stepwise.mfa.core.risk.SignIn;
import dev.stepwise.mfa.runtime.config.MfaConfigException;
import dev.stepwise.mfa.runtime.config.SignalSettings;
import dev.stepwise.mfa.runtime.geo.GeoIpTest;
import dev.stepwise.mfa.runtime.geo.IpLocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The adaptive login's signals as configured, with a real GeoIP database: the location reaches the signals and
 * the history, an unknown address stays silent, and a failing lookup or history fails closed.
 */
class RiskSignalsTest {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private static final String ALICE = "alice";

    private final InMemoryRiskHistory history = new InMemoryRiskHistory();

    @BeforeAll
    static void databases() throws IOException {
        GeoIpTest.writeDatabases();
    }

    private static SignalSettings geoSignals() {
        Map<String, String> p = new HashMap<>();
        p.put("stepwise.mfa.adaptive.impossible-travel", "high");
        p.put("stepwise.mfa.adaptive.new-country", "medium");
        p.put("stepwise.mfa.adaptive.unusual-time", "low");
        p.put("stepwise.mfa.adaptive.time-zone", "Europe/Berlin");
        p.put("stepwise.mfa.geoip.database", GeoIpTest.city().toString());
        return SignalSettings.read(p::get);
    }

    private RiskSignals signals(IpLocator locator, RiskHistory h) {
        return RiskSignals.configure(locator, AdaptiveSettings.defaults(), geoSignals(), h, List.of(), List.of());
    }

    private static RiskContext login(Instant at, String address) {
        return new RiskContext(ALICE, at, "device-1", address == null ? null : IpLiteral.parse(address).orElseThrow(),
                0, null);
    }

    @Test
    void aSignInFromTokyoAnHourAfterBerlinIsImpossibleTravelFromANewCountry() {
        RiskSignals signals = signals(RiskSignals.open(geoSignals()), history);
        history.recordLogin(signals.located(login(T0, "203.0.113.7")));

        RiskAssessment tokyo = signals.assess(login(T0.plusSeconds(3600), "2001:db8:1::42"));

        assertThat(tokyo.reasonIds()).contains("impossible-travel", "new-country").doesNotContain("signal-failed");
        assertThat(tokyo.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(history.signIns(ALICE)).extracting(s -> s.location().country()).containsExactly("DE");
    }

    @Test
    void anAddressTheDatabaseDoesNotKnowOrNoAddressIsSilentAndRecordedWithoutALocation() {
        RiskSignals signals = signals(RiskSignals.open(geoSignals()), history);
        history.recordLogin(signals.located(login(T0, "203.0.113.7")));

        for (String address : new String[] {"10.0.0.1", "::1", null}) {
            RiskAssessment unknown = signals.assess(login(T0.plusSeconds(60), address));
            assertThat(unknown.reasonIds()).as(String.valueOf(address))
                    .doesNotContain("impossible-travel", "new-country", "signal-failed");
        }
        history.recordLogin(signals.located(login(T0.plusSeconds(60), "10.0.0.1")));
        assertThat(history.signIns(ALICE).get(0)).isEqualTo(new SignIn(T0.plusSeconds(60), null));
    }

    @Test
    void malformedOrNonAsciiAddressesHaveNoAddressAndAMappedOneIsLookedUpAsIpv4() {
        for (String text : new String[] {"\uff12\uff10\uff13.0.113.7", "203.0.113.7\u0000", "203.0.113",
                "203.0.113.7 ", "::ffff:203.0.113.7x", "fe80::1%eth0\u202e", "\u0662\u0660\u0663.0.113.7"}) {
            assertThat(IpLiteral.parse(text)).as(text).isEmpty();
        }
        RiskSignals signals = signals(RiskSignals.open(geoSignals()), history);

        history.recordLogin(signals.located(login(T0, "::ffff:203.0.113.7")));

        assertThat(history.signIns(ALICE).get(0).location().country()).isEqualTo("DE");
    }

    @Test
    void aLookupThatFailsCountsAsHighRiskButTheSignInIsStillRecorded() {
        IpLocator broken = address -> {
            throw new UncheckedIOException(new IOException("bad section"));
        };
        RiskSignals signals = signals(broken, history);

        RiskAssessment risk = signals.assess(login(T0, "203.0.113.7"));

        assertThat(risk.reasonIds()).contains("signal-failed", "new-device");
        assertThat(risk.level()).isEqualTo(RiskLevel.HIGH);
        history.recordLogin(signals.located(login(T0, "203.0.113.7")));
        assertThat(history.signIns(ALICE)).containsExactly(new SignIn(T0, null));
    }

    @Test
    void aHistoryThatIsDownFailsClosed() {
        RiskHistory down = new RiskHistory() {
            @Override
            public java.util.Optional<Instant> lastSeen(String user, Kind kind, String value) {
                return history.lastSeen(user, kind, value);
            }

            @Override
            public void record(String user, Kind kind, String value, Instant at) {
                history.record(user, kind, value, at);
            }

            @Override
            public int forgetBefore(Instant cutoff) {
                return history.forgetBefore(cutoff);
            }

            @Override
            public void forget(String user) {
                history.forget(user);
            }

            @Override
            public List<SignIn> signIns(String user) {
                throw new IllegalStateException("the MFA store could not read the latest sign-ins");
            }
        };
        RiskSignals signals = signals(RiskSignals.open(geoSignals()), down);

        RiskAssessment risk = signals.assess(login(T0, "203.0.113.7"));

        assertThat(risk.reasonIds()).contains("signal-failed");
        assertThat(risk.level()).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void aSignalThatNeedsGeoIpWithoutADatabaseFailsTheConfiguration() {
        Map<String, String> p = Map.of("stepwise.mfa.adaptive.new-country", "medium");

        assertThatThrownBy(() -> SignalSettings.read(p::get)).isInstanceOf(MfaConfigException.class)
                .hasMessageContaining("stepwise.mfa.geoip.database");
        assertThat(SignalSettings.read(Map.of("stepwise.mfa.adaptive.unusual-time", "low")::get).habits()
                .unusualTime()).as("the time of day needs no database").isEqualTo(RiskLevel.LOW);
    }

    @Test
    void offIsTheDefaultAndMalformedValuesAreRefused() {
        SignalSettings none = SignalSettings.read(name -> null);
        assertThat(none.habits().needsGeoIp()).isFalse();
        assertThat(none.habits().unusualTime()).isEqualTo(RiskLevel.NONE);
        assertThat(none.habits().timeZone()).isEqualTo(ZoneId.systemDefault());
        assertThat(none.geoIpDatabase()).isNull();

        for (Map<String, String> bad : List.of(Map.of("stepwise.mfa.adaptive.unusual-time", "sometimes"),
                Map.of("stepwise.mfa.adaptive.time-zone", "Mars/Olympus"),
                Map.of("stepwise.mfa.adaptive.time-zone", "Europe/Berl\u00efn"),
                Map.of("stepwise.mfa.adaptive.max-speed", "-5"),
                Map.of("stepwise.mfa.geoip.database", "\u0000/geo.mmdb"))) {
            assertThatThrownBy(() -> SignalSettings.read(bad::get)).as(bad.toString())
                    .isInstanceOf(MfaConfigException.class);
        }
    }
}
