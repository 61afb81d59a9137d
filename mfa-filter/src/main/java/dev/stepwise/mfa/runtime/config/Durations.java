package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.runtime.config.MfaConfigException;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** ISO-8601 durations such as {@code PT5M} or {@code P30D}. */
public final class Durations {

    private Durations() {
    }

    /**
     * A duration greater than zero.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return a duration greater than zero
     */
    public static Duration positive(String parameter, String value) {
        Duration d = parseOrNull(value);
        if (d == null || d.isNegative() || d.isZero()) {
            throw new MfaConfigException(parameter, value, "a positive ISO-8601 duration, e.g. PT5M or PT30S");
        }
        return d;
    }

    /**
     * A duration that may be zero: a feature switched off, e.g. {@code PT0S}.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return a duration that may be zero: a feature switched off, e.g. {@code PT0S}
     */
    public static Duration positiveOrZero(String parameter, String value) {
        Duration d = parseOrNull(value);
        if (d == null || d.isNegative()) {
            throw new MfaConfigException(parameter, value,
                    "an ISO-8601 duration such as P30D, or PT0S to switch it off");
        }
        return d;
    }

    /**
     * A duration from zero (switched off) to one minute: a short, bounded staleness.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return a duration from zero (switched off) to one minute: a short, bounded staleness
     */
    public static Duration upToAMinute(String parameter, String value) {
        Duration d = parseOrNull(value);
        if (d == null || d.isNegative() || d.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new MfaConfigException(parameter, value,
                    "an ISO-8601 duration from PT0S (off) to PT1M, e.g. PT5S");
        }
        return d;
    }

    private static Duration parseOrNull(String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
