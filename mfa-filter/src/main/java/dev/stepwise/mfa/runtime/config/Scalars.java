package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.runtime.config.MfaConfigException;

/** Switches and bounded whole numbers. */
public final class Scalars {

    private Scalars() {
    }

    /**
     * Exactly {@code true} or {@code false}.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return the parsed value
     */
    public static boolean trueOrFalse(String parameter, String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new MfaConfigException(parameter, value, "true or false");
    }

    /**
     * Exactly {@code on} or {@code off}.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return {@code true} for {@code on}
     */
    public static boolean onOrOff(String parameter, String value) {
        if (value.equals("on") || value.equals("off")) {
            return value.equals("on");
        }
        throw new MfaConfigException(parameter, value, "on or off");
    }

    /**
     * A whole number from {@code min} to {@code max} (at most three digits).
     *
     * @param min the min
     * @param max the max
     * @return a whole number from {@code min} to {@code max} (at most three digits)
     */
    public static ValueParser<Integer> wholeNumber(int min, int max) {
        return (parameter, value) -> {
            if (value.matches("[0-9]{1,3}")) {
                int n = Integer.parseInt(value);
                if (n >= min && n <= max) {
                    return n;
                }
            }
            throw new MfaConfigException(parameter, value, "a whole number from " + min + " to " + max);
        };
    }
}
