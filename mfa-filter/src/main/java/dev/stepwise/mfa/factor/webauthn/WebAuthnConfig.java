package dev.stepwise.mfa.factor.webauthn;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The relying party as WebAuthn sees it: parsed once (from web.xml), immutable, validated with an
 * {@link IllegalArgumentException} that names the field and the accepted format.
 *
 * <pre>{@code
 * WebAuthnConfig config = WebAuthnConfig.of("bank.example", "Example Bank", Set.of("https://bank.example"));
 * WebAuthnConfig dev = WebAuthnConfig.of("localhost", "Example Bank (dev)", Set.of("http://localhost:8080"));
 * }</pre>
 *
 * @param rpId             the relying party id: a host name without scheme, port or path, e.g.
 *                         {@code bank.example}; every origin must be this host or a subdomain of it
 *                         (WebAuthn §5.1.3 / §5.1.4.1: the RP ID must be a registrable domain suffix of the
 *                         origin's effective domain). Credentials are bound to it: changing it later makes every
 *                         registered credential unusable.
 * @param rpName           the name the browser shows ("Example Bank"), 1 to 64 characters
 * @param origins          the origins the browser may report in {@code clientDataJSON.origin}, e.g.
 *                         {@code https://bank.example} or {@code https://bank.example:8443}; {@code https} only,
 *                         except {@code http://localhost} (a secure context for development)
 * @param userVerification what the authenticator is asked for (PIN, fingerprint); the default
 *                         {@link UserVerification#PREFERRED} asks but does not require it, since the password is
 *                         already the first factor
 * @param timeout          how long the browser waits and the challenge stays valid; 30 seconds to 10 minutes
 */
public record WebAuthnConfig(String rpId, String rpName, Set<String> origins, UserVerification userVerification,
                             Duration timeout) {

    /** The default {@link #timeout()}: five minutes (WebAuthn §15.1 suggests 5 to 10 minutes). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private static final Duration MIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    /** A DNS host name in lowercase: dot-separated labels of letters, digits and inner hyphens. */
    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    /** The WebAuthn {@code UserVerificationRequirement} (WebAuthn §5.8.6). */
    public enum UserVerification {
        /** Verification is required: an assertion without the UV flag is refused. */
        REQUIRED("required"),
        /** Asked for if the authenticator can; the UV flag is not required. */
        PREFERRED("preferred"),
        /** Not asked for. */
        DISCOURAGED("discouraged");

        private final String value;

        UserVerification(String value) {
            this.value = value;
        }

        /**
         * The value in the options JSON, e.g. {@code "preferred"}.
         *
         * @return the value in the options JSON, e.g. {@code "preferred"}
         */
        public String value() {
            return value;
        }

        /**
         * The requirement a parameter value names, exactly as WebAuthn spells it (lower case, no blanks).
         *
         * @param value {@code required}, {@code preferred} or {@code discouraged}
         * @return the requirement it names
         * @throws IllegalArgumentException for any other value, {@code null} included
         */
        public static UserVerification ofValue(String value) {
            for (UserVerification uv : values()) {
                if (uv.value.equals(value)) {
                    return uv;
                }
            }
            throw new IllegalArgumentException("userVerification must be required, preferred or discouraged");
        }
    }

    /**
     * Checks the components and copies the mutable ones.
     * @param rpId the relying party id: a host name without scheme, port or path, e.g. {@code bank.example}; every origin must be this host or a subdomain of it (WebAuthn §5.1.3 / §5.1.4.1: the RP ID must be a registrable domain suffix of the origin's effective domain). Credentials are bound to it: changing it later makes every registered credential unusable.
     * @param rpName the name the browser shows ("Example Bank"), 1 to 64 characters
     * @param origins the origins the browser may report in {@code clientDataJSON.origin}, e.g. {@code https://bank.example} or {@code https://bank.example:8443}; {@code https} only, except {@code http://localhost} (a secure context for development)
     * @param userVerification what the authenticator is asked for (PIN, fingerprint); the default {@link UserVerification#PREFERRED} asks but does not require it, since the password is already the first factor
     * @param timeout how long the browser waits and the challenge stays valid; 30 seconds to 10 minutes
     */
    public WebAuthnConfig {
        if (rpId == null || !HOST.matcher(rpId).matches()) {
            throw new IllegalArgumentException("rpId must be a lowercase host name without scheme, port or path,"
                    + " e.g. bank.example; was " + rpId);
        }
        if (rpName == null || rpName.isBlank() || rpName.length() > 64) {
            throw new IllegalArgumentException("rpName must be 1 to 64 characters");
        }
        Objects.requireNonNull(origins, "origins");
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("origins must name at least one origin, e.g. https://" + rpId);
        }
        for (String origin : origins) {
            checkOrigin(rpId, origin);
        }
        origins = Set.copyOf(origins);
        if (userVerification == null) {
            throw new IllegalArgumentException("userVerification must be one of required, preferred, discouraged");
        }
        if (timeout == null || timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout must be an ISO-8601 duration from PT30S to PT10M; was "
                    + timeout);
        }
    }

    /**
     * A configuration with user verification {@code preferred} and the {@link #DEFAULT_TIMEOUT}.
     *
     * @param rpId the relying party id: a host name without scheme, port or path, e.g. {@code bank.example}; every origin must be this host or a subdomain of it (WebAuthn §5.1.3 / §5.1.4.1: the RP ID must be a registrable domain suffix of the origin's effective domain). Credentials are bound to it: changing it later makes every registered credential unusable.
     * @param rpName the name the browser shows ("Example Bank"), 1 to 64 characters
     * @param origins the origins the browser may report in {@code clientDataJSON.origin}, e.g. {@code https://bank.example} or {@code https://bank.example:8443}; {@code https} only, except {@code http://localhost} (a secure context for development)
     * @return a configuration with user verification {@code preferred} and the {@link #DEFAULT_TIMEOUT}
     */
    public static WebAuthnConfig of(String rpId, String rpName, Set<String> origins) {
        return new WebAuthnConfig(rpId, rpName, origins, UserVerification.PREFERRED, DEFAULT_TIMEOUT);
    }

    /**
     * This configuration with another timeout.
     *
     * @param newTimeout the timeout to set
     * @return this configuration with another timeout
     */
    public WebAuthnConfig withTimeout(Duration newTimeout) {
        return new WebAuthnConfig(rpId, rpName, origins, userVerification, newTimeout);
    }

    /**
     * This configuration with another user verification requirement.
     *
     * @param newUserVerification the user verification to set
     * @return this configuration with another user verification requirement
     */
    public WebAuthnConfig withUserVerification(UserVerification newUserVerification) {
        return new WebAuthnConfig(rpId, rpName, origins, newUserVerification, timeout);
    }

    private static void checkOrigin(String rpId, String origin) {
        String format = "origins must be scheme://host[:port] with no path, https (http only for localhost),"
                + " on " + rpId + " or a subdomain of it; was " + origin;
        if (origin == null) {
            throw new IllegalArgumentException(format);
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(format, e);
        }
        String host = uri.getHost();
        boolean bare = uri.getRawUserInfo() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                && uri.getRawQuery() == null && uri.getRawFragment() == null;
        if (host == null || !bare || !origin.equals(origin.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(format);
        }
        boolean https = "https".equals(uri.getScheme());
        boolean localHttp = "http".equals(uri.getScheme()) && "localhost".equals(host);
        // WebAuthn §5.1.3 / §5.1.4.1: the RP ID must be the origin's effective domain or a
        // registrable suffix of it
        boolean withinRpId = host.equals(rpId) || host.endsWith("." + rpId);
        if (!(https || localHttp) || !withinRpId) {
            throw new IllegalArgumentException(format);
        }
    }
}
