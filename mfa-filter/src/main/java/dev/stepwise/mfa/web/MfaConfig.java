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
 * @param store             {@code stepwise.mfa.datasource} and {@code stepwise.mfa.store.create-schema}
 * @param trustDuration     {@code stepwise.mfa.trust.duration}: "trust this device" lifetime; zero disables it
 * @param trustKeyRotation  {@code stepwise.mfa.trust.key-rotation}: how long one signing key signs
 * @param lockout           {@code stepwise.mfa.lockout.max-failures} and {@code stepwise.mfa.lockout.duration}
 * @param email             {@code stepwise.mfa.email.*}: how code emails are sent (used when {@code email} is offered)
 * @param sms               {@code stepwise.mfa.sms.*}: the built-in HTTP gateway (used when {@code sms} is offered)
 * @param webauthn          {@code stepwise.mfa.webauthn.*}: relying party id and allowed origins
 * @param adaptive          {@code stepwise.mfa.adaptive.*}: when {@code stepwise.mfa.login=adaptive} asks
 * @param trustedProxies    {@code stepwise.mfa.trusted-proxies}: whose {@code X-Forwarded-For} is believed
 * @param mandatoryRoles    {@code stepwise.mfa.mandatory-roles}: roles that always use MFA, never exempted
 * @param adminRole         {@code stepwise.mfa.admin-role}: the role that may use the admin API
 * @param exemptionMax      {@code stepwise.mfa.exemption.max-duration}: the longest exemption an admin may grant
 * @param exemptionEnrolHold {@code stepwise.mfa.exemption.enrol-hold}: how long a factor enrolled under an
 *                          exemption cannot answer a step-up
 * @param requests          {@code stepwise.mfa.allowed-origins} and {@code stepwise.mfa.challenge.expiry}
 */
public record MfaConfig(LoginPolicy login, List<String> factors, boolean factorsConfigured, Duration stepUpMaxAge,
                        String path, ProtectedPaths protect, String issuer, int totpWindow, StoreSettings store,
                        Duration trustDuration, Duration trustKeyRotation, LockoutSettings lockout,
                        EmailSettings email, SmsSettings sms, WebAuthnSettings webauthn,
                        dev.stepwise.mfa.core.risk.AdaptiveSettings adaptive,
                        dev.stepwise.mfa.core.net.ClientAddress trustedProxies, Set<String> mandatoryRoles,
                        String adminRole, Duration exemptionMax, Duration exemptionEnrolHold,
                        RequestSettings requests) {

    /**
     * What the library accepts of a request to a protected endpoint.
     *
     * @param allowedOrigins  {@code stepwise.mfa.allowed-origins}: origins besides the request's own whose unsafe
     *                        requests are same-site (e.g. a separate front-end at {@code https://app.example})
     * @param challengeExpiry {@code stepwise.mfa.challenge.expiry}: how long a pending challenge and the request
     *                        it saved stay usable
     */
    public record RequestSettings(Set<String> allowedOrigins, Duration challengeExpiry) {
        public RequestSettings {
            allowedOrigins = Set.copyOf(allowedOrigins);
            Objects.requireNonNull(challengeExpiry, "challengeExpiry");
        }
    }

    /**
     * The WebAuthn relying party. Without {@code rp-id} the library runs in development mode: each request's own
     * host is the relying party and its origin the only allowed one (and it says so in the log).
     *
     * @param rpId    {@code stepwise.mfa.webauthn.rp-id}, e.g. {@code bank.example}, or {@code null}
     * @param origins {@code stepwise.mfa.webauthn.origins}, e.g. {@code https://bank.example}; empty with no rp-id
     */
    public record WebAuthnSettings(String rpId, java.util.Set<String> origins) {
        public WebAuthnSettings {
            origins = java.util.Set.copyOf(origins);
        }
    }

    /**
     * Code emails: a container mail session by JNDI name, or a plain SMTP relay for development.
     *
     * @param session  JNDI name of a {@code jakarta.mail.Session}, or {@code null}
     * @param smtpHost SMTP relay host (no authentication), or {@code null}
     * @param smtpPort SMTP relay port
     * @param from     the sender address, or {@code null}
     */
    public record EmailSettings(String session, String smtpHost, int smtpPort, String from) {
    }

    /**
     * The built-in SMS/voice HTTP gateway; the authorization header's value is a secret and comes from the
     * system property {@code stepwise.mfa.sms.gateway.auth} or the variable {@code STEPWISE_MFA_SMS_GATEWAY_AUTH}.
     *
     * @param gatewayUrl   the gateway's URL, or {@code null} when an application {@code CodeSender} bean is used
     * @param authHeader   the name of the header that carries the credential
     * @param bodyTemplate the JSON body with {@code {to}}, {@code {message}}, {@code {code}}, {@code {channel}}
     */
    public record SmsSettings(java.net.URI gatewayUrl, String authHeader, String bodyTemplate) {
    }

    /**
     * Where the library keeps its state.
     *
     * @param datasource   JNDI name of the {@code DataSource}
     * @param createSchema whether the library creates its tables at startup
     */
    public record StoreSettings(String datasource, boolean createSchema) {
    }

    /**
     * Per-account throttling of failed factor attempts (NIST SP 800-63B §5.2.2: at most 100).
     *
     * @param maxFailures consecutive failures before the account is locked
     * @param duration    how long a lockout lasts
     */
    public record LockoutSettings(int maxFailures, Duration duration) {
    }

    public static final String LOGIN = "stepwise.mfa.login";
    public static final String FACTORS = "stepwise.mfa.factors";
    public static final String STEPUP_MAX_AGE = "stepwise.mfa.stepup.default-max-age";
    public static final String PATH = "stepwise.mfa.path";
    public static final String PROTECT = "stepwise.mfa.protect";
    public static final String ISSUER = "stepwise.mfa.issuer";
    public static final String TOTP_WINDOW = "stepwise.mfa.totp.window";
    public static final String DATASOURCE = "stepwise.mfa.datasource";
    public static final String CREATE_SCHEMA = "stepwise.mfa.store.create-schema";
    public static final String TRUST_DURATION = "stepwise.mfa.trust.duration";
    public static final String TRUST_KEY_ROTATION = "stepwise.mfa.trust.key-rotation";
    public static final String LOCKOUT_MAX_FAILURES = "stepwise.mfa.lockout.max-failures";
    public static final String LOCKOUT_DURATION = "stepwise.mfa.lockout.duration";
    public static final String EMAIL_SESSION = "stepwise.mfa.email.session";
    public static final String EMAIL_SMTP = "stepwise.mfa.email.smtp";
    public static final String EMAIL_FROM = "stepwise.mfa.email.from";
    public static final String SMS_GATEWAY_URL = "stepwise.mfa.sms.gateway.url";
    public static final String WEBAUTHN_RP_ID = "stepwise.mfa.webauthn.rp-id";
    public static final String ADAPTIVE_REQUIRE = "stepwise.mfa.adaptive.require";
    public static final String ADAPTIVE_MEMORY = "stepwise.mfa.adaptive.memory";
    public static final String ADAPTIVE_FAILURES = "stepwise.mfa.adaptive.failures";
    public static final String ADAPTIVE_ABSENCE = "stepwise.mfa.adaptive.absence";
    public static final String TRUSTED_PROXIES = "stepwise.mfa.trusted-proxies";
    public static final String MANDATORY_ROLES = "stepwise.mfa.mandatory-roles";
    public static final String ADMIN_ROLE = "stepwise.mfa.admin-role";
    public static final String EXEMPTION_MAX = "stepwise.mfa.exemption.max-duration";
    public static final String EXEMPTION_ENROL_HOLD = "stepwise.mfa.exemption.enrol-hold";
    public static final String ALLOWED_ORIGINS = "stepwise.mfa.allowed-origins";
    public static final String CHALLENGE_EXPIRY = "stepwise.mfa.challenge.expiry";
    public static final String WEBAUTHN_ORIGINS = "stepwise.mfa.webauthn.origins";
    public static final String SMS_GATEWAY_AUTH_HEADER = "stepwise.mfa.sms.gateway.auth-header";
    public static final String SMS_GATEWAY_TEMPLATE = "stepwise.mfa.sms.gateway.template";
    /** Never a context parameter: a key in web.xml would sit in every copy of the WAR (see SecretKeySource). */
    public static final String SECRET_KEY = "stepwise.mfa.secret-key";

    /** Every parameter this version reads, for diagnostics. */
    public static final List<String> PARAMETERS = List.of(LOGIN, FACTORS, STEPUP_MAX_AGE, PATH, PROTECT, ISSUER,
            TOTP_WINDOW, DATASOURCE, CREATE_SCHEMA, TRUST_DURATION, TRUST_KEY_ROTATION, LOCKOUT_MAX_FAILURES,
            LOCKOUT_DURATION, SECRET_KEY, EMAIL_SESSION, EMAIL_SMTP, EMAIL_FROM, SMS_GATEWAY_URL,
            SMS_GATEWAY_AUTH_HEADER, SMS_GATEWAY_TEMPLATE, WEBAUTHN_RP_ID, WEBAUTHN_ORIGINS, ADAPTIVE_REQUIRE,
            ADAPTIVE_MEMORY, ADAPTIVE_FAILURES, ADAPTIVE_ABSENCE, TRUSTED_PROXIES, MANDATORY_ROLES, ADMIN_ROLE,
            EXEMPTION_MAX, EXEMPTION_ENROL_HOLD, ALLOWED_ORIGINS, CHALLENGE_EXPIRY);

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
        Objects.requireNonNull(store, DATASOURCE);
        Objects.requireNonNull(trustDuration, TRUST_DURATION);
        Objects.requireNonNull(trustKeyRotation, TRUST_KEY_ROTATION);
        Objects.requireNonNull(lockout, LOCKOUT_MAX_FAILURES);
        Objects.requireNonNull(email, EMAIL_SESSION);
        Objects.requireNonNull(sms, SMS_GATEWAY_URL);
        Objects.requireNonNull(webauthn, WEBAUTHN_RP_ID);
        Objects.requireNonNull(adaptive, ADAPTIVE_REQUIRE);
        Objects.requireNonNull(trustedProxies, TRUSTED_PROXIES);
        mandatoryRoles = Set.copyOf(mandatoryRoles);
        Objects.requireNonNull(adminRole, ADMIN_ROLE);
        Objects.requireNonNull(exemptionMax, EXEMPTION_MAX);
        Objects.requireNonNull(exemptionEnrolHold, EXEMPTION_ENROL_HOLD);
        Objects.requireNonNull(requests, ALLOWED_ORIGINS);
    }

    /** Whether "trust this device" is offered at all. */
    public boolean trustEnabled() {
        return !trustDuration.isZero();
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
        dev.stepwise.mfa.core.risk.AdaptiveSettings adaptive = parseAdaptive(param);
        LoginPolicy login = parseLogin(value(param, LOGIN, "enrolled"), adaptive.require());
        String factorsValue = param.apply(FACTORS);
        List<String> factors = factorsValue == null ? DEFAULT_FACTORS : parseFactors(factorsValue);
        Duration maxAge = parseDuration(STEPUP_MAX_AGE, value(param, STEPUP_MAX_AGE, "PT5M"));
        String path = parsePath(value(param, PATH, "/mfa"));
        ProtectedPaths protect = parseProtect(value(param, PROTECT, ""), maxAge);
        String issuer = parseIssuer(value(param, ISSUER, "Stepwise MFA"));
        int window = parseInt(TOTP_WINDOW, value(param, TOTP_WINDOW, "1"), 0, MAX_TOTP_WINDOW);
        if (param.apply(SECRET_KEY) != null) {
            throw new MfaConfigException(SECRET_KEY, "(hidden)", "no context parameter: give the key as a JNDI "
                    + "env-entry, the system property or the environment variable STEPWISE_MFA_SECRET_KEY");
        }
        StoreSettings store = new StoreSettings(parseJndiName(value(param, DATASOURCE, "java:comp/DefaultDataSource")),
                parseBoolean(CREATE_SCHEMA, value(param, CREATE_SCHEMA, "true")));
        Duration trust = parseDurationOrZero(TRUST_DURATION, value(param, TRUST_DURATION, "P30D"));
        Duration rotation = parseDuration(TRUST_KEY_ROTATION, value(param, TRUST_KEY_ROTATION, "P90D"));
        LockoutSettings lockout = new LockoutSettings(
                parseInt(LOCKOUT_MAX_FAILURES, value(param, LOCKOUT_MAX_FAILURES, "10"), 1, MAX_LOCKOUT_FAILURES),
                parseDuration(LOCKOUT_DURATION, value(param, LOCKOUT_DURATION, "PT15M")));
        return new MfaConfig(login, factors, factorsValue != null, maxAge, path, protect, issuer, window, store,
                trust, rotation, lockout, parseEmail(param), parseSms(param), parseWebAuthn(param), adaptive,
                parseProxies(value(param, TRUSTED_PROXIES, "")), parseRoles(MANDATORY_ROLES,
                        value(param, MANDATORY_ROLES, "")), parseAdminRole(value(param, ADMIN_ROLE, "admin")),
                parseDuration(EXEMPTION_MAX, value(param, EXEMPTION_MAX, "P7D")),
                parseDurationOrZero(EXEMPTION_ENROL_HOLD, value(param, EXEMPTION_ENROL_HOLD, "P1D")),
                new RequestSettings(parseOrigins(value(param, ALLOWED_ORIGINS, "")),
                        parseDuration(CHALLENGE_EXPIRY, value(param, CHALLENGE_EXPIRY, "PT5M"))));
    }

    private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.-]+(:[0-9]{1,5})?|https?://\\[[0-9a-f:.]+\\](:[0-9]{1,5})?");

    /** Comma-separated origins as browsers send them in {@code Origin}: scheme, lower-case host, optional port. */
    private static Set<String> parseOrigins(String v) {
        Set<String> origins = new LinkedHashSet<>();
        for (String part : v.split(",")) {
            String origin = part.trim();
            if (origin.isEmpty()) {
                continue;
            }
            if (!ORIGIN.matcher(origin).matches()) {
                throw new MfaConfigException(ALLOWED_ORIGINS, v, "comma-separated origins such as "
                        + "https://app.example,https://admin.example:8443 (scheme, lower-case host, optional port, "
                        + "no path)");
            }
            origins.add(dev.stepwise.mfa.core.SiteOfOrigin.canonical(origin)); // https://a.example:443 → https://a.example
        }
        return origins;
    }

    private static dev.stepwise.mfa.core.net.ClientAddress parseProxies(String v) {
        try {
            return dev.stepwise.mfa.core.net.ClientAddress.parse(v);
        } catch (IllegalArgumentException e) {
            throw new MfaConfigException(TRUSTED_PROXIES, v, "IP addresses or CIDR blocks of your reverse proxies, "
                    + "e.g. 10.0.0.0/8, 2001:db8::/32 (" + e.getMessage() + ")");
        }
    }

    private static String parseAdminRole(String v) {
        if (v.isEmpty() || v.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new MfaConfigException(ADMIN_ROLE, v, "a role name");
        }
        return v;
    }

    private static WebAuthnSettings parseWebAuthn(Function<String, String> param) {
        String rpId = param.apply(WEBAUTHN_RP_ID);
        String origins = param.apply(WEBAUTHN_ORIGINS);
        if (rpId == null) {
            if (origins != null) {
                throw new MfaConfigException(WEBAUTHN_ORIGINS, origins, "origins together with "
                        + WEBAUTHN_RP_ID + " (the registrable domain they belong to)");
            }
            return new WebAuthnSettings(null, java.util.Set.of());
        }
        String id = rpId.trim();
        if (!id.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
            throw new MfaConfigException(WEBAUTHN_RP_ID, id, "a lower-case host name such as bank.example");
        }
        java.util.Set<String> set = new java.util.LinkedHashSet<>();
        for (String o : (origins == null ? "https://" + id : origins).split(",")) {
            String origin = o.trim();
            if (!origin.matches("https?://[a-z0-9.-]+(:[0-9]{1,5})?")) {
                throw new MfaConfigException(WEBAUTHN_ORIGINS, origins, "comma-separated origins such as "
                        + "https://bank.example,https://login.bank.example (scheme, host, optional port)");
            }
            set.add(origin);
        }
        return new WebAuthnSettings(id, set);
    }

    private static EmailSettings parseEmail(Function<String, String> param) {
        String session = param.apply(EMAIL_SESSION);
        if (session != null) {
            session = parseJndi(EMAIL_SESSION, session.trim(), "a JNDI name such as java:comp/env/mail/stepwise");
        }
        String smtp = param.apply(EMAIL_SMTP);
        String host = null;
        int port = 25;
        if (smtp != null) {
            String v = smtp.trim();
            int colon = v.lastIndexOf(':');
            String format = "host:port of an SMTP relay, e.g. 127.0.0.1:2525";
            if (colon <= 0 || !v.substring(colon + 1).matches("[0-9]{1,5}")) {
                throw new MfaConfigException(EMAIL_SMTP, v, format);
            }
            host = v.substring(0, colon);
            port = Integer.parseInt(v.substring(colon + 1));
            if (port < 1 || port > 65535 || !host.matches("[A-Za-z0-9.:\\[\\]-]+")) {
                throw new MfaConfigException(EMAIL_SMTP, v, format);
            }
        }
        String from = param.apply(EMAIL_FROM);
        if (from != null) {
            from = from.trim();
            if (!from.matches("[^@\\s<>\"]+@[^@\\s<>\"]+")) {
                throw new MfaConfigException(EMAIL_FROM, from, "an email address, e.g. no-reply@bank.example");
            }
        }
        return new EmailSettings(session, host, port, from);
    }

    private static SmsSettings parseSms(Function<String, String> param) {
        String url = param.apply(SMS_GATEWAY_URL);
        java.net.URI uri = null;
        if (url != null) {
            try {
                uri = new java.net.URI(url.trim());
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new java.net.URISyntaxException(url, "no scheme or host");
                }
            } catch (java.net.URISyntaxException e) {
                throw new MfaConfigException(SMS_GATEWAY_URL, url, "an absolute https URL of the gateway");
            }
        }
        String header = value(param, SMS_GATEWAY_AUTH_HEADER, "Authorization");
        if (!header.matches("[A-Za-z0-9-]{1,64}")) {
            throw new MfaConfigException(SMS_GATEWAY_AUTH_HEADER, header, "an HTTP header name");
        }
        String template = value(param, SMS_GATEWAY_TEMPLATE,
                "{\"to\":\"{to}\",\"text\":\"{message}\",\"channel\":\"{channel}\"}");
        if (!template.contains("{to}") || !(template.contains("{message}") || template.contains("{code}"))) {
            throw new MfaConfigException(SMS_GATEWAY_TEMPLATE, template,
                    "a body template naming {to} and {message} (or {code})");
        }
        return new SmsSettings(uri, header, template);
    }

    private static String parseJndi(String name, String v, String format) {
        if (v.isEmpty() || v.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new MfaConfigException(name, v, format);
        }
        return v;
    }

    /** NIST SP 800-63B §5.2.2: no more than 100 consecutive failed attempts. */
    static final int MAX_LOCKOUT_FAILURES = 100;

    private static String parseJndiName(String v) {
        if (v.isEmpty() || v.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new MfaConfigException(DATASOURCE, v, "a JNDI name such as java:comp/DefaultDataSource or jdbc/app");
        }
        return v;
    }

    private static boolean parseBoolean(String name, String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new MfaConfigException(name, v, "true or false");
    }

    /** A duration that may be zero (a feature switched off), e.g. {@code PT0S}. */
    static Duration parseDurationOrZero(String name, String v) {
        try {
            Duration d = Duration.parse(v);
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new MfaConfigException(name, v, "an ISO-8601 duration such as P30D, or PT0S to switch it off");
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

    private static LoginPolicy parseLogin(String v, dev.stepwise.mfa.core.risk.RiskLevel adaptiveRequire) {
        try {
            return LoginPolicy.parse(v, adaptiveRequire);
        } catch (IllegalArgumentException e) {
            throw new MfaConfigException(LOGIN, v, LoginPolicy.FORMAT);
        }
    }

    private static dev.stepwise.mfa.core.risk.AdaptiveSettings parseAdaptive(Function<String, String> param) {
        dev.stepwise.mfa.core.risk.RiskLevel require;
        String r = value(param, ADAPTIVE_REQUIRE, "medium");
        try {
            require = dev.stepwise.mfa.core.risk.RiskLevel.parse(r);
        } catch (IllegalArgumentException e) {
            throw new MfaConfigException(ADAPTIVE_REQUIRE, r, "low, medium or high");
        }
        return new dev.stepwise.mfa.core.risk.AdaptiveSettings(require,
                parseDuration(ADAPTIVE_MEMORY, value(param, ADAPTIVE_MEMORY, "P90D")),
                parseInt(ADAPTIVE_FAILURES, value(param, ADAPTIVE_FAILURES, "3"), 1, 100),
                parseDuration(ADAPTIVE_ABSENCE, value(param, ADAPTIVE_ABSENCE, "P30D")));
    }

    private static Set<String> parseRoles(String name, String v) {
        Set<String> roles = new LinkedHashSet<>();
        for (String part : v.split(",")) {
            String role = part.trim();
            if (role.isEmpty()) {
                continue;
            }
            if (role.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw new MfaConfigException(name, v, "comma-separated role names");
            }
            roles.add(role);
        }
        return roles;
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
