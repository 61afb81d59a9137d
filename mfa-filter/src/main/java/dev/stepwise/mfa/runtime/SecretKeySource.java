package dev.stepwise.mfa.runtime;

import dev.stepwise.mfa.runtime.config.MfaConfigException;
import dev.stepwise.mfa.runtime.config.Parameters;

import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import java.security.SecureRandom;
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
 * <p>Without a key the library runs in development mode: it generates one for this run and says so loudly.
 * Secrets stored under a generated key cannot be read after a restart.
 */
public final class SecretKeySource {

    static final String JNDI_NAME = "java:comp/env/" + Parameters.SECRET_KEY;
    static final String PROPERTY = Parameters.SECRET_KEY;
    static final String ENVIRONMENT = "STEPWISE_MFA_SECRET_KEY";
    static final int KEY_BYTES = 32;

    private static final System.Logger LOG = System.getLogger(SecretKeySource.class.getName());

    /** The resolved key and where it came from (for the log line; never the key itself). */
    public record ResolvedKey(byte[] key, String source) {
        public ResolvedKey {
            key = key.clone();
        }

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

    /** Resolves the key from JNDI, system properties and the environment of this process. */
    public static ResolvedKey resolve() {
        return resolve(SecretKeySource::lookupJndi, System::getProperty, System::getenv);
    }

    /**
     * Resolves the key from the given sources (tests pass their own).
     *
     * @throws MfaConfigException if a configured value is not base64 of exactly 32 bytes; the message names the
     *                            source, never the value
     */
    static ResolvedKey resolve(Function<String, Optional<String>> jndi, Function<String, String> properties,
                               Function<String, String> environment) {
        Optional<String> fromJndi = jndi.apply(JNDI_NAME);
        if (fromJndi.isPresent()) {
            return new ResolvedKey(decode(fromJndi.get(), "JNDI env-entry " + JNDI_NAME), "JNDI");
        }
        String fromProperty = properties.apply(PROPERTY);
        if (fromProperty != null) {
            return new ResolvedKey(decode(fromProperty, "system property " + PROPERTY), "system property");
        }
        String fromEnvironment = environment.apply(ENVIRONMENT);
        if (fromEnvironment != null) {
            return new ResolvedKey(decode(fromEnvironment, "environment variable " + ENVIRONMENT), "environment");
        }
        byte[] generated = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(generated);
        LOG.log(System.Logger.Level.WARNING, "\n*****************************************************************\n"
                + " Stepwise MFA: no " + Parameters.SECRET_KEY + " configured. DEVELOPMENT MODE:\n"
                + " a key was generated for this run only. Factor secrets stored now\n"
                + " cannot be read after a restart. Set the JNDI env-entry, the system\n"
                + " property " + PROPERTY + " or " + ENVIRONMENT + " (32 bytes, base64).\n"
                + "*****************************************************************");
        return new ResolvedKey(generated, "generated for development");
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
