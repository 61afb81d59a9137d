package dev.stepwise.mfa.core;

import dev.stepwise.mfa.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttle's rules with a counter in memory and a clock that stands still; the JDBC counter and real races are
 * covered by the store contract suite.
 */
class AccountThrottleTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** A counter in a map: enough for one thread. */
    static class MapCounter implements FailureCounter {
        final Map<String, FailureCount> counts = new HashMap<>();

        @Override
        public FailureCount read(String user) {
            return counts.getOrDefault(user, FailureCount.NONE);
        }

        @Override
        public boolean replace(String user, FailureCount expected, FailureCount next) {
            if (!read(user).equals(expected)) {
                return false;
            }
            counts.put(user, next);
            return true;
        }

        @Override
        public void giveBack(String user) {
            FailureCount c = read(user);
            if (c.failures() > 1) {
                counts.put(user, new FailureCount(c.failures() - 1, c.lastFailureAt()));
            } else {
                counts.remove(user);
            }
        }

        @Override
        public void reset(String user) {
            counts.remove(user);
        }
    }

    final MutableClock clock = new MutableClock(T0);
    final MapCounter counter = new MapCounter();
    final AccountThrottle throttle = new AccountThrottle(counter, AttemptPolicy.defaults(), clock);

    /** Reserves an attempt, waiting out a delay first if there is one; fails the test when locked. */
    AttemptReservation.Reserved reserveWaiting(String user) {
        AttemptReservation r = throttle.reserve(user);
        if (r instanceof AttemptReservation.TooSoon soon) {
            clock.advance(soon.retryAfter());
            r = throttle.reserve(user);
        }
        assertThat(r).isInstanceOf(AttemptReservation.Reserved.class);
        return (AttemptReservation.Reserved) r;
    }

    @Test
    void anAttemptIsCountedWhenItIsReservedBeforeAnythingIsChecked() {
        AttemptReservation r = throttle.reserve("alice");

        assertThat(r).isEqualTo(new AttemptReservation.Reserved(
                new AttemptState(1, Instant.EPOCH, T0), false));
        assertThat(counter.read("alice")).isEqualTo(new FailureCount(1, T0));
    }

    @Test
    void threeAttemptsAreReservedThenTheDelayRefusesWithoutCounting() {
        for (int i = 1; i <= 3; i++) {
            assertThat(throttle.reserve("alice")).as("attempt %d", i).isInstanceOf(AttemptReservation.Reserved.class);
        }

        assertThat(throttle.reserve("alice")).isEqualTo(new AttemptReservation.TooSoon(Duration.ofSeconds(1)));
        assertThat(counter.read("alice").failures()).isEqualTo(3);

        clock.advance(Duration.ofMillis(999));
        assertThat(throttle.reserve("alice")).as("just before the delay ends")
                .isInstanceOf(AttemptReservation.TooSoon.class);
        clock.advance(Duration.ofMillis(1));
        assertThat(throttle.reserve("alice")).isInstanceOf(AttemptReservation.Reserved.class);
        assertThat(throttle.reserve("alice")).isEqualTo(new AttemptReservation.TooSoon(Duration.ofSeconds(2)));
    }

    @Test
    void onlyTheReservationThatReachesMaxFailuresLocksIfRejected() {
        for (int i = 1; i <= 9; i++) {
            assertThat(reserveWaiting("alice").locksIfRejected()).as("attempt %d", i).isFalse();
        }
        AttemptReservation.Reserved tenth = reserveWaiting("alice");
        Instant lockedAt = clock.instant();

        assertThat(tenth.locksIfRejected()).isTrue();
        assertThat(tenth.ifRejected().lockedUntil()).isEqualTo(lockedAt.plus(Duration.ofMinutes(15)));
        assertThat(throttle.reserve("alice")).isEqualTo(new AttemptReservation.Locked(
                lockedAt.plus(Duration.ofMinutes(15)), Duration.ofMinutes(15)));
        clock.advance(Duration.ofMinutes(15).minusMillis(1));
        assertThat(throttle.reserve("alice")).isEqualTo(new AttemptReservation.Locked(
                lockedAt.plus(Duration.ofMinutes(15)), Duration.ofSeconds(1)));
        assertThat(counter.read("alice").failures()).as("refused attempts are not counted").isEqualTo(10);
    }

    @Test
    void afterTheLockoutAnAttemptIsAllowedAndIfItIsWrongItLocksAgain() {
        for (int i = 0; i < 10; i++) {
            reserveWaiting("alice");
        }
        clock.advance(Duration.ofMinutes(15));

        AttemptReservation.Reserved eleventh = (AttemptReservation.Reserved) throttle.reserve("alice");

        assertThat(eleventh.locksIfRejected()).isTrue();
        assertThat(eleventh.ifRejected().lockedUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
    }

    @Test
    void aSuccessResetsTheCount() {
        for (int i = 0; i < 3; i++) {
            throttle.reserve("alice");
        }
        assertThat(throttle.reserve("alice")).isInstanceOf(AttemptReservation.TooSoon.class);

        throttle.recordSuccess("alice");

        assertThat(throttle.check("alice")).isEqualTo(AttemptState.CLEAR);
        assertThat(throttle.reserve("alice")).isInstanceOf(AttemptReservation.Reserved.class);
    }

    @Test
    void anAttemptGivenBackIsNotCounted() {
        for (int i = 0; i < 3; i++) {
            throttle.reserve("alice");
        }

        throttle.giveBack("alice"); // the factor could not check the third one

        assertThat(counter.read("alice").failures()).isEqualTo(2);
        assertThat(throttle.reserve("alice")).isInstanceOf(AttemptReservation.Reserved.class);
    }

    @Test
    void accountsAreCountedSeparately() {
        for (int i = 0; i < 10; i++) {
            reserveWaiting("alice");
        }

        assertThat(throttle.reserve("alice")).isInstanceOf(AttemptReservation.Locked.class);
        assertThat(throttle.reserve("bob")).isInstanceOf(AttemptReservation.Reserved.class);
    }

    @Test
    void aReservationThatLostARaceIsJudgedAgainOnTheNewCount() {
        reserveWaiting("alice");
        reserveWaiting("alice");
        // Between this reservation's read and its compare-and-set another session counts the third attempt.
        MapCounter racing = new MapCounter() {
            boolean raced;

            @Override
            public boolean replace(String user, FailureCount expected, FailureCount next) {
                if (!raced) {
                    raced = true;
                    counts.put(user, read(user).next(T0));
                }
                return super.replace(user, expected, next);
            }
        };
        racing.counts.putAll(counter.counts);

        AttemptReservation r = new AccountThrottle(racing, AttemptPolicy.defaults(), clock).reserve("alice");

        assertThat(r).isEqualTo(new AttemptReservation.TooSoon(Duration.ofSeconds(1)));
        assertThat(racing.read("alice").failures()).isEqualTo(3);
    }

    @Test
    void anAccountThatAlwaysLosesTheRaceIsRefusedRatherThanSpinning() {
        MapCounter busy = new MapCounter() {
            @Override
            public boolean replace(String user, FailureCount expected, FailureCount next) {
                return false;
            }
        };

        AttemptReservation r = new AccountThrottle(busy, AttemptPolicy.defaults(), clock).reserve("alice");

        assertThat(r).isEqualTo(new AttemptReservation.TooSoon(Duration.ofSeconds(1)));
    }

    @Test
    void aRefusalWaitsAtLeastASecondAndRetryAfterIsRoundedUp() {
        assertThat(new AttemptReservation.TooSoon(Duration.ofMillis(200)).retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(new AttemptReservation.TooSoon(Duration.ofMillis(1500)).retryAfterSeconds()).isEqualTo(2);
        assertThat(new AttemptReservation.TooSoon(Duration.ofSeconds(2)).retryAfterSeconds()).isEqualTo(2);
        assertThat(new AttemptReservation.Locked(T0, Duration.ofMinutes(15).minusNanos(1)).retryAfterSeconds())
                .isEqualTo(900);
    }

    @Test
    void reservationsAreStampedWithTheClock() {
        clock.advance(Duration.ofSeconds(42));

        throttle.reserve("alice");

        assertThat(counter.read("alice")).isEqualTo(new FailureCount(1, T0.plusSeconds(42)));
    }

    @Test
    void theNextCountKeepsTheLatestFailureTimeSoALaggingNodeDoesNotShortenTheDelay() {
        FailureCount two = new FailureCount(2, T0.plusSeconds(5));

        assertThat(two.next(T0.plusSeconds(1))).isEqualTo(new FailureCount(3, T0.plusSeconds(5)));
        assertThat(two.next(T0.plusSeconds(9))).isEqualTo(new FailureCount(3, T0.plusSeconds(9)));
        assertThat(FailureCount.NONE.next(T0)).isEqualTo(new FailureCount(1, T0));
    }
}
