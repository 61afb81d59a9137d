package dev.stepwise.mfa.runtime;

import dev.stepwise.mfa.runtime.config.MfaConfigException;
import dev.stepwise.mfa.runtime.config.Parameters;
import dev.stepwise.mfa.store.SecretKeyMismatchException;

import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the key that encrypts factor secrets at rest ({@code stepwise.mfa.secret-key}: 32 bytes, base64). It
 * is read, in this order, from the JNDI env-entry {@code java:comp/env/stepwise.mfa.secret-key}, the system
 * property {@code stepwise.mfa.secret-key}, or the environment variable {@code STEPWISE_MFA_SECRET_KEY}; never
 * from a context parameter, which would ship the key inside every copy of the WAR.
 *
 * <pre>{@code
 * java -Dstepwise.mfa.secret-key=$(openssl rand -base64 32) -jar payara-micro.jar --deploy app.war
 * }</pre>
 *
 * <p>Without a key, on the embedded H2 database only, the library runs in development mode: the store generates a
 * key at the first start and keeps it beside the data it seals ({@code dev.stepwise.mfa.store.SecretKeyCheck}), so
 * development data survives a restart; every start says so loudly ({@link #DEVELOPMENT_WARNING}). On any other
 * database a missing key fails the deployment ({@link #mismatch}, {@code KEY_REQUIRED}). A key that does not fit the stored secrets fails the
 * deployment with {@link #mismatch}.
 */
public final class SecretKeySource {

    static final String JNDI_NAME = "java:comp/env/" + Parameters.SECRET_KEY;
    static final String PROPERTY = Parameters.SECRET_KEY;
    static final String ENVIRONMENT = "STEPWISE_MFA_SECRET_KEY";
    static final int KEY_BYTES = 32;

    /** The resolved key and where it came from (for the log line; never the key itself). */
    public record ResolvedKey(byte[] key, String source) {
        /**
         * Copies the mutable components.
         *
         * @param key the key
         * @param source where the configured key came from ({@link ResolvedKey#source()}), or {@code null} without one
         */
        public ResolvedKey {
            key = key.clone();
        }

        /** {@return the key (a copy)} */
        @Override
        public byte[] key() {
            return key.clone();
        }

        @Override
        public String toString() {
            return "ResolvedKey[source=" + source + "]";
        }
    }

    private SecretKeySource() {
    }

    /** Where a key can be configured, for messages. */
    static final String SOURCES = "the JNDI env-entry " + JNDI_NAME + ", the system property " + PROPERTY
            + " or the environment variable " + ENVIRONMENT;

    /** Logged at every start in development mode. */
    static final String DEVELOPMENT_WARNING = "\n*****************************************************************\n"
            + " Stepwise MFA: no " + Parameters.SECRET_KEY + " configured. DEVELOPMENT MODE:\n"
            + " factor secrets are sealed with a key stored beside them in the\n"
            + " database (table stepwise_secret_key): whoever can read the\n"
            + " database can open them. NOT FOR PRODUCTION (refused on any\n"
            + " database but the embedded H2). Configure a key\n"
            + " (32 bytes, base64) as the JNDI env-entry " + JNDI_NAME + ",\n"
            + " the system property " + PROPERTY + " or " + ENVIRONMENT + ".\n"
            + "*****************************************************************";

    /**
     * The configured key from JNDI, system properties or the environment of this process; empty when none is.
     *
     * @return the configured key from JNDI, system properties or the environment of this process; empty when none is
     */
    public static Optional<ResolvedKey> configured() {
        return resolve(SecretKeySource::lookupJndi, System::getProperty, System::getenv);
    }

    /**
     * The configured key from the given sources (tests pass their own); empty when none of them has one.
     *
     * @throws MfaConfigException if a configured value is not base64 of exactly 32 bytes; the message names the
     *                            source, never the value
     */
    static Optional<ResolvedKey> resolve(Function<String, Optional<String>> jndi, Function<String, String> properties,
                                         Function<String, String> environment) {
        Optional<String> fromJndi = jndi.apply(JNDI_NAME);
        if (fromJndi.isPresent()) {
            return Optional.of(new ResolvedKey(decode(fromJndi.get(), "JNDI env-entry " + JNDI_NAME), "JNDI"));
        }
        String fromProperty = properties.apply(PROPERTY);
        if (fromProperty != null) {
            return Optional.of(new ResolvedKey(decode(fromProperty, "system property " + PROPERTY), "system property"));
        }
        String fromEnvironment = environment.apply(ENVIRONMENT);
        if (fromEnvironment != null) {
            return Optional.of(new ResolvedKey(decode(fromEnvironment, "environment variable " + ENVIRONMENT),
                    "environment"));
        }
        return Optional.empty();
    }

    /**
     * The deployment error for a key that does not fit the stored secrets: what is wrong, and what to do. Never
     * shows a key or a sealed value.
     *
     * @param source where the configured key came from ({@link ResolvedKey#source()}), or {@code null} without one
     * @param reason the reason
     * @return the deployment error for a key that does not fit the stored secrets: what is wrong, and what to do
     */
    public static String mismatch(SecretKeyMismatchException.Reason reason, String source) {
        String rows = "delete the rows of stepwise_secret_key, stepwise_totp and stepwise_trust_key (users set up their"
                + " authenticator apps again and trusted devices sign in again; security keys and recovery codes are"
                + " not sealed and stay).";
        return "Stepwise MFA: " + reason.text() + switch (reason) {
            case WRONG_KEY -> " (configured key from: " + source + "). Configure the previous key again, as " + SOURCES
                    + ". If the data is disposable, start over: " + rows;
            case KEY_REQUIRED -> ". Configure a key as " + SOURCES + ": 32 random bytes, base64, e.g. from"
                    + " `openssl rand -base64 32`. Keep it out of the database and out of the WAR.";
            case KEY_MISSING -> ". Configure that key as " + SOURCES + " (32 bytes, base64). If the data is"
                    + " disposable, start over: " + rows;
            case DEVELOPMENT_DATA -> " (configured key from: " + source + "). They are not moved to a configured key."
                    + " To keep this data, remove the key from " + SOURCES + " (development mode again, never"
                    + " production). To use the configured key, start over: " + rows;
        };
    }

    private static byte[] decode(String value, String where) {
        byte[] key;
        try {
            String v = value.trim();
            key = v.indexOf('-') >= 0 || v.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(v)
                    : Base64.getDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            throw new MfaConfigException(Parameters.SECRET_KEY, "(from the " + where + ", not shown)",
                    "base64 of exactly " + KEY_BYTES + " random bytes, e.g. from `openssl rand -base64 32`");
        }
        if (key.length != KEY_BYTES) {
            throw new MfaConfigException(Parameters.SECRET_KEY, "(from the " + where + ", " + key.length
                    + " bytes, not shown)", "base64 of exactly " + KEY_BYTES + " random bytes");
        }
        return key;
    }

    private static Optional<String> lookupJndi(String name) {
        try {
            Object value = new InitialContext().lookup(name);
            return value instanceof String s ? Optional.of(s) : Optional.empty();
        } catch (NameNotFoundException e) {
            return Optional.empty();
        } catch (NamingException e) {
            return Optional.empty(); // no naming context (e.g. outside a container): the other sources remain
        }
    }
}
