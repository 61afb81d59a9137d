package dev.stepwise.sample.it;

import dev.stepwise.mfa.web.StepwiseClock;
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
 * without waiting. Handed to the library through the {@link StepwiseClock} qualifier.
 */
@ApplicationScoped
public class TestClock {

    private static final AtomicReference<Duration> OFFSET = new AtomicReference<>(Duration.ZERO);

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
            return Instant.now().plus(OFFSET.get());
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
}
