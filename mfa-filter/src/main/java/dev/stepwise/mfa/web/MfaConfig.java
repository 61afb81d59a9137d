package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.LoginPolicy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The library's configuration, parsed once at deployment from {@code web.xml} context parameters. Every
 * parameter is optional; a bad value fails the deployment with a {@link MfaConfigException} naming the
 * parameter and the accepted format.
 *
 * <pre>{@code
 * <context-param>
 *   <param-name>stepwise.mfa.login</param-name><param-value>roles:admin</param-value>
 * </context-param>
 * <context-param>
 *   <param-name>stepwise.mfa.stepup.default-max-age</param-name><param-value>PT10M</param-value>
 * </context-param>
 * <context-param>
 *   <param-name>stepwise.mfa.protect</param-name>
 *   <param-value>/admin/*=mfa; /account/delete=stepup:PT2M</param-value>
 * </context-param>
 * }</pre>
 *
 * @param login             {@code stepwise.mfa.login}: when MFA is asked right after login
 * @param factors           {@code stepwise.mfa.factors}: factor ids offered, in the order pages list them
 * @param factorsConfigured whether {@code stepwise.mfa.factors} was set (then every id must exist)
 * @param stepUpMaxAge      {@code stepwise.mfa.stepup.default-max-age}: for {@code @StepUp} without maxAge
 * @param path              {@code stepwise.mfa.path}: where the challenge pages live, e.g. {@code /mfa}
 * @param protect           {@code stepwise.mfa.protect}: extra URL patterns with their requirement
 * @param issuer            {@code stepwise.mfa.issuer}: the name authenticator apps show for this application
 * @param totpWindow        {@code stepwise.mfa.totp.window}: accepted TOTP time steps either side of now
 */
public record MfaConfig(LoginPolicy login, List<String> factors, boolean factorsConfigured, Duration stepUpMaxAge,
                        String path, ProtectedPaths protect, String issuer, int totpWindow) {

    public static final String LOGIN = "stepwise.mfa.login";
    public static final String FACTORS = "stepwise.mfa.factors";
    public static final String STEPUP_MAX_AGE = "stepwise.mfa.stepup.default-max-age";
    public static final String PATH = "stepwise.mfa.path";
    public static final String PROTECT = "stepwise.mfa.protect";
    public static final String ISSUER = "stepwise.mfa.issuer";
    public static final String TOTP_WINDOW = "stepwise.mfa.totp.window";

    /** Every parameter this version reads, for diagnostics. */
    public static final List<String> PARAMETERS = List.of(LOGIN, FACTORS, STEPUP_MAX_AGE, PATH, PROTECT, ISSUER,
            TOTP_WINDOW);

    /** Largest accepted {@code stepwise.mfa.totp.window}: every extra step widens what a guess can hit. */
    static final int MAX_TOTP_WINDOW = 5;

    static final List<String> DEFAULT_FACTORS = List.of("totp", "webauthn", "recovery");
    private static final Pattern FACTOR_ID = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern PATH_FORMAT = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    public MfaConfig {
        Objects.requireNonNull(login, LOGIN);
        factors = List.copyOf(factors);
        Objects.requireNonNull(stepUpMaxAge, STEPUP_MAX_AGE);
        Objects.requireNonNull(path, PATH);
        Objects.requireNonNull(protect, PROTECT);
        Objects.requireNonNull(issuer, ISSUER);
    }

    /** The configuration with every parameter at its default. */
    public static MfaConfig defaults() {
        return parse(name -> null);
    }

    /**
     * Parses the parameters; {@code param} returns a parameter's value or {@code null} when it is not set
     * (e.g. {@code servletContext::getInitParameter}).
     *
     * @throws MfaConfigException for the first bad value, naming the parameter and the accepted format
     */
    public static MfaConfig parse(Function<String, String> param) {
        LoginPolicy login = parseLogin(value(param, LOGIN, "enrolled"));
        String factorsValue = param.apply(FACTORS);
        List<String> factors = factorsValue == null ? DEFAULT_FACTORS : parseFactors(factorsValue);
        Duration maxAge = parseDuration(STEPUP_MAX_AGE, value(param, STEPUP_MAX_AGE, "PT5M"));
        String path = parsePath(value(param, PATH, "/mfa"));
        ProtectedPaths protect = parseProtect(value(param, PROTECT, ""), maxAge);
        String issuer = parseIssuer(value(param, ISSUER, "Stepwise MFA"));
        int window = parseInt(TOTP_WINDOW, value(param, TOTP_WINDOW, "1"), 0, MAX_TOTP_WINDOW);
        return new MfaConfig(login, factors, factorsValue != null, maxAge, path, protect, issuer, window);
    }

    private static String parseIssuer(String v) {
        // The issuer is shown by authenticator apps and is the label prefix of the otpauth URI (no colon there).
        if (v.isEmpty() || v.length() > 64 || v.indexOf(':') >= 0 || v.chars().anyMatch(Character::isISOControl)) {
            throw new MfaConfigException(ISSUER, v, "a name of 1 to 64 characters without ':', e.g. Example Bank");
        }
        return v;
    }

    private static int parseInt(String name, String v, int min, int max) {
        String format = "a whole number from " + min + " to " + max;
        if (!v.matches("[0-9]{1,3}")) {
            throw new MfaConfigException(name, v, format);
        }
        int n = Integer.parseInt(v);
        if (n < min || n > max) {
            throw new MfaConfigException(name, v, format);
        }
        return n;
    }

    private static String value(Function<String, String> param, String name, String fallback) {
        String v = param.apply(name);
        return v == null ? fallback : v.trim();
    }

    private static LoginPolicy parseLogin(String v) {
        try {
            return LoginPolicy.parse(v);
        } catch (IllegalArgumentException e) {
            throw new MfaConfigException(LOGIN, v, LoginPolicy.FORMAT);
        }
    }

    private static List<String> parseFactors(String v) {
        String format = "a comma-separated list of factor ids, e.g. totp,webauthn,recovery";
        Set<String> ids = new LinkedHashSet<>();
        for (String part : v.split(",")) {
            String id = part.trim();
            if (!FACTOR_ID.matcher(id).matches() || !ids.add(id)) {
                throw new MfaConfigException(FACTORS, v, format + " (lower case, no duplicates)");
            }
        }
        return new ArrayList<>(ids);
    }

    static Duration parseDuration(String name, String v) {
        String format = "a positive ISO-8601 duration, e.g. PT5M or PT30S";
        try {
            Duration d = Duration.parse(v);
            if (d.isNegative() || d.isZero()) {
                throw new MfaConfigException(name, v, format);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new MfaConfigException(name, v, format);
        }
    }

    private static String parsePath(String v) {
        if (!PATH_FORMAT.matcher(v).matches()) {
            throw new MfaConfigException(PATH, v, "a context-relative path such as /mfa (no trailing slash, no wildcard)");
        }
        return v;
    }

    private static ProtectedPaths parseProtect(String v, Duration defaultMaxAge) {
        try {
            return ProtectedPaths.parse(v, defaultMaxAge);
        } catch (IllegalArgumentException e) {
            throw new MfaConfigException(PROTECT, v, ProtectedPaths.FORMAT + " (" + e.getMessage() + ")");
        }
    }
}
