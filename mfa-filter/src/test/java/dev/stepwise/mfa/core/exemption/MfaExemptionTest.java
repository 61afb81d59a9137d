package dev.stepwise.mfa.core.exemption;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link MfaExemption}: granting rules and the self-expiring window.
 */
class MfaExemptionTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration MAX = MfaExemption.DEFAULT_MAX_DURATION;

    @Test
    void grantRecordsWhoWhenWhyAndUntil() {
        MfaExemption e = MfaExemption.grant("alice", "bob", "  lost phone  ", DAY, NOW, MAX);

        assertThat(e).isEqualTo(new MfaExemption("alice", NOW.plus(DAY), "lost phone", "bob", NOW));
    }

    @Test
    void activeFromGrantUntilJustBeforeUntil() {
        MfaExemption e = MfaExemption.grant("alice", "bob", "lost phone", DAY, NOW, MAX);

        assertThat(e.isActiveAt(NOW.minusMillis(1))).isFalse();
        assertThat(e.isActiveAt(NOW)).isTrue();
        assertThat(e.isActiveAt(NOW.plus(DAY).minusMillis(1))).isTrue();
        assertThat(e.isActiveAt(NOW.plus(DAY))).isFalse();
        assertThat(e.isActiveAt(NOW.plus(Duration.ofDays(365)))).isFalse();
    }

    @Test
    void grantRefusesSelfExemption() {
        assertThatIllegalArgumentException().isThrownBy(() -> MfaExemption.grant("bob", "bob", "me", DAY, NOW, MAX))
                .withMessageContaining("themselves");
    }

    @Test
    void grantRefusesMissingReason() {
        assertThatIllegalArgumentException().isThrownBy(() -> MfaExemption.grant("alice", "bob", " ", DAY, NOW, MAX));
        assertThatIllegalArgumentException().isThrownBy(() -> MfaExemption.grant("alice", "bob", null, DAY, NOW, MAX));
        assertThatIllegalArgumentException().isThrownBy(() -> MfaExemption.grant("alice", "bob",
                "x".repeat(MfaExemption.MAX_REASON + 1), DAY, NOW, MAX));
    }

    @Test
    void grantRefusesDurationsOutsideLimits() {
        assertThatIllegalArgumentException().isThrownBy(() -> MfaExemption.grant("alice", "bob", "r", Duration.ZERO, NOW, MAX));
        assertThatIllegalArgumentException().isThrownBy(() -> MfaExemption.grant("alice", "bob", "r", DAY.negated(), NOW, MAX));
        assertThatIllegalArgumentException().isThrownBy(() -> MfaExemption.grant("alice", "bob", "r", MAX.plusSeconds(1), NOW, MAX))
                .withMessageContaining("at most");
        assertThat(MfaExemption.grant("alice", "bob", "r", MAX, NOW, MAX).until()).isEqualTo(NOW.plus(MAX));
    }

    @Test
    void constructorRefusesEndBeforeStart() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MfaExemption("alice", NOW, "r", "bob", NOW));
        assertThatNullPointerException().isThrownBy(() -> new MfaExemption(null, NOW.plus(DAY), "r", "bob", NOW));
    }
}
