package dev.stepwise.mfa.runtime;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.AccountThrottle;
import dev.stepwise.mfa.core.AttemptPolicy;
import dev.stepwise.mfa.core.FailureCount;
import dev.stepwise.mfa.core.FailureCounter;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.RecoveryCodes;
import dev.stepwise.mfa.factor.TestChallengeContexts;
import dev.stepwise.mfa.factor.Verification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The attempt unit with the real throttle over counts in memory, fake factors and a clock that stands still. */
class AttemptsTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String USER = "alice";

    /** Failure counts in a map: enough for one thread. */
    static final class MemoryCounter implements FailureCounter {
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

    /** A factor that answers what the test tells it, and counts how often it was asked. */
    static class FakeFactor implements Factor {
        Verification answer = Verification.accepted();
        RuntimeException failure;
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public String id() {
            return "fake";
        }

        @Override
        public boolean isEnrolled(String user) {
            return true;
        }

        @Override
        public Verification verify(String user, Map<String, String> input, ChallengeContext ctx) {
            asked.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return answer;
        }
    }

    /** A factor with recovery codes, three of them left after a use. */
    static final class CodesFactor extends FakeFactor implements RecoveryCodes {
        @Override
        public int remaining(String user) {
            return 3;
        }

        @Override
        public List<String> replaceCodes(String user) {
            return List.of();
        }
    }

    final MutableClock clock = new MutableClock(T0);
    final MemoryCounter counter = new MemoryCounter();
    final List<MfaEvent> events = new ArrayList<>();
    final List<MfaEvent.FactorChecked> checks = new ArrayList<>();
    final ChallengeContext ctx = TestChallengeContexts.at(T0);
    final FakeFactor factor = new FakeFactor();

    /** Three failures lock for 15 minutes; no delay before that. */
    Attempts attempts() {
        AttemptPolicy policy = new AttemptPolicy(3, Duration.ofMinutes(15), 3, Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        return new Attempts(new AccountThrottle(counter, policy, clock), clock, this::fired);
    }

    /** The audit events in {@link #events}, the timings of the checks in {@link #checks}. */
    void fired(MfaEvent event) {
        if (event instanceof MfaEvent.FactorChecked c) {
            checks.add(c);
        } else {
            events.add(event);
        }
    }

    AttemptOutcome attempt() {
        return attempts().verify(USER, factor, Map.of("code", "123456"), ctx);
    }

    @Test
    void anAcceptedAnswerIsVerifiedAndEndsTheFailures() {
        factor.answer = Verification.rejected("stepwise.mfa.error.code");
        attempt();
        factor.answer = Verification.accepted();

        assertThat(attempt()).isInstanceOf(AttemptOutcome.Verified.class);
        assertThat(counter.read(USER)).isEqualTo(FailureCount.NONE);
        assertThat(events).hasSize(1); // the failure before; a success fires nothing here (the page records it)
    }

    @Test
    void aRejectedAnswerStaysCountedAndFiresFactorFailedWithTheContextsAddressAndBrowser() {
        factor.answer = Verification.rejected("stepwise.mfa.error.code");

        AttemptOutcome outcome = attempt();

        assertThat(outcome).isInstanceOfSatisfying(AttemptOutcome.Rejected.class, r -> {
            assertThat(r.factorMessage()).isEqualTo("stepwise.mfa.error.code");
            assertThat(r.locked()).isFalse();
            assertThat(r.after().failures()).isEqualTo(1);
        });
        assertThat(outcome.messageKey()).isEqualTo("stepwise.mfa.error.code");
        assertThat(counter.read(USER).failures()).isEqualTo(1);
        assertThat(events).singleElement().isInstanceOfSatisfying(MfaEvent.FactorFailed.class, e -> {
            assertThat(e.user()).isEqualTo(USER);
            assertThat(e.factorId()).isEqualTo("fake");
            assertThat(e.clientAddress()).isEqualTo("192.0.2.1");
            assertThat(e.userAgent()).doesNotContain("JUnit").isNotBlank();
            assertThat(e.at()).isEqualTo(T0);
        });
    }

    @Test
    void theFailureThatLocksTheAccountFiresLockedOutOnceAndSaysLocked() {
        factor.answer = Verification.rejected("stepwise.mfa.error.code");
        attempt();
        attempt();

        AttemptOutcome third = attempt();

        assertThat(third).isInstanceOfSatisfying(AttemptOutcome.Rejected.class, r -> {
            assertThat(r.factorMessage()).isEqualTo("stepwise.mfa.error.code");
            assertThat(r.locked()).isTrue();
            assertThat(r.after().failures()).isEqualTo(3);
            assertThat(r.after().lockedUntil()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        });
        assertThat(third.messageKey()).isEqualTo(AttemptOutcome.LOCKED);
        assertThat(events).hasSize(4).filteredOn(MfaEvent.LockedOut.class::isInstance).singleElement()
                .isInstanceOfSatisfying(MfaEvent.LockedOut.class, e -> {
                    assertThat(e.failures()).isEqualTo(3);
                    assertThat(e.lockedUntil()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
                });
    }

    @Test
    void aLockedAccountIsRefusedWithoutLookingAtTheInput() {
        factor.answer = Verification.rejected("stepwise.mfa.error.code");
        attempt();
        attempt();
        attempt();
        factor.answer = Verification.accepted();
        int asked = factor.asked.get();

        AttemptOutcome refused = attempt();

        assertThat(refused).isEqualTo(new AttemptOutcome.Refused(15 * 60, true));
        assertThat(refused.messageKey()).isEqualTo(AttemptOutcome.LOCKED);
        assertThat(factor.asked).hasValue(asked);
        assertThat(events).filteredOn(MfaEvent.LockedOut.class::isInstance).hasSize(1);
    }

    @Test
    void anAttemptTooSoonAfterFailuresIsRefusedWithTheWait() {
        AttemptPolicy delaying = new AttemptPolicy(10, Duration.ofMinutes(15), 1, Duration.ofSeconds(2),
                Duration.ofSeconds(60));
        Attempts attempts = new Attempts(new AccountThrottle(counter, delaying, clock), clock, this::fired);
        factor.answer = Verification.rejected("stepwise.mfa.error.code");
        attempts.verify(USER, factor, Map.of(), ctx);

        AttemptOutcome refused = attempts.verify(USER, factor, Map.of(), ctx);

        assertThat(refused).isEqualTo(new AttemptOutcome.Refused(2, false));
        assertThat(refused.messageKey()).isEqualTo(AttemptOutcome.WAIT);
        assertThat(factor.asked).hasValue(1);
    }

    @Test
    void anAnswerTheFactorCouldNotCheckIsGivenBack() {
        factor.answer = Verification.unavailable("stepwise.mfa.error.not-sent");

        AttemptOutcome outcome = attempt();

        assertThat(outcome).isEqualTo(new AttemptOutcome.Unavailable("stepwise.mfa.error.not-sent"));
        assertThat(counter.read(USER)).isEqualTo(FailureCount.NONE);
        assertThat(events).isEmpty();
    }

    @Test
    void aFactorThatThrowsIsUnavailableButTheAttemptStaysCounted() {
        factor.failure = new IllegalArgumentException("input 123456 was odd");

        AttemptOutcome outcome = attempt();

        assertThat(outcome).isEqualTo(new AttemptOutcome.Unavailable(AttemptOutcome.UNAVAILABLE));
        assertThat(counter.read(USER).failures()).isEqualTo(1);
    }

    @Test
    void aFactorWithRecoveryCodesTellsHowManyAreLeftAfterAUse() {
        CodesFactor codes = new CodesFactor();

        AttemptOutcome outcome = attempts().verify(USER, codes, Map.of("code", "x"), ctx);

        assertThat(outcome).isInstanceOf(AttemptOutcome.Verified.class);
        assertThat(events).singleElement().isInstanceOfSatisfying(MfaEvent.RecoveryCodeUsed.class,
                e -> assertThat(e.remaining()).isEqualTo(3));
    }

    @Test
    void aRejectedRecoveryCodeTellsNothingAboutCodesLeft() {
        CodesFactor codes = new CodesFactor();
        codes.answer = Verification.rejected("stepwise.mfa.error.code");

        attempts().verify(USER, codes, Map.of("code", "x"), ctx);

        assertThat(events).singleElement().isInstanceOf(MfaEvent.FactorFailed.class);
    }

    @Test
    void aConfirmedEnrolmentGivesItsAttemptBackAndKeepsEarlierFailures() {
        factor.answer = Verification.rejected("stepwise.mfa.error.code");
        attempt();

        AttemptOutcome outcome = attempts().confirm(USER, "totp", ctx, Verification::accepted);

        assertThat(outcome).isInstanceOf(AttemptOutcome.Verified.class);
        assertThat(counter.read(USER).failures()).isEqualTo(1);
    }

    @Test
    void aWrongEnrolmentCodeCountsLikeAChallengesAndALockedAccountCannotConfirm() {
        Attempts attempts = attempts();
        for (int i = 0; i < 3; i++) {
            attempts.confirm(USER, "totp", ctx, () -> Verification.rejected("stepwise.mfa.error.code"));
        }
        AtomicInteger checked = new AtomicInteger();

        AttemptOutcome outcome = attempts.confirm(USER, "totp", ctx, () -> {
            checked.incrementAndGet();
            return Verification.accepted();
        });

        assertThat(outcome).isInstanceOf(AttemptOutcome.Refused.class);
        assertThat(checked).hasValue(0);
        assertThat(events).filteredOn(MfaEvent.LockedOut.class::isInstance).singleElement()
                .isInstanceOfSatisfying(MfaEvent.LockedOut.class, e -> assertThat(e.factorId()).isEqualTo("totp"));
    }

    @Test
    void anEnrolmentCheckThatThrowsPropagatesAndStaysCounted() {
        assertThatThrownBy(() -> attempts().confirm(USER, "totp", ctx, () -> {
            throw new IllegalStateException("store down");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(counter.read(USER).failures()).isEqualTo(1);
    }

    @Test
    void eachCheckThatRanIsTimedOnTheLibrarysClockWithItsOutcome() {
        FakeFactor slow = new FakeFactor() {
            @Override
            public Verification verify(String user, Map<String, String> input, ChallengeContext c) {
                clock.advance(Duration.ofMillis(40));
                return super.verify(user, input, c);
            }
        };
        slow.answer = Verification.rejected("stepwise.mfa.error.code");
        attempts().verify(USER, slow, Map.of("code", "000000"), ctx);
        slow.answer = Verification.accepted();
        attempts().verify(USER, slow, Map.of("code", "123456"), ctx);
        slow.failure = new IllegalStateException("down");
        attempts().verify(USER, slow, Map.of("code", "123456"), ctx);

        assertThat(checks).extracting(MfaEvent.FactorChecked::outcome).containsExactly("rejected", "verified",
                "unavailable");
        assertThat(checks).allSatisfy(c -> {
            assertThat(c.took()).isEqualTo(Duration.ofMillis(40));
            assertThat(c.factorId()).isEqualTo("fake");
        });
    }

    @Test
    void anAttemptRefusedBeforeAnyCheckIsNotTimed() {
        factor.answer = Verification.rejected("stepwise.mfa.error.code");
        for (int i = 0; i < 4; i++) {
            attempt();
        }
        assertThat(checks).hasSize(3); // the fourth was refused: locked
    }
}
