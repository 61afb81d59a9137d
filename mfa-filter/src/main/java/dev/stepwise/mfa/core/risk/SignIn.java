package dev.stepwise.mfa.core.risk;

import java.util.Objects;
import java.util.Optional;

/**
 * One successful sign-in as the history keeps it for the time-of-day and location signals: when, and where as far
 * as GeoIP knew (country, and the place rounded to {@link GeoPoint#STORED_STEP_DEGREES}; never the address).
 *
 * @param at       when the sign-in succeeded
 * @param location where, already {@link GeoLocation#rounded}, or {@code null} when unknown
 */
public record SignIn(java.time.Instant at, GeoLocation location) {

    /**
     * Checks the components.
     * @param at when the sign-in succeeded
     * @param location where, already {@link GeoLocation#rounded}, or {@code null} when unknown
     */
    public SignIn {
        Objects.requireNonNull(at, "at");
    }

    /** {@return where, if known} */
    public Optional<GeoLocation> where() {
        return Optional.ofNullable(location);
    }
}
