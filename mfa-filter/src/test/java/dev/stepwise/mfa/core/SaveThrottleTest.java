package dev.stepwise.mfa.core;

import dev.stepwise.mfa.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** The per-user throttle of costly saves (issue 17): {@value SaveThrottle#SAVES} per window, per user. */
class SaveThrottleTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    /** Slots as the store keeps them: the end of each reservation, by user and slot; one atomic step each. */
    private final Map<List<String>, Instant> until = new ConcurrentHashMap<>();
    private final List<String> asked = new ArrayList<>();
    private final SaveThrottle throttle = new SaveThrottle(SaveThrottle.QUESTIONS, (user, slot, now, window) -> {
        asked.add(slot);
        Instant end = now.plus(window);
        return until.merge(List.of(user, slot), end, (held, next) -> held.isAfter(now) ? held : next) == end;
    }, clock);

    @Test
    void threeSavesPassThenNoneUntilTheirSlotsEnd() {
        for (int i = 0; i < SaveThrottle.SAVES; i++) {
            assertThat(throttle.reserve("alice")).isTrue();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(throttle.reserve("alice")).isFalse();
        assertThat(asked).containsExactly("questions-save-1", "questions-save-1", "questions-save-2",
                "questions-save-1", "questions-save-2", "questions-save-3",
                "questions-save-1", "questions-save-2", "questions-save-3");

        clock.set(T0.plus(SaveThrottle.WINDOW).minusMillis(1));
        assertThat(throttle.reserve("alice")).isFalse();
        clock.set(T0.plus(SaveThrottle.WINDOW));
        assertThat(throttle.reserve("alice")).as("the first slot ended").isTrue();
        assertThat(throttle.reserve("alice")).isFalse();
    }

    @Test
    void eachUserHasTheirOwnSaves() {
        for (int i = 0; i < SaveThrottle.SAVES; i++) {
            assertThat(throttle.reserve("alice")).isTrue();
        }
        assertThat(throttle.reserve("alice")).isFalse();
        assertThat(throttle.reserve("bob")).isTrue();
        assertThat(throttle.reserve("Ålice\u00a0ß")).isTrue();
        assertThat(throttle.reserve("alice ")).as("another principal name, another count").isTrue();
    }

    @Test
    void aStoreThatFailsFailsTheSave() {
        SaveThrottle broken = new SaveThrottle(SaveThrottle.QUESTIONS, (user, slot, now, window) -> {
            throw new IllegalStateException("store down");
        }, clock);
        org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(() -> broken.reserve("alice"));
    }

    @Test
    void argumentsAreChecked() {
        assertThatNullPointerException().isThrownBy(() -> throttle.reserve(null));
        assertThatNullPointerException().isThrownBy(() -> new SaveThrottle(null, (u, s, n, w) -> true, clock));
        assertThat(SaveThrottle.slot(SaveThrottle.QUESTIONS, 3)).isEqualTo("questions-save-3").hasSizeLessThan(33);
    }
}
