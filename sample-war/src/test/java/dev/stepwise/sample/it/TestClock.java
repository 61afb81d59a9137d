package dev.stepwise.sample.it;

import dev.stepwise.mfa.runtime.StepwiseClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the in-container tests move forward (through {@link TestClockServlet}) to let a step-up expire
 * without waiting, or stop for a moment (so that a burst of requests all happen "at the same instant"). Handed
 * to the library through the {@link StepwiseClock} qualifier.
 */
@ApplicationScoped
public class TestClock {

    private static final AtomicReference<Duration> OFFSET = new AtomicReference<>(Duration.ZERO);
    /** The instant the clock stands still at, or null while it runs. */
    private static final AtomicReference<Instant> STOPPED = new AtomicReference<>();

    private static final Clock CLOCK = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            Instant stopped = STOPPED.get();
            return stopped != null ? stopped : Instant.now().plus(OFFSET.get());
        }
    };

    @Produces
    @StepwiseClock
    Clock clock() {
        return CLOCK;
    }

    static void advance(Duration by) {
        OFFSET.accumulateAndGet(by, Duration::plus);
    }

    /** Stops the clock at the current instant ({@code true}) or lets it run on from there ({@code false}). */
    static void stop(boolean stop) {
        if (stop) {
            STOPPED.compareAndSet(null, CLOCK.instant());
        } else {
            Instant stoppedAt = STOPPED.getAndSet(null);
            if (stoppedAt != null) {
                // Run on from where it stood, not from where it would be by now.
                OFFSET.set(Duration.between(Instant.now(), stoppedAt));
            }
        }
    }

    static Instant now() {
        return CLOCK.instant();
    }
}
