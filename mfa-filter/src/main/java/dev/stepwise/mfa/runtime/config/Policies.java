package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.core.LoginPolicy;
import dev.stepwise.mfa.core.location.LocationRules;
import dev.stepwise.mfa.core.risk.RiskLevel;
import dev.stepwise.mfa.runtime.config.MfaConfigException;
import dev.stepwise.mfa.runtime.config.ProtectedPaths;

import java.time.Duration;

/** When MFA is asked: the login policy, the adaptive risk level, the protected URL patterns. */
public final class Policies {

    private static final java.util.List<String> USER_VERIFICATION = java.util.List.of("required", "preferred",
            "discouraged");

    private Policies() {
    }

    /**
     * The login policy; {@code adaptive} comes with the default risk level here, and
     * {@link #withAdaptiveLevel} gives it the configured one.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return the login policy; {@code adaptive} comes with the default risk level here, and {@link #withAdaptiveLevel} gives it the configured one
     */
    public static LoginPolicy login(String parameter, String value) {
        try {
            return LoginPolicy.parse(value);
        } catch (IllegalArgumentException e) {
            throw new MfaConfigException(parameter, value, LoginPolicy.FORMAT);
        }
    }

    /**
     * {@code login}, with an adaptive policy asking from {@code require} on.
     *
     * @param login the login policy ({@code stepwise.mfa.login})
     * @param require the require
     * @return the login policy
     */
    public static LoginPolicy withAdaptiveLevel(LoginPolicy login, RiskLevel require) {
        return login instanceof LoginPolicy.Adaptive ? new LoginPolicy.Adaptive(require) : login;
    }

    /**
     * {@code low}, {@code medium} or {@code high}.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return the risk level
     */
    public static RiskLevel riskLevel(String parameter, String value) {
        try {
            return RiskLevel.parse(value);
        } catch (IllegalArgumentException e) {
            throw new MfaConfigException(parameter, value, "low, medium or high");
        }
    }

    /**
     * The WebAuthn user verification requirement, spelled as in WebAuthn: {@code required}, {@code preferred} or
     * {@code discouraged} (lower case).
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return the value, one of the three
     */
    public static String userVerification(String parameter, String value) {
        if (!USER_VERIFICATION.contains(value)) {
            throw new MfaConfigException(parameter, value, "required, preferred or discouraged");
        }
        return value;
    }

    /**
     * Parses a built-in signal's switch: {@code off}, or the level it adds ({@code low | medium | high}).
     *
     * @param parameter the name of the configuration parameter
     * @param value the value
     * @return the level, {@link RiskLevel#NONE} for {@code off}
     */
    public static RiskLevel signalLevel(String parameter, String value) {
        if ("off".equalsIgnoreCase(value.trim())) {
            return RiskLevel.NONE;
        }
        try {
            return RiskLevel.parse(value);
        } catch (IllegalArgumentException e) {
            throw new MfaConfigException(parameter, value, "off, low, medium or high");
        }
    }

    /**
     * Parses a time zone id such as {@code Europe/Berlin} or {@code UTC}.
     *
     * @param parameter the name of the configuration parameter
     * @param value the value
     * @return the zone
     */
    public static java.time.ZoneId timeZone(String parameter, String value) {
        try {
            return java.time.ZoneId.of(value);
        } catch (java.time.DateTimeException e) {
            throw new MfaConfigException(parameter, value, "a time zone id such as Europe/Berlin or UTC");
        }
    }

    /**
     * Parses a file path and checks the file can be read now (at deployment); whether its content is usable is
     * checked by whoever opens it.
     *
     * @param parameter the name of the configuration parameter
     * @param value the value
     * @return the path
     */
    public static java.nio.file.Path readableFile(String parameter, String value) {
        java.nio.file.Path path;
        try {
            path = java.nio.file.Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new MfaConfigException(parameter, value, "the path of a readable file");
        }
        if (value.isEmpty() || !java.nio.file.Files.isRegularFile(path) || !java.nio.file.Files.isReadable(path)) {
            throw new MfaConfigException(parameter, value, "the path of a readable file");
        }
        return path;
    }

    /**
     * Checks the {@code stepwise.mfa.protect} syntax and returns the text: a bare {@code stepup} takes the
     * step-up default, another parameter, so the patterns are built by {@link #protectedPaths}.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return the text, checked
     */
    public static String protect(String parameter, String value) {
        protectedPaths(parameter, value, Duration.ofMinutes(5));
        return value;
    }

    /**
     * The patterns of {@code stepwise.mfa.protect}, bare {@code stepup} taking {@code defaultMaxAge}.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @param defaultMaxAge the default max age
     * @return the patterns of {@code stepwise.mfa.protect}, bare {@code stepup} taking {@code defaultMaxAge}
     */
    public static ProtectedPaths protectedPaths(String parameter, String value, Duration defaultMaxAge) {
        try {
            return ProtectedPaths.parse(value, defaultMaxAge);
        } catch (IllegalArgumentException e) {
            throw new MfaConfigException(parameter, value, ProtectedPaths.FORMAT + " (" + e.getMessage() + ")");
        }
    }

    /**
     * Checks {@code stepwise.mfa.location.rules} ({@link LocationRules#FORMAT}).
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return the value, unchanged
     */
    public static String locationRules(String parameter, String value) {
        locationRules(parameter, value, Duration.ofMinutes(5));
        return value;
    }

    /**
     * The rules of {@code stepwise.mfa.location.rules}, bare {@code stepup} taking {@code defaultMaxAge}.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @param defaultMaxAge the max age of a bare {@code stepup}
     * @return the rules ({@link LocationRules#NONE} when blank)
     */
    public static LocationRules locationRules(String parameter, String value, Duration defaultMaxAge) {
        try {
            return LocationRules.parse(value, defaultMaxAge);
        } catch (IllegalArgumentException e) {
            throw new MfaConfigException(parameter, value, LocationRules.FORMAT + " (" + e.getMessage() + ")");
        }
    }
}
