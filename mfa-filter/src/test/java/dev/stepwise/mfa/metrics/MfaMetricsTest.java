package dev.stepwise.mfa.metrics;

import dev.stepwise.mfa.event.EventHeader;
import dev.stepwise.mfa.event.MfaEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** What each event counts, with which attributes (never the user or the address), and failing open. */
class MfaMetricsTest {

    private static final EventHeader HEADER = new EventHeader("alice", Instant.parse("2026-12-04T10:00:00Z"),
            "203.0.113.7", "Firefox on Linux");

    /** Records every call as one line. */
    static class Recording implements Meters {
        final List<String> calls = new ArrayList<>();
        final List<LongSupplier> gauges = new ArrayList<>();

        @Override
        public void count(String name, String... attributes) {
            calls.add("count " + name + " " + String.join(",", attributes));
        }

        @Override
        public void time(String name, Duration took, String... attributes) {
            calls.add("time " + name + " " + took.toMillis() + " " + String.join(",", attributes));
        }

        @Override
        public void gauge(String name, LongSupplier value) {
            calls.add("gauge " + name);
            gauges.add(value);
        }

        @Override
        public String api() {
            return "recording";
        }
    }

    @Test
    void eachEventCountsUnderItsNameWithLowCardinalityAttributesOnly() {
        Recording m = new Recording();
        MfaMetrics.record(m, new MfaEvent.ChallengeIssued(HEADER, List.of("totp"), "transfer", "/transfer"));
        MfaMetrics.record(m, new MfaEvent.FactorVerified(HEADER, "totp"));
        MfaMetrics.record(m, new MfaEvent.FactorFailed(HEADER, "webauthn", "rejected"));
        MfaMetrics.record(m, new MfaEvent.LockedOut(HEADER, "totp", 5, Instant.parse("2026-12-04T10:15:00Z")));
        MfaMetrics.record(m, new MfaEvent.TrustedDeviceUsed(HEADER, "device-1"));
        MfaMetrics.record(m, new MfaEvent.FactorChecked(HEADER, "totp", MfaEvent.FactorChecked.REJECTED,
                Duration.ofMillis(12)));
        MfaMetrics.record(m, new MfaEvent.FactorEnrolled(HEADER, "totp")); // not counted

        assertThat(m.calls).containsExactly(
                "count stepwise.mfa.challenges.issued ",
                "count stepwise.mfa.factors.verified factor,totp",
                "count stepwise.mfa.factors.failed factor,webauthn",
                "count stepwise.mfa.lockouts factor,totp",
                "count stepwise.mfa.trusted.device.sign.ins ",
                "time stepwise.mfa.verification.time 12 factor,totp,outcome,rejected");
        assertThat(String.join(" ", m.calls)).doesNotContain("alice", "203.0.113.7", "Firefox", "device-1",
                "/transfer");
    }

    @Test
    void withoutAMetricsApiNothingIsLookedUpAgainAndNothingThrows() {
        MfaMetrics metrics = new MfaMetrics(null) {
            @Override
            Meters meters() {
                return Meters.NONE;
            }
        };
        assertThatCode(() -> metrics.on(new MfaEvent.FactorVerified(HEADER, "totp"))).doesNotThrowAnyException();
    }

    @Test
    void aFailingMetricsApiIsSwitchedOffAndNeverThrowsIntoTheCaller() {
        int[] failures = {0};
        Meters broken = new Recording() {
            @Override
            public void count(String name, String... attributes) {
                failures[0]++;
                throw new IllegalStateException("registry closed");
            }
        };
        MfaMetrics metrics = new MfaMetrics(null);
        metrics.use(broken);

        assertThatCode(() -> metrics.on(new MfaEvent.FactorVerified(HEADER, "totp"))).doesNotThrowAnyException();
        assertThatCode(() -> metrics.on(new MfaEvent.FactorVerified(HEADER, "totp"))).doesNotThrowAnyException();
        assertThat(failures[0]).isEqualTo(1);
        assertThat(metrics.meters()).isSameAs(Meters.NONE);
    }

    @Test
    void aMetricsApiThatFailsToConnectMeansNoMetrics() {
        MfaMetrics metrics = new MfaMetrics(null); // no CDI: the registry lookup fails
        assertThat(metrics.meters()).isSameAs(Meters.NONE);
        assertThatCode(() -> metrics.on(new MfaEvent.FactorVerified(HEADER, "totp"))).doesNotThrowAnyException();
    }

    @Test
    void theCheckTimeIsNeverNegative() {
        MfaEvent.FactorChecked e = new MfaEvent.FactorChecked(HEADER, "totp", MfaEvent.FactorChecked.VERIFIED,
                Duration.ofMillis(-5));
        assertThat(e.took()).isEqualTo(Duration.ZERO);
    }
}
