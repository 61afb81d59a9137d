package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.core.SiteOfOrigin;
import dev.stepwise.mfa.runtime.config.MfaConfigException;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** Web origins (scheme, host, optional port) and the WebAuthn relying party id. */
public final class Origins {

    private static final Pattern ORIGIN =
            Pattern.compile("https?://[a-z0-9.-]+(:[0-9]{1,5})?|https?://\\[[0-9a-f:.]+\\](:[0-9]{1,5})?");
    private static final Pattern WEBAUTHN_ORIGIN = Pattern.compile("https?://[a-z0-9.-]+(:[0-9]{1,5})?");
    private static final Pattern HOST_NAME =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    private Origins() {
    }

    /**
     * Comma-separated origins as browsers send them in {@code Origin}: scheme, lower-case host, optional port;
     * each in canonical form ({@code https://a.example:443} is {@code https://a.example}). Blank is none.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return the string values
     */
    public static Set<String> sameSite(String parameter, String value) {
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : CommaSeparated.nonBlank(value)) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new MfaConfigException(parameter, value, "comma-separated origins such as "
                        + "https://app.example,https://admin.example:8443 (scheme, lower-case host, optional port, "
                        + "no path)");
            }
            origins.add(SiteOfOrigin.canonical(origin));
        }
        return origins;
    }

    /**
     * One origin: scheme, lower-case host, optional port, no path; in canonical form ({@code https://a.example:443}
     * is {@code https://a.example}).
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return the canonical origin
     */
    public static String one(String parameter, String value) {
        if (!ORIGIN.matcher(value).matches()) {
            throw new MfaConfigException(parameter, value, "one origin such as https://bank.example or "
                    + "https://bank.example:8443 (scheme, lower-case host, optional port, no path)");
        }
        return SiteOfOrigin.canonical(value);
    }

    /**
     * Comma-separated origins allowed to use WebAuthn keys, e.g. {@code https://bank.example}.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return the string values
     */
    public static Set<String> webAuthn(String parameter, String value) {
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : CommaSeparated.entries(value)) {
            if (!WEBAUTHN_ORIGIN.matcher(origin).matches()) {
                throw new MfaConfigException(parameter, value, "comma-separated origins such as "
                        + "https://bank.example,https://login.bank.example (scheme, host, optional port)");
            }
            origins.add(origin);
        }
        return origins;
    }

    /**
     * A lower-case host name: the WebAuthn relying party id.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return a lower-case host name: the WebAuthn relying party id
     */
    public static String relyingPartyId(String parameter, String value) {
        if (!HOST_NAME.matcher(value).matches()) {
            throw new MfaConfigException(parameter, value, "a lower-case host name such as bank.example");
        }
        return value;
    }
}
