package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.factor.push.PushEndpointPolicy;
import dev.stepwise.mfa.factor.push.Vapid;
import dev.stepwise.mfa.factor.push.VapidKeys;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The application server's identity for Web Push (RFC 8292 VAPID): its key pair and the contact push services may
 * write to. The public key and the subject are ordinary parameters; the private key is a secret and, like
 * {@code stepwise.mfa.secret-key}, never a context parameter (it would ship inside every copy of the WAR): it comes
 * from the system property {@value #VAPID_KEY} or the environment variable {@value #VAPID_KEY_ENVIRONMENT}.
 *
 * <pre>{@code
 * # once: npx web-push generate-vapid-keys (or any P-256 key pair: public as the base64url point, private as
 * # the base64url scalar or PKCS#8)
 * STEPWISE_MFA_PUSH_VAPID_KEY=<private key>                                  (environment of the server)
 * <context-param> stepwise.mfa.push.vapid-public-key = <public key> </context-param>
 * <context-param> stepwise.mfa.push.vapid-subject    = mailto:security@bank.example </context-param>
 * }</pre>
 *
 * <p>Without a key pair the library runs push in development mode: it generates a key pair at each start and says
 * so in the log ({@link #DEVELOPMENT_WARNING}). Browser subscriptions are bound to the key they were made with, so
 * after a restart every subscription made before stops working (the push service answers 401 or 403). Read at
 * deployment when {@code push} is in {@code stepwise.mfa.factors}.
 *
 * @param keys        the key pair
 * @param subject     the VAPID {@code sub}, a {@code mailto:} or {@code https:} contact
 * @param development whether the key pair was generated for this start
 */
public record PushSettings(VapidKeys keys, String subject, boolean development) {

    /** The private key's name: a system property, never a context parameter. */
    public static final String VAPID_KEY = "stepwise.mfa.push.vapid-key";
    /** The environment variable that may hold the private key instead. */
    public static final String VAPID_KEY_ENVIRONMENT = "STEPWISE_MFA_PUSH_VAPID_KEY";
    /** The {@code stepwise.mfa.push.vapid-public-key} parameter. */
    public static final Parameter<String> VAPID_PUBLIC_KEY = new Parameter<>("stepwise.mfa.push.vapid-public-key",
            null, PushSettings::publicKeyText, "the VAPID public key, base64url (the browser's applicationServerKey); "
            + "its private key comes from " + VAPID_KEY + " or " + VAPID_KEY_ENVIRONMENT);
    /** The {@code stepwise.mfa.push.vapid-subject} parameter. */
    public static final Parameter<String> VAPID_SUBJECT = new Parameter<>("stepwise.mfa.push.vapid-subject", null,
            PushSettings::subjectText, "the contact push services may write to: mailto:… or https://…");

    /** The {@code stepwise.mfa.push.allow-local-endpoints} parameter (development mode only). */
    public static final Parameter<Boolean> ALLOW_LOCAL_ENDPOINTS = new Parameter<>(
            "stepwise.mfa.push.allow-local-endpoints", "false", Scalars::trueOrFalse, "true lets devices register "
            + "push endpoints on http, any port and local addresses: for a local push service in development and "
            + "tests; refused with a configured VAPID key pair");

    /** The {@code stepwise.mfa.push.prompt} parameter: {@code code} (type a code) or {@code number} (match it). */
    public static final Parameter<String> PROMPT = new Parameter<>("stepwise.mfa.push.prompt", "code",
            PushSettings::promptText, "code: the notification carries a one-time code the user types; number: the "
            + "sign-in page shows a number the user chooses on the device's approval page (docs/push.md)");

    /** The {@code stepwise.mfa.push.origin} parameter: the origin of the approval links ({@code number}). */
    public static final Parameter<String> ORIGIN = new Parameter<>("stepwise.mfa.push.origin", null, Origins::one,
            "the origin approval links name (https://bank.example): scheme, host, optional port; never taken from "
            + "the request's Host header; required with prompt=number and a configured VAPID key pair (docs/push.md)");

    /** Used in development mode when no subject is configured. */
    static final String DEVELOPMENT_SUBJECT = "mailto:development@localhost.invalid";

    /** Logged at every start in development mode. */
    static final String DEVELOPMENT_WARNING = "Stepwise MFA: no VAPID key pair configured (" + VAPID_KEY + " and "
            + "stepwise.mfa.push.vapid-public-key). DEVELOPMENT MODE for push: a key pair was generated for this start;"
            + " browser subscriptions made now stop working after a restart. Configure a key pair in production.";

    private static final System.Logger LOG = System.getLogger(PushSettings.class.getName());

    /**
     * Checks the components.
     *
     * @param keys        the key pair
     * @param subject     the contact
     * @param development whether the key pair was generated for this start
     */
    public PushSettings {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(subject, "subject");
        if (!Vapid.isValidSubject(subject)) {
            throw new MfaConfigException(VAPID_SUBJECT.name(), subject, "mailto:… or https://…");
        }
    }

    /**
     * Reads the push settings: the public key and subject from the parameters, the private key from the secrets.
     *
     * @param parameters the context parameters (or MicroProfile Config)
     * @param secrets    where the private key is looked up by {@link #VAPID_KEY} (the wiring checks the system
     *                   property, then the environment variable {@link #VAPID_KEY_ENVIRONMENT})
     * @return the settings; generated keys in development mode (logged)
     * @throws MfaConfigException if the private key is a context parameter, one half of the pair is missing, the
     *                            halves do not match or the subject is missing or not a contact; never shows a key
     */
    public static PushSettings read(Function<String, String> parameters, Function<String, String> secrets) {
        if (parameters.apply(VAPID_KEY) != null) {
            throw new MfaConfigException(VAPID_KEY, "(hidden)", "no context parameter: give the private key as the "
                    + "system property " + VAPID_KEY + " or the environment variable " + VAPID_KEY_ENVIRONMENT);
        }
        String privateKey = secrets.apply(VAPID_KEY);
        String publicKey = VAPID_PUBLIC_KEY.read(parameters);
        String subject = VAPID_SUBJECT.read(parameters);
        if (privateKey == null && publicKey == null) {
            LOG.log(System.Logger.Level.WARNING, DEVELOPMENT_WARNING);
            return new PushSettings(VapidKeys.generate(), subject != null ? subject : DEVELOPMENT_SUBJECT, true);
        }
        if (privateKey == null) {
            throw new MfaConfigException(VAPID_KEY, "(not set)", "the private key of "
                    + VAPID_PUBLIC_KEY.name() + " as the system property " + VAPID_KEY + " or the environment "
                    + "variable " + VAPID_KEY_ENVIRONMENT);
        }
        if (publicKey == null) {
            throw new MfaConfigException(VAPID_PUBLIC_KEY.name(), "(not set)", "the public key that belongs to "
                    + VAPID_KEY + ", base64url");
        }
        if (subject == null) {
            throw new MfaConfigException(VAPID_SUBJECT.name(), "(not set)", "a contact push services may write to, "
                    + "mailto:… or https://…");
        }
        try {
            return new PushSettings(VapidKeys.parse(privateKey, publicKey), subject, false);
        } catch (IllegalArgumentException e) {
            throw new MfaConfigException(VAPID_KEY, "(hidden)", "a P-256 key pair: the private key as base64url "
                    + "(32 octets) or PKCS#8, the public key as base64url (65 octets), belonging together ("
                    + e.getMessage() + ")");
        }
    }

    /**
     * Checks the format of the push parameters (not the key pair), so that a bad value fails every deployment,
     * also one that does not offer push yet.
     *
     * @param parameters the context parameters (or MicroProfile Config)
     * @throws MfaConfigException for the first bad value
     */
    public static void check(Function<String, String> parameters) {
        VAPID_PUBLIC_KEY.read(parameters);
        VAPID_SUBJECT.read(parameters);
        ALLOW_LOCAL_ENDPOINTS.read(parameters);
        PROMPT.read(parameters);
        ORIGIN.read(parameters);
    }

    /**
     * The origin approval links name with {@code stepwise.mfa.push.prompt=number}: {@link #ORIGIN}, never the
     * request's {@code Host}. Without it, a configured key pair fails the deployment; in development mode the links
     * use the sign-in request's own origin, and this says so in the log, once at deployment.
     *
     * @param parameters the context parameters (or MicroProfile Config)
     * @param settings   the settings {@link #read} gave
     * @return the configured origin, canonical; empty in development mode without one, or with the code prompt
     * @throws MfaConfigException if the origin is malformed, or missing with {@code number} and a key pair
     */
    public static Optional<String> approvalOrigin(Function<String, String> parameters, PushSettings settings) {
        String origin = ORIGIN.read(parameters);
        if (origin != null || !"number".equals(PROMPT.read(parameters))) {
            return Optional.ofNullable(origin);
        }
        if (!settings.development()) {
            throw new MfaConfigException(ORIGIN.name(), "(not set)", "the origin approval links name, such as "
                    + "https://bank.example, with " + PROMPT.name() + "=number and a configured VAPID key pair: the "
                    + "link is never built from the request's Host header");
        }
        LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: " + ORIGIN.name() + " is not set: approval links name "
                + "the origin of each sign-in request, taken from its Host header (development mode only; set it "
                + "in production)");
        return Optional.empty();
    }

    private static String promptText(String parameter, String value) {
        if (!value.equals("code") && !value.equals("number")) {
            throw new MfaConfigException(parameter, value, "code or number");
        }
        return value;
    }

    /**
     * Which push endpoints devices may register and the sender may contact: {@link PushEndpointPolicy#strict()},
     * unless {@link #ALLOW_LOCAL_ENDPOINTS} is {@code true} in development mode (no key pair configured).
     *
     * @param parameters the context parameters (or MicroProfile Config)
     * @param settings   the settings {@link #read} gave
     * @return the policy
     * @throws MfaConfigException if local endpoints are asked for with a configured key pair, or the value is not
     *                            {@code true} or {@code false}
     */
    public static PushEndpointPolicy policy(Function<String, String> parameters, PushSettings settings) {
        if (!ALLOW_LOCAL_ENDPOINTS.read(parameters)) {
            return PushEndpointPolicy.strict();
        }
        if (!settings.development()) {
            throw new MfaConfigException(ALLOW_LOCAL_ENDPOINTS.name(), "true", "false with a configured VAPID key "
                    + "pair: local push endpoints are for development and tests only");
        }
        LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: " + ALLOW_LOCAL_ENDPOINTS.name() + "=true: devices may "
                + "register push endpoints on local addresses (development mode)");
        return PushEndpointPolicy.allowingLocalEndpoints();
    }

    private static String publicKeyText(String parameter, String value) {
        if (!value.matches("[A-Za-z0-9_-]{86,88}={0,2}")) {
            throw new MfaConfigException(parameter, value, "a P-256 public key as base64url (87 characters)");
        }
        return value;
    }

    private static String subjectText(String parameter, String value) {
        if (!Vapid.isValidSubject(value)) {
            throw new MfaConfigException(parameter, value, "mailto:… or https://… (printable ASCII, no quotes)");
        }
        return value;
    }

    @Override
    public String toString() {
        return "PushSettings[" + keys + ", subject=" + subject + (development ? ", development" : "") + "]";
    }
}
