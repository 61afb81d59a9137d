package dev.stepwise.mfa.core.risk;

import dev.stepwise.mfa.core.net.IpLiteral;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The four built-in signals against an {@link InMemoryRiskHistory}, with fixed instants at the edges.
 */
class BuiltInSignalsTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration MEMORY = Duration.ofDays(90);
    private static final Duration ABSENCE = Duration.ofDays(30);
    private static final String ALICE = "alice";
    private static final String DEVICE = "dGhpcy1pcy1hLWRldmljZS1pZA";

    private final InMemoryRiskHistory history = new InMemoryRiskHistory();

    private static InetAddress ip(String text) {
        return IpLiteral.parse(text).orElseThrow();
    }

    private static RiskContext login(String device, String address, int failures) {
        return new RiskContext(ALICE, NOW, device, address == null ? null : ip(address), failures, "Mozilla/5.0");
    }

    // --- new-device ----------------------------------------------------------------------------------------------

    @Test
    void newDeviceWhenNoCookieThenReason() {
        RiskSignal signal = new NewDeviceSignal(history, MEMORY);

        assertThat(signal.evaluate(login(null, "203.0.113.7", 0)))
                .contains(RiskReason.of("new-device", RiskLevel.MEDIUM));
    }

    @Test
    void newDeviceWhenCookieNeverSeenForThisUserThenReason() {
        history.record("bob", RiskHistory.Kind.DEVICE, DEVICE, NOW.minusSeconds(60));   // bob's, not alice's

        assertThat(new NewDeviceSignal(history, MEMORY).evaluate(login(DEVICE, "203.0.113.7", 0))).isPresent();
    }

    @Test
    void newDeviceWhenSeenWithinMemoryThenNothing() {
        history.record(ALICE, RiskHistory.Kind.DEVICE, DEVICE, NOW.minus(MEMORY));   // exactly memory ago: still known

        assertThat(new NewDeviceSignal(history, MEMORY).evaluate(login(DEVICE, "203.0.113.7", 0))).isEmpty();
    }

    @Test
    void newDeviceWhenLastSeenJustLongerAgoThanMemoryThenReason() {
        history.record(ALICE, RiskHistory.Kind.DEVICE, DEVICE, NOW.minus(MEMORY).minusSeconds(1));

        assertThat(new NewDeviceSignal(history, MEMORY).evaluate(login(DEVICE, "203.0.113.7", 0))).isPresent();
    }

    @Test
    void newDeviceWhenCookieMalformedThenTreatedAsAbsent() {
        history.record(ALICE, RiskHistory.Kind.DEVICE, "a b", NOW);   // even if something odd was stored

        RiskContext odd = login("a b", "203.0.113.7", 0);

        assertThat(odd.device()).isEmpty();
        assertThat(new NewDeviceSignal(history, MEMORY).evaluate(odd)).isPresent();
        assertThat(login("x".repeat(129), null, 0).device()).isEmpty();
        assertThat(login("é", null, 0).device()).isEmpty();
        assertThat(login("", null, 0).device()).isEmpty();
        assertThat(login("x".repeat(128), null, 0).device()).isPresent();
    }

    @Test
    void newDeviceLevelConfigurable() {
        assertThat(new NewDeviceSignal(history, MEMORY, RiskLevel.HIGH).evaluate(login(null, null, 0)))
                .contains(RiskReason.of("new-device", RiskLevel.HIGH));
    }

    // --- new-network ---------------------------------------------------------------------------------------------

    @Test
    void newNetworkWhenSameSlash24SeenThenNothing() {
        history.record(ALICE, RiskHistory.Kind.NETWORK, "203.0.113.0/24", NOW.minus(Duration.ofDays(1)));
        RiskSignal signal = new NewNetworkSignal(history, MEMORY);

        assertThat(signal.evaluate(login(DEVICE, "203.0.113.200", 0))).isEmpty();
        assertThat(signal.evaluate(login(DEVICE, "::ffff:203.0.113.9", 0))).isEmpty();
        assertThat(signal.evaluate(login(DEVICE, "203.0.114.1", 0)))
                .contains(RiskReason.of("new-network", RiskLevel.LOW));
    }

    @Test
    void newNetworkWhenSameSlash48SeenThenNothing() {
        history.record(ALICE, RiskHistory.Kind.NETWORK, "2001:db8:1::/48", NOW.minus(Duration.ofDays(1)));
        RiskSignal signal = new NewNetworkSignal(history, MEMORY);

        assertThat(signal.evaluate(login(DEVICE, "2001:db8:1:77::5", 0))).isEmpty();
        assertThat(signal.evaluate(login(DEVICE, "2001:db8:2::5", 0))).isPresent();
    }

    @Test
    void newNetworkWhenForgottenByMemoryThenReason() {
        history.record(ALICE, RiskHistory.Kind.NETWORK, "203.0.113.0/24", NOW.minus(MEMORY).minusMillis(1));

        assertThat(new NewNetworkSignal(history, MEMORY).evaluate(login(DEVICE, "203.0.113.7", 0))).isPresent();
    }

    @Test
    void newNetworkWhenAddressUnknownThenNoOpinion() {
        assertThat(new NewNetworkSignal(history, MEMORY).evaluate(login(DEVICE, null, 0))).isEmpty();
    }

    // --- recent-failures -----------------------------------------------------------------------------------------

    @Test
    void recentFailuresFromTheThreshold() {
        RiskSignal signal = new RecentFailuresSignal(3);

        assertThat(signal.evaluate(login(DEVICE, null, 2))).isEmpty();
        assertThat(signal.evaluate(login(DEVICE, null, 3))).contains(RiskReason.of("recent-failures", RiskLevel.HIGH));
        assertThat(signal.evaluate(login(DEVICE, null, 50))).isPresent();
        assertThatIllegalArgumentException().isThrownBy(() -> new RecentFailuresSignal(0));
        assertThatIllegalArgumentException().isThrownBy(() -> login(DEVICE, null, -1));
    }

    // --- long-absence --------------------------------------------------------------------------------------------

    @Test
    void longAbsenceWhenLastLoginExactlyAbsenceAgoThenReason() {
        history.record(ALICE, RiskHistory.Kind.LOGIN, "", NOW.minus(ABSENCE));

        assertThat(new LongAbsenceSignal(history, ABSENCE).evaluate(login(DEVICE, null, 0)))
                .contains(RiskReason.of("long-absence", RiskLevel.MEDIUM));
    }

    @Test
    void longAbsenceWhenLastLoginJustWithinAbsenceThenNothing() {
        history.record(ALICE, RiskHistory.Kind.LOGIN, "", NOW.minus(ABSENCE).plusSeconds(1));

        assertThat(new LongAbsenceSignal(history, ABSENCE).evaluate(login(DEVICE, null, 0))).isEmpty();
    }

    @Test
    void longAbsenceWhenNeverSignedInThenNothing() {
        assertThat(new LongAbsenceSignal(history, ABSENCE).evaluate(login(DEVICE, null, 0))).isEmpty();
    }

    @Test
    void longAbsenceStillNoticedAfterDeviceAndNetworkEntriesWereForgotten() {
        RiskContext yearAgo = new RiskContext(ALICE, NOW.minus(Duration.ofDays(365)), DEVICE, ip("203.0.113.7"), 0, "");
        history.recordLogin(yearAgo);

        history.forgetBefore(NOW.minus(MEMORY));

        assertThat(history.lastSeen(ALICE, RiskHistory.Kind.DEVICE, DEVICE)).isEmpty();
        assertThat(new LongAbsenceSignal(history, ABSENCE).evaluate(login(DEVICE, null, 0))).isPresent();
    }

    // --- all four through the assessor ---------------------------------------------------------------------------

    @Test
    void usualLoginAfterAKnownOneIsNone() {
        RiskAssessor assessor = RiskAssessor.withBuiltIns(history, AdaptiveSettings.defaults(), List.of());
        history.recordLogin(new RiskContext(ALICE, NOW.minus(Duration.ofDays(2)), DEVICE, ip("203.0.113.7"), 0, ""));

        RiskAssessment risk = assessor.assess(login(DEVICE, "203.0.113.99", 0));

        assertThat(risk.level()).isEqualTo(RiskLevel.NONE);
        assertThat(risk.reasons()).isEmpty();
    }

    @Test
    void firstLoginEverIsNewDeviceAndNewNetworkMedium() {
        RiskAssessor assessor = RiskAssessor.withBuiltIns(history, AdaptiveSettings.defaults(), List.of());

        RiskAssessment risk = assessor.assess(login(null, "203.0.113.7", 0));

        assertThat(risk.reasonIds()).containsExactly("new-device", "new-network");
        assertThat(risk.level()).isEqualTo(RiskLevel.MEDIUM);
    }

    @Test
    void newDeviceAfterLongAbsenceIsHigh() {
        RiskAssessor assessor = RiskAssessor.withBuiltIns(history, AdaptiveSettings.defaults(), List.of());
        history.recordLogin(new RiskContext(ALICE, NOW.minus(Duration.ofDays(45)), DEVICE, ip("203.0.113.7"), 0, ""));

        RiskAssessment risk = assessor.assess(login("another-device-id", "203.0.113.7", 0));

        assertThat(risk.reasonIds()).containsExactly("new-device", "long-absence");
        assertThat(risk.level()).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void knownDeviceOnNewNetworkIsLowAndDoesNotReachTheDefaultThreshold() {
        RiskAssessor assessor = RiskAssessor.withBuiltIns(history, AdaptiveSettings.defaults(), List.of());
        history.recordLogin(new RiskContext(ALICE, NOW.minus(Duration.ofDays(1)), DEVICE, ip("203.0.113.7"), 0, ""));

        RiskAssessment risk = assessor.assess(login(DEVICE, "198.51.100.7", 0));

        assertThat(risk.reasonIds()).containsExactly("new-network");
        assertThat(risk.requiresMfa(AdaptiveSettings.DEFAULT_REQUIRE)).isFalse();
    }
}
