package dev.stepwise.mfa.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttemptPolicyTest {

    static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    final AttemptPolicy policy = AttemptPolicy.defaults();

    @Test
    void defaultsAreTenFailuresFifteenMinutesAndADelayAfterThree() {
        assertThat(policy.maxFailures()).isEqualTo(10);
        assertThat(policy.lockoutDuration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(policy.freeFailures()).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource({"0,0", "1,0", "2,0", "3,1", "4,2", "5,4", "6,8", "9,64", "11,256", "12,300", "40,300", "100,300"})
    void theDelayDoublesAfterThreeFailuresAndIsCapped(int failures, long seconds) {
        assertThat(policy.delayAfter(failures)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void noFailuresIsClear() {
        assertThat(policy.evaluate(FailureCount.NONE)).isEqualTo(AttemptState.CLEAR);
        assertThat(AttemptState.CLEAR.allowsAttemptAt(T)).isTrue();
    }

    @Test
    void afterThreeFailuresTheNextAttemptWaitsOneSecond() {
        AttemptState s = policy.evaluate(new FailureCount(3, T));

        assertThat(s.notBefore()).isEqualTo(T.plusSeconds(1));
        assertThat(s.isLockedAt(T)).isFalse();
        assertThat(s.allowsAttemptAt(T.plusMillis(999))).isFalse();
        assertThat(s.allowsAttemptAt(T.plusSeconds(1))).isTrue();
        assertThat(s.retryAfter(T.plusMillis(400))).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void twoFailuresCostNothing() {
        assertThat(policy.evaluate(new FailureCount(2, T)).allowsAttemptAt(T)).isTrue();
    }

    @Test
    void theTenthFailureLocksForFifteenMinutesFromThatFailure() {
        AttemptState s = policy.evaluate(new FailureCount(10, T));

        assertThat(s.lockedUntil()).isEqualTo(T.plus(Duration.ofMinutes(15)));
        assertThat(s.isLockedAt(T.plus(Duration.ofMinutes(15)).minusNanos(1))).isTrue();
        assertThat(s.isLockedAt(T.plus(Duration.ofMinutes(15)))).isFalse();
        assertThat(s.notBefore()).isEqualTo(s.lockedUntil());
        assertThat(s.retryAfter(T)).isEqualTo(Duration.ofMinutes(15));
        assertThat(policy.locks(9)).isFalse();
        assertThat(policy.locks(10)).isTrue();
    }

    @Test
    void aLongerDelayThanTheLockoutWins() {
        AttemptPolicy p = new AttemptPolicy(10, Duration.ofSeconds(10), 1, Duration.ofMinutes(1), Duration.ofHours(1));

        AttemptState s = p.evaluate(new FailureCount(10, T));

        assertThat(s.lockedUntil()).isEqualTo(T.plusSeconds(10));
        assertThat(s.notBefore()).isAfter(s.lockedUntil());
        assertThat(s.allowsAttemptAt(T.plusSeconds(11))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 101, 1000})
    void maxFailuresIsOneToAHundred(int max) {
        // NIST SP 800-63B §5.2.2: no more than 100 consecutive failures
        assertThatThrownBy(() -> AttemptPolicy.of(max, Duration.ofMinutes(15)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 100");
    }

    @Test
    void aHundredIsAllowed() {
        assertThat(AttemptPolicy.of(100, Duration.ofMinutes(1)).maxFailures()).isEqualTo(100);
    }

    @Test
    void durationsMustBePositive() {
        assertThatThrownBy(() -> AttemptPolicy.of(10, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AttemptPolicy(10, Duration.ofMinutes(1), 3, Duration.ofSeconds(2),
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailureCountNeedsATimeExactlyWhenItHasFailures() {
        assertThatThrownBy(() -> new FailureCount(1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FailureCount(0, T)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FailureCount(-1, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"0,10", "1,9", "9,1", "10,0", "11,0", "100,0"})
    void attemptsLeftCountDownToTheLockoutAndNeverBelowZero(int failures, int left) {
        assertThat(policy.attemptsLeft(failures)).isEqualTo(left);
    }

    @Test
    void attemptsLeftRefusesANegativeCount() {
        assertThatThrownBy(() -> policy.attemptsLeft(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
