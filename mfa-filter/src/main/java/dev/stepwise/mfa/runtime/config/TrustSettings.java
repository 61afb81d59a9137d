package dev.stepwise.mfa.runtime.config;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * "Trust this device".
 *
 * @param duration    {@code stepwise.mfa.trust.duration}: how long a device stays trusted; zero switches it off
 * @param keyRotation {@code stepwise.mfa.trust.key-rotation}: how long one trust-cookie signing key signs
 */
public record TrustSettings(Duration duration, Duration keyRotation) {

    /**
     * Checks the components.
     * @param duration {@code stepwise.mfa.trust.duration}: how long a device stays trusted; zero switches it off
     * @param keyRotation {@code stepwise.mfa.trust.key-rotation}: how long one trust-cookie signing key signs
     */
    public TrustSettings {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(keyRotation, "keyRotation");
    }

    /** {@return whether "trust this device" is offered at all} */
    public boolean enabled() {
        return !duration.isZero();
    }

    /**
     * Reads the trust parameters.
     *
     * @param source where the configuration values are read from
     * @return the trust settings
     */
    public static TrustSettings read(Function<String, String> source) {
        return new TrustSettings(Parameters.TRUST_DURATION.read(source), Parameters.TRUST_KEY_ROTATION.read(source));
    }
}
