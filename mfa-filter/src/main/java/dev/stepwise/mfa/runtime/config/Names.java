package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.runtime.config.MfaConfigException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Names: JNDI names, roles, factor ids, the issuer, the pages' path, an HTTP header, an email address. */
public final class Names {

    private static final Pattern FACTOR_ID = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");
    private static final Pattern BUNDLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final int MAX_BUNDLE = 200;

    private Names() {
    }

    /**
     * A JNDI name (no white space or control characters); {@code example} completes the error's format.
     *
     * @param example the example
     * @return a JNDI name (no white space or control characters); {@code example} completes the error's format
     */
    public static ValueParser<String> jndi(String example) {
        return (parameter, value) -> {
            if (!isToken(value)) {
                throw new MfaConfigException(parameter, value, "a JNDI name such as " + example);
            }
            return value;
        };
    }

    /**
     * One role name.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return one role name
     */
    public static String role(String parameter, String value) {
        if (!isToken(value)) {
            throw new MfaConfigException(parameter, value, "a role name");
        }
        return value;
    }

    /**
     * Comma-separated role names; blank entries are skipped, so {@code ""} is no role.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return the string values
     */
    public static Set<String> roles(String parameter, String value) {
        Set<String> roles = new LinkedHashSet<>();
        for (String role : CommaSeparated.nonBlank(value)) {
            if (!isToken(role)) {
                throw new MfaConfigException(parameter, value, "comma-separated role names");
            }
            roles.add(role);
        }
        return roles;
    }

    /**
     * Comma-separated factor ids in page order: lower case, no duplicates, no blanks.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return the string values
     */
    public static List<String> factorIds(String parameter, String value) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : CommaSeparated.entries(value)) {
            if (!FACTOR_ID.matcher(id).matches() || !ids.add(id)) {
                throw new MfaConfigException(parameter, value, "a comma-separated list of factor ids, "
                        + "e.g. totp,webauthn,recovery (lower case, no duplicates)");
            }
        }
        return new ArrayList<>(ids);
    }

    /**
     * The name authenticator apps show; it is the label prefix of the otpauth URI, where a colon would end it.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return the name authenticator apps show; it is the label prefix of the otpauth URI, where a colon would end it
     */
    public static String issuer(String parameter, String value) {
        if (value.isEmpty() || value.length() > 64 || value.indexOf(':') >= 0
                || value.chars().anyMatch(Character::isISOControl)) {
            throw new MfaConfigException(parameter, value, "a name of 1 to 64 characters without ':', "
                    + "e.g. Example Bank");
        }
        return value;
    }

    /**
     * A resource bundle's base name: Java identifiers separated by dots, as {@code ResourceBundle.getBundle} takes
     * it (a properties file {@code com/example/bank/Reasons_fr.properties} is {@code com.example.bank.Reasons}).
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return the base name
     */
    public static String bundle(String parameter, String value) {
        if (value.length() > MAX_BUNDLE || !BUNDLE.matcher(value).matches() || value.endsWith(".properties")) {
            throw new MfaConfigException(parameter, value,
                    "a resource bundle base name such as com.example.bank.Reasons (dots, no slashes or suffix)");
        }
        return value;
    }

    /**
     * A context-relative path of plain segments.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return a context-relative path of plain segments
     */
    public static String path(String parameter, String value) {
        if (!PATH.matcher(value).matches()) {
            throw new MfaConfigException(parameter, value,
                    "a context-relative path such as /mfa (no trailing slash, no wildcard)");
        }
        return value;
    }

    /**
     * An HTTP header name.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return an HTTP header name
     */
    public static String headerName(String parameter, String value) {
        if (!value.matches("[A-Za-z0-9-]{1,64}")) {
            throw new MfaConfigException(parameter, value, "an HTTP header name");
        }
        return value;
    }

    /**
     * An email address (one {@code @}, no white space, no angle brackets or quotes).
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return an email address (one {@code @}, no white space, no angle brackets or quotes)
     */
    public static String emailAddress(String parameter, String value) {
        if (!value.matches("[^@\\s<>\"]+@[^@\\s<>\"]+")) {
            throw new MfaConfigException(parameter, value, "an email address, e.g. no-reply@bank.example");
        }
        return value;
    }

    private static boolean isToken(String value) {
        return !value.isEmpty()
                && value.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
    }
}
