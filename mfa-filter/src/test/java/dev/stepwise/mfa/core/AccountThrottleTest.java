package dev.stepwise.mfa.core;

import dev.stepwise.mfa.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle's rules with a counter in memory; the JDBC counter is covered by the store contract suite. */
class AccountThrottleTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** A counter in a map: enough for one thread. */
    static final class MapCounter implements FailureCounter {
        final Map<String, FailureCount> counts = new HashMap<>();

        @Override
        public FailureCount read(String user) {
            return counts.getOrDefault(user, FailureCount.NONE);
        }

        @Override
        public FailureCount increment(String user, Instant at) {
            FailureCount next = new FailureCount(read(user).failures() + 1, at);
            counts.put(user, next);
            return next;
        }

        @Override
        public void reset(String user) {
            counts.remove(user);
        }
    }

    final MutableClock clock = new MutableClock(T0);
    final MapCounter counter = new MapCounter();
    final AccountThrottle throttle = new AccountThrottle(counter, AttemptPolicy.defaults(), clock);

    @Test
    void lockedNowIsReportedOnlyByTheFailureThatLocks() {
        for (int i = 1; i <= 9; i++) {
            assertThat(throttle.recordFailure("alice").lockedNow()).as("failure %d", i).isFalse();
        }
        AccountThrottle.FailureOutcome tenth = throttle.recordFailure("alice");

        assertThat(tenth.lockedNow()).isTrue();
        assertThat(tenth.state().isLockedAt(T0)).isTrue();
    }

    @Test
    void afterTheLockoutACorrectAttemptIsAllowedAndAnotherWrongOneLocksAgain() {
        for (int i = 0; i < 10; i++) {
            throttle.recordFailure("alice");
        }
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.check("alice").allowsAttemptAt(clock.instant())).isTrue();

        AccountThrottle.FailureOutcome eleventh = throttle.recordFailure("alice");

        assertThat(eleventh.lockedNow()).isTrue();
        assertThat(eleventh.state().lockedUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
    }

    @Test
    void successResetsTheCount() {
        throttle.recordFailure("alice");
        throttle.recordFailure("alice");
        throttle.recordFailure("alice");
        assertThat(throttle.check("alice").allowsAttemptAt(clock.instant())).isFalse();

        throttle.recordSuccess("alice");

        assertThat(throttle.check("alice")).isEqualTo(AttemptState.CLEAR);
    }

    @Test
    void accountsAreCountedSeparately() {
        for (int i = 0; i < 10; i++) {
            throttle.recordFailure("alice");
        }

        assertThat(throttle.check("alice").isLockedAt(clock.instant())).isTrue();
        assertThat(throttle.check("bob").allowsAttemptAt(clock.instant())).isTrue();
    }

    @Test
    void failuresAreStampedWithTheClock() {
        clock.advance(Duration.ofSeconds(42));
        throttle.recordFailure("alice");

        assertThat(counter.read("alice").lastFailureAt()).isEqualTo(T0.plusSeconds(42));
    }
}
