package dev.stepwise.mfa.core.exemption;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link InMemoryExemptionStore}: one per user, revocation, clean-up of ended exemptions.
 */
class InMemoryExemptionStoreTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    private final InMemoryExemptionStore store = new InMemoryExemptionStore();

    private static MfaExemption exempt(String user, Instant at) {
        return MfaExemption.grant(user, "admin", "lost phone", DAY, at, Duration.ofDays(7));
    }

    @Test
    void saveReplacesThePreviousExemptionOfTheUser() {
        store.save(exempt("alice", NOW));
        MfaExemption newer = exempt("alice", NOW.plusSeconds(60));

        store.save(newer);

        assertThat(store.find("alice")).contains(newer);
        assertThat(store.list()).containsExactly(newer);
    }

    @Test
    void revokeEndsItNow() {
        store.save(exempt("alice", NOW));

        assertThat(store.revoke("alice")).isTrue();
        assertThat(store.find("alice")).isEmpty();
        assertThat(store.revoke("alice")).isFalse();
    }

    @Test
    void deleteEndedBeforeKeepsActiveOnes() {
        MfaExemption old = exempt("alice", NOW.minus(Duration.ofDays(2)));
        MfaExemption current = exempt("bob", NOW);
        store.save(old);
        store.save(current);

        assertThat(store.deleteEndedBefore(NOW)).isEqualTo(1);
        assertThat(store.list()).containsExactly(current);
    }

    @Test
    void listIsSortedByUser() {
        store.save(exempt("carol", NOW));
        store.save(exempt("alice", NOW));

        assertThat(store.list()).extracting(MfaExemption::user).containsExactly("alice", "carol");
    }
}
