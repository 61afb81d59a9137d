package dev.stepwise.mfa.runtime;

import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.StepwiseClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.Objects;

/**
 * The deployment's configuration and clock, fixed first at start-up: the factor beans, the store and the
 * {@link MfaRuntime} are all built from it, and it depends on none of them (so there is no start-up order to get
 * wrong). The clock is the system UTC clock unless the application provides a {@link StepwiseClock} bean.
 */
@ApplicationScoped
public class MfaConfiguration {

    private final Instance<Clock> clockBeans;
    private volatile MfaConfig config;
    private volatile Clock clock;

    /**
     * Creates the MFA configuration from its parts.
     *
     * @param clockBeans the clock beans
     */
    @Inject
    public MfaConfiguration(@StepwiseClock Instance<Clock> clockBeans) {
        this.clockBeans = clockBeans;
    }

    /** For CDI's proxy only. */
    protected MfaConfiguration() {
        this(null);
    }

    /**
     * A configuration fixed from plain values (tests, tools).
     *
     * @param config the configuration
     * @param clock the clock that tells the time
     * @return a configuration fixed from plain values (tests, tools)
     */
    public static MfaConfiguration of(MfaConfig config, Clock clock) {
        MfaConfiguration c = new MfaConfiguration(null);
        c.clock = Objects.requireNonNull(clock, "clock");
        c.config = Objects.requireNonNull(config, "config");
        return c;
    }

    /**
     * Fixes the configuration; called once by the library's start-up listener.
     *
     * @param parsed the parsed
     */
    public void start(MfaConfig parsed) {
        this.clock = clockBeans != null && clockBeans.isResolvable() ? clockBeans.get() : Clock.systemUTC();
        this.config = Objects.requireNonNull(parsed, "config");
    }

    /** {@return the configuration} */
    public MfaConfig config() {
        MfaConfig c = config;
        if (c == null) {
            throw notStarted();
        }
        return c;
    }

    /** {@return the library's clock} */
    public Clock clock() {
        Clock c = clock;
        if (c == null) {
            throw notStarted();
        }
        return c;
    }

    static IllegalStateException notStarted() {
        return new IllegalStateException("Stepwise MFA is not configured (its listener did not run)");
    }
}
