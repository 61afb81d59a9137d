package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.core.LoginPolicy;
import dev.stepwise.mfa.core.net.ClientAddress;
import dev.stepwise.mfa.core.risk.RiskLevel;
import dev.stepwise.mfa.runtime.config.Endpoints.SmtpRelay;
import dev.stepwise.mfa.runtime.config.MfaConfigException;
import dev.stepwise.mfa.store.SchemaMode;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Every context parameter the library reads, each declared once with its name, default, parser and one-line
 * doc. README's configuration table lists the same parameters with the same defaults (a test compares them).
 * The settings records read their parameters from here:
 *
 * <pre>{@code
 * Function<String, String> source = servletContext::getInitParameter;
 * Duration maxAge = Parameters.STEPUP_MAX_AGE.read(source);   // PT5M when not set
 * String sender = Parameters.EMAIL_FROM.read(source);         // null when not set (no default)
 * Parameters.TOTP_WINDOW.parse("9");  // MfaConfigException: stepwise.mfa.totp.window: '9' is not valid;
 *                                     // expected a whole number from 0 to 5
 * }</pre>
 */
public final class Parameters {

    /** Largest accepted TOTP window: every extra step widens what a guess can hit. */
    public static final int MAX_TOTP_WINDOW = 5;
    /** NIST SP 800-63B §5.2.2: no more than 100 consecutive failed attempts. */
    public static final int MAX_LOCKOUT_FAILURES = 100;

    /** The {@code stepwise.mfa.login} parameter. */
    public static final Parameter<LoginPolicy> LOGIN = new Parameter<>("stepwise.mfa.login", "enrolled",
            Policies::login, "when MFA is asked right after login: off, enrolled, roles:a,b, all or adaptive");
    /** The {@code stepwise.mfa.factors} parameter. */
    public static final Parameter<List<String>> FACTORS = new Parameter<>("stepwise.mfa.factors",
            "totp,webauthn,recovery", Names::factorIds, "factor ids offered, in page order; when set, each must exist");
    /** The {@code stepwise.mfa.stepup.default-max-age} parameter. */
    public static final Parameter<Duration> STEPUP_MAX_AGE = new Parameter<>("stepwise.mfa.stepup.default-max-age",
            "PT5M", Durations::positive, "freshness of a step-up that names no maxAge");
    /** The {@code stepwise.mfa.path} parameter. */
    public static final Parameter<String> PATH = new Parameter<>("stepwise.mfa.path", "/mfa", Names::path,
            "where the library's pages are served");
    /** The {@code stepwise.mfa.reason-bundle} parameter (README "Languages"). */
    public static final Parameter<String> REASON_BUNDLE = new Parameter<>("stepwise.mfa.reason-bundle", null,
            Names::bundle, "base name of the application's resource bundle whose stepwise.mfa.reason.<reason> texts "
            + "the pages show first, in the page's language");
    /** The {@code stepwise.mfa.issuer} parameter. */
    public static final Parameter<String> ISSUER = new Parameter<>("stepwise.mfa.issuer", "Stepwise MFA",
            Names::issuer, "the name authenticator apps show for this application");
    /** The {@code stepwise.mfa.totp.window} parameter. */
    public static final Parameter<Integer> TOTP_WINDOW = new Parameter<>("stepwise.mfa.totp.window", "1",
            Scalars.wholeNumber(0, MAX_TOTP_WINDOW), "TOTP time steps accepted either side of now");
    /** The {@code stepwise.mfa.questions.step-up} parameter. */
    public static final Parameter<Boolean> QUESTIONS_STEP_UP = new Parameter<>("stepwise.mfa.questions.step-up", "off",
            Scalars::onOrOff, "on: security questions may answer any step-up (never the login); off: only a step-up "
            + "that names questions");
    /** The {@code stepwise.mfa.datasource} parameter. */
    public static final Parameter<String> DATASOURCE = new Parameter<>("stepwise.mfa.datasource",
            "java:comp/DefaultDataSource", Names.jndi("java:comp/DefaultDataSource or jdbc/app"),
            "JNDI name of the DataSource holding the library's tables");
    /** What a start does with the schema: {@link SchemaMode} (docs/schema-migrations.md). */
    public static final Parameter<SchemaMode> CREATE_SCHEMA = new Parameter<>("stepwise.mfa.store.create-schema",
            "true", Parameters::schemaMode, "at startup, true: apply the missing schema versions; validate: check "
            + "every version and script, never write; false: check the highest version only, never write");
    /** The {@code stepwise.mfa.store.facts-cache} parameter. */
    public static final Parameter<Duration> FACTS_CACHE = new Parameter<>("stepwise.mfa.store.facts-cache", "PT5S",
            Durations::upToAMinute, "how long this node reuses a user's enrolled factors, exemption and \"always ask\" "
            + "for the enforcement (never the lockout, codes or trust); PT0S: never");
    /** The {@code stepwise.mfa.trust.duration} parameter. */
    public static final Parameter<Duration> TRUST_DURATION = new Parameter<>("stepwise.mfa.trust.duration", "P30D",
            Durations::positiveOrZero, "\"trust this device\" lifetime; PT0S switches it off");
    /** The {@code stepwise.mfa.trust.key-rotation} parameter. */
    public static final Parameter<Duration> TRUST_KEY_ROTATION = new Parameter<>("stepwise.mfa.trust.key-rotation",
            "P90D", Durations::positive, "how long one trust-cookie signing key signs");
    /** The {@code stepwise.mfa.lockout.max-failures} parameter. */
    public static final Parameter<Integer> LOCKOUT_MAX_FAILURES = new Parameter<>(
            "stepwise.mfa.lockout.max-failures", "10", Scalars.wholeNumber(1, MAX_LOCKOUT_FAILURES),
            "consecutive failed attempts per account before a lockout");
    /** The {@code stepwise.mfa.lockout.duration} parameter. */
    public static final Parameter<Duration> LOCKOUT_DURATION = new Parameter<>("stepwise.mfa.lockout.duration",
            "PT15M", Durations::positive, "how long a lockout lasts");
    /** The {@code stepwise.mfa.email.session} parameter. */
    public static final Parameter<String> EMAIL_SESSION = new Parameter<>("stepwise.mfa.email.session", null,
            Names.jndi("java:comp/env/mail/stepwise"), "JNDI name of the mail session for code emails");
    /** The {@code stepwise.mfa.email.smtp} parameter. */
    public static final Parameter<SmtpRelay> EMAIL_SMTP = new Parameter<>("stepwise.mfa.email.smtp", null,
            Endpoints::smtpRelay, "host:port of an SMTP relay without authentication (development)");
    /** The {@code stepwise.mfa.email.from} parameter. */
    public static final Parameter<String> EMAIL_FROM = new Parameter<>("stepwise.mfa.email.from", null,
            Names::emailAddress, "sender address of code emails");
    /** The {@code stepwise.mfa.sms.gateway.url} parameter. */
    public static final Parameter<URI> SMS_GATEWAY_URL = new Parameter<>("stepwise.mfa.sms.gateway.url", null,
            Endpoints::absoluteUrl, "URL of the built-in HTTP gateway for SMS and voice codes");
    /** The {@code stepwise.mfa.sms.gateway.auth-header} parameter. */
    public static final Parameter<String> SMS_GATEWAY_AUTH_HEADER = new Parameter<>(
            "stepwise.mfa.sms.gateway.auth-header", "Authorization", Names::headerName,
            "header that carries the gateway credential");
    /** The {@code stepwise.mfa.sms.gateway.template} parameter. */
    public static final Parameter<String> SMS_GATEWAY_TEMPLATE = new Parameter<>("stepwise.mfa.sms.gateway.template",
            "{\"to\":\"{to}\",\"text\":\"{message}\",\"channel\":\"{channel}\"}", Endpoints::bodyTemplate,
            "JSON body sent to the gateway");
    /** The {@code stepwise.mfa.webauthn.rp-id} parameter. */
    public static final Parameter<String> WEBAUTHN_RP_ID = new Parameter<>("stepwise.mfa.webauthn.rp-id", null,
            Origins::relyingPartyId, "WebAuthn relying party id; unset, each request's host is used (development)");
    /** Its default names the relying party id: {@link WebAuthnSettings#read} fills it in. */
    public static final Parameter<Set<String>> WEBAUTHN_ORIGINS = new Parameter<>("stepwise.mfa.webauthn.origins",
            "https://{rp-id}", Origins::webAuthn, "origins allowed to use the keys (with rp-id only)");
    /** The {@code stepwise.mfa.webauthn.user-verification} parameter: security keys as a second factor. */
    public static final Parameter<String> WEBAUTHN_USER_VERIFICATION = new Parameter<>(
            "stepwise.mfa.webauthn.user-verification", "preferred", Policies::userVerification,
            "whether a security key as second factor must verify the user (PIN, fingerprint) when registered and "
            + "used; required refuses a key answer without it");
    /** The {@code stepwise.mfa.webauthn.passkey-login} parameter (README "Passkey sign-in"). */
    public static final Parameter<Boolean> WEBAUTHN_PASSKEY_LOGIN = new Parameter<>(
            "stepwise.mfa.webauthn.passkey-login", "off", Scalars::onOrOff,
            "on: sign-in with a passkey (user verification required) at {stepwise.mfa.path}/passkey, no second "
            + "challenge; needs the webauthn factor");
    /** The {@code stepwise.mfa.adaptive.require} parameter. */
    public static final Parameter<RiskLevel> ADAPTIVE_REQUIRE = new Parameter<>("stepwise.mfa.adaptive.require",
            "medium", Policies::riskLevel, "with login=adaptive: the risk level from which a factor is asked");
    /** The {@code stepwise.mfa.adaptive.memory} parameter. */
    public static final Parameter<Duration> ADAPTIVE_MEMORY = new Parameter<>("stepwise.mfa.adaptive.memory", "P90D",
            Durations::positive, "how long a device or network counts as known");
    /** The {@code stepwise.mfa.adaptive.failures} parameter. */
    public static final Parameter<Integer> ADAPTIVE_FAILURES = new Parameter<>("stepwise.mfa.adaptive.failures", "3",
            Scalars.wholeNumber(1, 100), "recent failed attempts that make a sign-in risky");
    /** The {@code stepwise.mfa.adaptive.absence} parameter. */
    public static final Parameter<Duration> ADAPTIVE_ABSENCE = new Parameter<>("stepwise.mfa.adaptive.absence",
            "P30D", Durations::positive, "a sign-in after this long away counts as unusual");
    /** The {@code stepwise.mfa.adaptive.unusual-time} parameter. */
    public static final Parameter<RiskLevel> ADAPTIVE_UNUSUAL_TIME = new Parameter<>(
            "stepwise.mfa.adaptive.unusual-time", "off", Policies::signalLevel,
            "a sign-in outside the user's usual hours: off, or the level it adds");
    /** The {@code stepwise.mfa.adaptive.unusual-time.history} parameter. */
    public static final Parameter<Integer> ADAPTIVE_UNUSUAL_TIME_HISTORY = new Parameter<>(
            "stepwise.mfa.adaptive.unusual-time.history", "10", Scalars.wholeNumber(3, 50),
            "sign-ins a user needs before unusual-time speaks");
    /** The {@code stepwise.mfa.adaptive.time-zone} parameter. */
    public static final Parameter<ZoneId> ADAPTIVE_TIME_ZONE = new Parameter<>("stepwise.mfa.adaptive.time-zone",
            null, Policies::timeZone, "zone of users the application gives no zone for; unset: the server's zone");
    /** The {@code stepwise.mfa.adaptive.impossible-travel} parameter. */
    public static final Parameter<RiskLevel> ADAPTIVE_IMPOSSIBLE_TRAVEL = new Parameter<>(
            "stepwise.mfa.adaptive.impossible-travel", "off", Policies::signalLevel,
            "faster than max-speed since the last sign-in (needs geoip.database): off, or the level it adds");
    /** The {@code stepwise.mfa.adaptive.max-speed} parameter. */
    public static final Parameter<Integer> ADAPTIVE_MAX_SPEED = new Parameter<>("stepwise.mfa.adaptive.max-speed",
            "900", Scalars.wholeNumber(100, 20000), "km/h: the fastest believable travel between two sign-ins");
    /** The {@code stepwise.mfa.adaptive.new-country} parameter. */
    public static final Parameter<RiskLevel> ADAPTIVE_NEW_COUNTRY = new Parameter<>(
            "stepwise.mfa.adaptive.new-country", "off", Policies::signalLevel,
            "a country not seen during memory (needs geoip.database): off, or the level it adds");
    /** The {@code stepwise.mfa.geoip.database} parameter. */
    public static final Parameter<Path> GEOIP_DATABASE = new Parameter<>("stepwise.mfa.geoip.database", null,
            Policies::readableFile, "a MaxMind GeoIP2/GeoLite2 City or Country .mmdb file, read at deployment");
    /** The {@code stepwise.mfa.trusted-proxies} parameter. */
    public static final Parameter<ClientAddress> TRUSTED_PROXIES = new Parameter<>("stepwise.mfa.trusted-proxies", "",
            Endpoints::proxies,
            "CIDRs of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto (or Forwarded) are believed");
    /** The {@code stepwise.mfa.mandatory-roles} parameter. */
    public static final Parameter<Set<String>> MANDATORY_ROLES = new Parameter<>("stepwise.mfa.mandatory-roles", "",
            Names::roles, "roles that always use MFA at login and can be neither exempted nor opt out");
    /** The {@code stepwise.mfa.admin-role} parameter. */
    public static final Parameter<String> ADMIN_ROLE = new Parameter<>("stepwise.mfa.admin-role", "admin",
            Names::role, "the role allowed to use the administration API");
    /** The {@code stepwise.mfa.exemption.max-duration} parameter. */
    public static final Parameter<Duration> EXEMPTION_MAX = new Parameter<>("stepwise.mfa.exemption.max-duration",
            "P7D", Durations::positive, "the longest exemption an administrator may grant");
    /** Checked here; the patterns are built by {@link PolicySettings#read} with the step-up default. */
    public static final Parameter<String> PROTECT = new Parameter<>("stepwise.mfa.protect", "", Policies::protect,
            "extra URL patterns with their requirement, e.g. /admin/*=mfa; /account/delete=stepup:PT2M");
    /** Checked here; the rules are built by {@link SignalSettings#read} with the step-up default. */
    public static final Parameter<String> LOCATION_RULES = new Parameter<>("stepwise.mfa.location.rules", "",
            Policies::locationRules, "networks and countries per role or path, e.g. role:admin from 10.0.0.0/8 "
            + "else deny; * from 10.0.0.0/8, country:DE else stepup");
    /** The {@code stepwise.mfa.allowed-origins} parameter. */
    public static final Parameter<Set<String>> ALLOWED_ORIGINS = new Parameter<>("stepwise.mfa.allowed-origins", "",
            Origins::sameSite, "origins besides the request's own whose unsafe requests are same site");
    /** The {@code stepwise.mfa.challenge.expiry} parameter. */
    public static final Parameter<Duration> CHALLENGE_EXPIRY = new Parameter<>("stepwise.mfa.challenge.expiry",
            "PT5M", Durations::positive, "how long a pending challenge and the request it saved stay usable");
    /** The {@code stepwise.mfa.exemption.enrol-hold} parameter. */
    public static final Parameter<Duration> EXEMPTION_ENROL_HOLD = new Parameter<>(
            "stepwise.mfa.exemption.enrol-hold", "P1D", Durations::positiveOrZero,
            "how long a factor enrolled under an exemption cannot answer a step-up; PT0S: no hold");

    /** The push factor's VAPID public key; its private key is a secret ({@link PushSettings}). */
    public static final Parameter<String> PUSH_VAPID_PUBLIC_KEY = PushSettings.VAPID_PUBLIC_KEY;
    /** The contact push services may write to. */
    public static final Parameter<String> PUSH_VAPID_SUBJECT = PushSettings.VAPID_SUBJECT;
    /** Local push endpoints, in development mode only. */
    public static final Parameter<Boolean> PUSH_ALLOW_LOCAL_ENDPOINTS = PushSettings.ALLOW_LOCAL_ENDPOINTS;
    /** How the push factor asks: a code to type or a number to match. */
    public static final Parameter<String> PUSH_PROMPT = PushSettings.PROMPT;
    /** The origin push approval links name. */
    public static final Parameter<String> PUSH_ORIGIN = PushSettings.ORIGIN;

    /** Every context parameter, in README's order. */
    public static final List<Parameter<?>> ALL = List.of(LOGIN, FACTORS, STEPUP_MAX_AGE, PATH, REASON_BUNDLE, ISSUER, TOTP_WINDOW,
            QUESTIONS_STEP_UP, DATASOURCE, CREATE_SCHEMA, FACTS_CACHE, TRUST_DURATION, TRUST_KEY_ROTATION, LOCKOUT_MAX_FAILURES, LOCKOUT_DURATION,
            EMAIL_SESSION, EMAIL_SMTP, EMAIL_FROM, SMS_GATEWAY_URL, SMS_GATEWAY_AUTH_HEADER, SMS_GATEWAY_TEMPLATE,
            WEBAUTHN_RP_ID, WEBAUTHN_ORIGINS, WEBAUTHN_USER_VERIFICATION, WEBAUTHN_PASSKEY_LOGIN,
            ADAPTIVE_REQUIRE, ADAPTIVE_MEMORY, ADAPTIVE_FAILURES, ADAPTIVE_ABSENCE,
            ADAPTIVE_UNUSUAL_TIME, ADAPTIVE_UNUSUAL_TIME_HISTORY, ADAPTIVE_TIME_ZONE, ADAPTIVE_IMPOSSIBLE_TRAVEL,
            ADAPTIVE_MAX_SPEED, ADAPTIVE_NEW_COUNTRY, GEOIP_DATABASE,
            TRUSTED_PROXIES, MANDATORY_ROLES, ADMIN_ROLE, EXEMPTION_MAX, PROTECT, LOCATION_RULES,
            ALLOWED_ORIGINS, CHALLENGE_EXPIRY,
            EXEMPTION_ENROL_HOLD, PUSH_VAPID_PUBLIC_KEY, PUSH_VAPID_SUBJECT, PUSH_ALLOW_LOCAL_ENDPOINTS,
            PUSH_PROMPT, PUSH_ORIGIN);

    /**
     * The key that encrypts factor secrets at rest. Never a context parameter: a key in web.xml would sit in
     * every copy of the WAR (README, "Configuration"); it comes from JNDI, a system property or the environment.
     */
    public static final String SECRET_KEY = "stepwise.mfa.secret-key";

    private Parameters() {
    }

    /** {@return the names of {@link #ALL}} */
    public static List<String> names() {
        return ALL.stream().map(Parameter::name).toList();
    }

    /**
     * Fails when the secret key is given as a context parameter, without repeating the value.
     *
     * @param source where the configuration values are read from
     * @throws MfaConfigException naming {@link #SECRET_KEY} and where the key belongs
     */
    public static void refuseSecretKey(Function<String, String> source) {
        if (source.apply(SECRET_KEY) != null) {
            throw new MfaConfigException(SECRET_KEY, "(hidden)", "no context parameter: give the key as a JNDI "
                    + "env-entry, the system property or the environment variable STEPWISE_MFA_SECRET_KEY");
        }
    }

    private static SchemaMode schemaMode(String parameter, String value) {
        return SchemaMode.ofParameter(value).orElseThrow(() -> new MfaConfigException(parameter, value,
                "true, validate or false"));
    }
}
