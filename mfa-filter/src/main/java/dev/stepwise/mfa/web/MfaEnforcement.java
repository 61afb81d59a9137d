package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.AnnotatedRequirements;
import dev.stepwise.mfa.core.Caller;
import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.Denied;
import dev.stepwise.mfa.core.Decision.EnrollmentRequired;
import dev.stepwise.mfa.core.EnrolledFactors;
import dev.stepwise.mfa.core.MfaPolicy;
import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.core.LoginFacts;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.Requirements;
import dev.stepwise.mfa.core.SiteOfOrigin;
import dev.stepwise.mfa.core.risk.RiskAssessment;
import dev.stepwise.mfa.core.risk.RiskAssessor;
import dev.stepwise.mfa.core.risk.RiskContext;
import jakarta.servlet.http.HttpServletResponse;
import dev.stepwise.mfa.core.TrustedDeviceGrant;
import dev.stepwise.mfa.trust.DeviceTrust;
import dev.stepwise.mfa.trust.TrustedDevices;
import dev.stepwise.mfa.event.EventHeader;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.runtime.config.OfferedFactors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The enforcement point shared by the servlet filter, the challenge servlet, the CDI interceptor and the
 * JAX-RS exception mapper: it reads the session's {@link MfaState}, asks the pure {@link MfaPolicy}, and turns
 * a refusal into one {@link MfaAnswer}. Configured once by {@link MfaBootstrap} at deployment.
 */
@ApplicationScoped
public class MfaEnforcement {

    /** Request attribute holding a form body the JAX-RS layer read before the interceptor refused the call. */
    public static final String CAPTURED_FORM_BODY = "dev.stepwise.mfa.captured-form-body";

    private static final System.Logger LOG = System.getLogger(MfaEnforcement.class.getName());

    private final Instance<Factor> factorBeans;
    private final Instance<Clock> clockBeans;
    private final Event<MfaEvent> events;
    private final Instance<MfaStorage> storage;
    private final Instance<dev.stepwise.mfa.core.risk.RiskSignal> appSignals;
    private volatile RiskAssessor assessor;

    private volatile MfaConfig config;
    private volatile Clock clock;
    private volatile Setup setup;

    private record Setup(MfaConfig config, Clock clock, MfaPolicy policy, AnnotatedRequirements annotations,
                         Map<String, Factor> factors, ServletRequirements servlets) {
    }

    @Inject
    public MfaEnforcement(@Any Instance<Factor> factorBeans, @StepwiseClock Instance<Clock> clockBeans,
                          Event<MfaEvent> events, Instance<MfaStorage> storage,
                          @Any Instance<dev.stepwise.mfa.core.risk.RiskSignal> appSignals) {
        this.factorBeans = factorBeans;
        this.clockBeans = clockBeans;
        this.events = events;
        this.storage = storage;
        this.appSignals = appSignals;
    }

    /** For CDI's proxy only. */
    protected MfaEnforcement() {
        this(null, null, null, null, null);
    }

    /**
     * Applies the configuration: finds the factor beans, checks that every configured factor exists, and
     * resolves the requirements of every registered servlet.
     *
     * @throws MfaConfigException when {@code stepwise.mfa.factors} names a factor that does not exist, or no
     *                            offered factor exists at all
     */
    void configure(MfaConfig config, ServletContext context) {
        // First: factor beans created below read their settings and clock from here.
        this.clock = clockBeans.isResolvable() ? clockBeans.get() : Clock.systemUTC();
        this.config = config;
        Map<String, Factor> available = new LinkedHashMap<>();
        for (Factor f : factorBeans) {
            if (f != null) { // the built-in email and SMS beans exist only when offered
                available.putIfAbsent(f.id(), f);
            }
        }
        List<String> offered = OfferedFactors.select(config.factors(), available.keySet());
        Map<String, Factor> factors = new LinkedHashMap<>();
        offered.forEach(id -> factors.put(id, available.get(id)));
        AnnotatedRequirements annotations = new AnnotatedRequirements(config.policy().stepUpMaxAge());
        ServletRequirements servlets = new ServletRequirements(context, annotations);
        servlets.resolveAll();
        Set<String> mandatory = new LinkedHashSet<>(config.policy().mandatoryRoles());
        mandatory.addAll(config.policy().login().mandatoryRoles());
        setup = new Setup(config, clock, new MfaPolicy(clock, offered, mandatory), annotations, Map.copyOf(factors),
                servlets);
        LOG.log(System.Logger.Level.INFO, "Stepwise MFA: factors {0}, login policy {1}, pages at {2}",
                offered, config.policy().login(), config.pages().path());
    }

    private Setup setup() {
        Setup s = setup;
        if (s == null) {
            throw new IllegalStateException("Stepwise MFA is not configured (its listener did not run)");
        }
        return s;
    }

    /** The configuration; available to factor beans while they are created at deployment. */
    public MfaConfig config() {
        MfaConfig c = config;
        if (c == null) {
            throw new IllegalStateException("Stepwise MFA is not configured (its listener did not run)");
        }
        return c;
    }

    /** The library's clock (the system UTC clock unless a {@link StepwiseClock} bean is provided). */
    public Clock clock() {
        Clock c = clock;
        if (c == null) {
            throw new IllegalStateException("Stepwise MFA is not configured (its listener did not run)");
        }
        return c;
    }

    public AnnotatedRequirements annotations() {
        return setup().annotations();
    }

    /** The decision rules (for checks such as whether a user may remove a factor). */
    public MfaPolicy policy() {
        return setup().policy();
    }

    /** The offered factors, in page order. */
    public List<String> offered() {
        return setup().policy().offered();
    }

    /** An offered factor by id. */
    public Optional<Factor> factor(String id) {
        return Optional.ofNullable(setup().factors().get(id));
    }

    /** The offered factors {@code user} has enrolled, in page order. */
    public Set<String> enrolled(String user) {
        Set<String> result = new LinkedHashSet<>();
        setup().factors().forEach((id, f) -> {
            if (f.isEnrolled(user)) {
                result.add(id);
            }
        });
        // docs/security-model.md: SMS is never the only factor offered; alone it does not count as enrolled.
        if (!dev.stepwise.mfa.factor.sms.SmsEnrolmentPolicy.mayEnrol(without(result, dev.stepwise.mfa.Factors.SMS))) {
            result.remove(dev.stepwise.mfa.Factors.SMS);
        }
        return result;
    }

    private static Set<String> without(Set<String> set, String id) {
        Set<String> copy = new LinkedHashSet<>(set);
        copy.remove(id);
        return copy;
    }

    /**
     * What this request's endpoint asks: the servlet's annotations (handler and {@code service}), then the protect
     * pattern; empty when it is not protected. All of them must hold ({@link #decide(HttpServletRequest,
     * Requirements)}).
     */
    Requirements endpointRequirements(HttpServletRequest request) {
        Setup s = setup();
        return s.servlets().forRequest(request).and(s.config().policy().protect().match(pathOf(request)).orElse(null));
    }

    /**
     * Request attribute set on a replayed request whose challenge confirmed exactly it (a zero-{@code maxAge}
     * step-up): that replay, and nothing else, is granted.
     */
    static final String CONFIRMED = "dev.stepwise.mfa.confirmed-request";

    /**
     * Refuses an unsafe request from another site to a protected endpoint ({@link SiteOfOrigin}): returns the
     * refusal after firing {@link MfaEvent.CrossSiteRefused}, or {@code null} when the request may go on.
     */
    public Decision refuseCrossSite(HttpServletRequest request) {
        SiteOfOrigin.Verdict verdict = SiteOfOrigin.of(request.getMethod(), ChallengeServlet.originOf(request),
                config().requests().allowedOrigins(), request.getHeader("Sec-Fetch-Site"),
                request.getHeader("Origin"), request.getHeader("Referer"));
        if (!verdict.crossSite()) {
            return null;
        }
        Principal principal = request.getUserPrincipal();
        events.fire(new MfaEvent.CrossSiteRefused(new EventHeader(principal == null ? "" : principal.getName(),
                clock().instant(), clientAddress(request), userAgent(request)), request.getMethod(), pathOf(request),
                verdict.seen()));
        return new Denied(Denied.Why.CROSS_SITE);
    }

    /** Whether the request, whatever its method, was sent by another site (a link, a form, an {@code <img>}). */
    private boolean isFromAnotherSite(HttpServletRequest request) {
        return SiteOfOrigin.sender(ChallengeServlet.originOf(request), config().requests().allowedOrigins(),
                request.getHeader("Sec-Fetch-Site"), request.getHeader("Origin"), request.getHeader("Referer"))
                .crossSite();
    }

    /**
     * Decides each of an endpoint's requirements for this request ({@link #endpointRequirements}); the first that
     * is not granted answers.
     */
    public Decision decideEndpoint(HttpServletRequest request, Requirements requirements) {
        return requirements.decide(each -> decideEndpoint(request, each));
    }

    /**
     * Decides one of an endpoint's requirements for this request. A step-up with {@code maxAge} zero asks for a
     * confirmation per request: it is granted only to the replay of the very request its challenge showed
     * (see {@link #CONFIRMED}); any other request is challenged again.
     */
    public Decision decideEndpoint(HttpServletRequest request, Requirement requirement) {
        if (requirement.kind() != Requirement.Kind.STEP_UP || !requirement.maxAge().isZero()) {
            return decide(request, requirement);
        }
        if (Boolean.TRUE.equals(request.getAttribute(CONFIRMED))) {
            // Used once: a forward from the confirmed request to another such endpoint needs its own confirmation.
            request.removeAttribute(CONFIRMED);
            // Confirmed by the challenge that showed this request: its factor is as fresh as the challenge allows.
            return decide(request, new Requirement(requirement.kind(), requirement.factors(), requirement.roles(),
                    config().requests().challengeExpiry(), requirement.reason(), requirement.trustedDeviceSatisfies()));
        }
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            return new Denied(Denied.Why.NO_CALLER);
        }
        MfaState proven = state(request, principal.getName());
        Caller caller = Caller.of(principal.getName(), request::isUserInRole);
        // Nothing proven earlier counts: decided as if this session had verified no factor.
        MfaState none = new MfaState(proven.user(), proven.primaryAuthAt(), Map.of(), null, proven.loginCleared());
        return setup().policy().decide(requirement, caller, none, enrolledWithHolds());
    }

    /** Decides {@code requirement} for the request's caller; no caller → denied (fail closed). */
    public Decision decide(HttpServletRequest request, Requirement requirement) {
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            return new Denied(Denied.Why.NO_CALLER);
        }
        Caller caller = Caller.of(principal.getName(), request::isUserInRole);
        MfaState state = state(request, caller.name());
        EnrolledFactors enrolled = enrolledWithHolds();
        Decision d = setup().policy().decide(requirement, caller, state, enrolled);
        if (d instanceof ChallengeRequired || d instanceof EnrollmentRequired) {
            // Only then is the exemption store asked: an administrator may have exempted this user for now.
            Instant now = clock().instant();
            Optional<dev.stepwise.mfa.core.exemption.MfaExemption> exemption = storage.get().exemptions()
                    .find(caller.name()).filter(e -> e.isActiveAt(now));
            if (exemption.isPresent()) {
                d = setup().policy().decide(requirement, caller, state, enrolled, exemption.get());
            }
        }
        return d;
    }

    /**
     * The user's enrolled factors for the policy, with the holds on factors enrolled under an exemption (asked of
     * the store only when a step-up needs them).
     */
    private EnrolledFactors enrolledWithHolds() {
        return new EnrolledFactors() {
            @Override
            public Set<String> of(String user) {
                return enrolled(user);
            }

            @Override
            public Map<String, Instant> heldUntil(String user) {
                Map<String, Instant> held = new LinkedHashMap<>();
                storage.get().store().enrolmentHolds().find(user).forEach(h -> held.put(h.factorId(), h.until()));
                return held;
            }
        };
    }

    /**
     * Decides the step-up that guards adding a factor: like {@link #decide}, but an administrator's active
     * exemption waives it, so a user who lost every factor can enrol a new one.
     */
    public Decision decideEnrolment(HttpServletRequest request, Requirement requirement) {
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            return new Denied(Denied.Why.NO_CALLER);
        }
        Caller caller = Caller.of(principal.getName(), request::isUserInRole);
        Instant now = clock().instant();
        dev.stepwise.mfa.core.exemption.MfaExemption exemption = storage.get().exemptions().find(caller.name())
                .filter(e -> e.isActiveAt(now)).orElse(null);
        return setup().policy().decideEnrolment(requirement, caller, state(request, caller.name()),
                enrolledWithHolds(), exemption);
    }

    /** Decides the login policy; remembers in the session when it asks nothing, so later requests are cheap. */
    Decision decideLogin(HttpServletRequest request, HttpServletResponse response, String user) {
        Setup s = setup();
        MfaState state = state(request, user);
        if (state.loginCleared()) {
            return new Decision.Granted(Decision.Granted.Why.NOT_APPLICABLE);
        }
        Caller caller = Caller.of(user, request::isUserInRole);
        LoginFacts facts = state.anyVerified() ? LoginFacts.NONE : loginFacts(request, response, user);
        Decision d = s.policy().decideLogin(s.config().policy().login(), facts, caller, state, this::enrolled);
        MfaSession session = MfaSession.of(request);
        if (d instanceof Decision.Granted g) {
            if (g.why() == Decision.Granted.Why.EXEMPT) {
                // Not cleared: when the exemption ends, the login policy asks again. Audited once per session,
                // and the session's level rose without a factor: a new session id, as after a verification.
                if (session.firstTime(SessionSlots.Flag.EXEMPTION_AUDITED)) {
                    session.rotateId();
                    events.fire(new MfaEvent.ExemptionUsed(new EventHeader(user, clock().instant(),
                            clientAddress(request), userAgent(request)), facts.exemption().grantedBy(),
                            facts.exemption().until(), pathOf(request)));
                }
            } else if (g.why() != Decision.Granted.Why.FACTOR_VERIFIED && request.getSession(false) != null) {
                session.state(state.withLoginCleared());
                recordLogin(request, user);
            }
        }
        if (facts.risk() != null && request.getSession(false) != null
                && session.firstTime(SessionSlots.Flag.RISK_AUDITED)) {
            events.fire(MfaEvent.RiskAssessed.of(new EventHeader(user, clock().instant(), clientAddress(request),
                    userAgent(request)), facts.risk(), d instanceof Decision.ChallengeRequired));
        }
        return d;
    }

    /**
     * What the login policy needs beyond the session: the user's own "always ask" choice, an active exemption,
     * and, for {@code adaptive}, the risk of this sign-in (assessed once per session, kept for the page).
     */
    private LoginFacts loginFacts(HttpServletRequest request, HttpServletResponse response, String user) {
        MfaStorage store = storage.get();
        Instant now = clock().instant();
        LoginFacts facts = LoginFacts.NONE
                .withAlwaysAsk(store.preferences().of(user).alwaysAskAtLogin())
                .withExemption(store.exemptions().find(user).filter(e -> e.isActiveAt(now)).orElse(null));
        if (!(config().policy().login() instanceof dev.stepwise.mfa.core.LoginPolicy.Adaptive)) {
            return facts;
        }
        MfaSession session = MfaSession.of(request);
        RiskAssessment kept = session.risk();
        if (kept != null) {
            return facts.withRisk(kept);
        }
        String device = DeviceCookie.readOrIssue(request, response, config().adaptive().memory());
        RiskContext context = new RiskContext(user, now, device, clientInet(request).orElse(null),
                store.throttle().check(user).failures(), request.getHeader("User-Agent"));
        RiskAssessment risk = riskAssessor().assess(context);
        session.risk(risk);
        return facts.withRisk(risk);
    }

    /** Remembers this device and network for the user once a sign-in succeeded (never before: adaptive). */
    private void recordLogin(HttpServletRequest request, String user) {
        if (!(config().policy().login() instanceof dev.stepwise.mfa.core.LoginPolicy.Adaptive)) {
            return;
        }
        String device = DeviceCookie.read(request);
        storage.get().riskHistory().recordLogin(new RiskContext(user, clock().instant(), device,
                clientInet(request).orElse(null), 0, null));
    }

    /** The reasons of this session's risk assessment, as message keys for the challenge page. */
    static List<String> riskReasons(HttpServletRequest request) {
        RiskAssessment risk = MfaSession.of(request).risk();
        return risk == null ? List.of() : risk.messageKeys();
    }

    private RiskAssessor riskAssessor() {
        RiskAssessor a = assessor;
        if (a == null) {
            List<dev.stepwise.mfa.core.risk.RiskSignal> signals =
                    new ArrayList<>(config().adaptive().builtInSignals(storage.get().riskHistory()));
            appSignals.forEach(signals::add);
            a = new RiskAssessor(signals);
            assessor = a;
        }
        return a;
    }

    /** The session's state for {@code user}, or a fresh one (not stored) when there is none for this user. */
    MfaState state(HttpServletRequest request, String user) {
        return MfaSession.of(request).state(clock().instant());
    }

    /**
     * Records a verified factor: rotates the session id (OWASP session management: a new privilege level
     * gets a new id), stores the verification time and fires {@link MfaEvent.FactorVerified}.
     */
    void recordVerified(HttpServletRequest request, String user, String factorId) {
        Instant now = clock().instant();
        MfaState state = state(request, user).withVerified(factorId, now);
        MfaSession session = MfaSession.of(request);
        session.state(state);
        session.rotateId();
        events.fire(new MfaEvent.FactorVerified(new EventHeader(user, now, clientAddress(request), userAgent(request)),
                factorId));
        recordLogin(request, user);
    }

    /**
     * Keeps the session's "trust this device" grant true to the device record: a grant held in the session is
     * checked against its record on every request (a device revoked on the settings page, by an administrator
     * or by a password change stops counting on the next request of a live session), and a cookie is accepted
     * when it is valid for {@code user}. An invalid cookie (forged, another user's, expired, revoked) is
     * cleared from the browser.
     */
    void acceptTrustCookie(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                           String user) {
        if (!config().trust().enabled()) {
            return;
        }
        MfaState state = state(request, user);
        Instant now = clock().instant();
        MfaSession session = MfaSession.of(request);
        if (state.trust() != null) {
            if (state.trust().isValidAt(now) && storage.get().trust().isActive(user, state.trust().deviceId())) {
                return;
            }
            // The login policy is asked again: it may have been cleared by this grant.
            session.state(new MfaState(user, state.primaryAuthAt(), state.verifiedAt(), null, false));
            TrustCookie.clear(request, response);
            return;
        }
        String value = TrustCookie.read(request);
        if (value == null) {
            return;
        }
        DeviceTrust verdict = storage.get().trust().check(value, user);
        if (verdict instanceof DeviceTrust.Trusted t) {
            session.state(state.withTrust(new TrustedDeviceGrant(t.device().deviceId(), t.expiresAt())));
            session.rotateId(); // the session's level rose: a new session id, as after a verification
        } else {
            TrustCookie.clear(request, response);
        }
    }

    /** Trusts this browser for {@code user} after a verified factor: cookie, device record, session grant. */
    void trustDevice(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response, String user) {
        TrustedDevices.Issued issued = storage.get().trust().issue(user, request.getHeader("User-Agent"));
        TrustCookie.write(request, response, issued.cookieValue(), issued.maxAge());
        MfaState state = state(request, user);
        MfaSession.of(request).state(state.withTrust(
                new TrustedDeviceGrant(issued.device().deviceId(), issued.device().expiresAt())));
        events.fire(new MfaEvent.DeviceTrusted(new EventHeader(user, clock().instant(), clientAddress(request),
                userAgent(request)), issued.device().deviceId(), issued.device().expiresAt()));
    }

    /** An account was just locked by this failure: one log line for the operator (no code, no secret). */
    void recordLockout(HttpServletRequest request, String user, String factorId,
                       dev.stepwise.mfa.core.AttemptState state) {
        LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: account {0} locked until {1} after {2} failed "
                + "attempts (last with {3})", user, state.lockedUntil(), state.failures(), factorId);
        events.fire(new MfaEvent.LockedOut(new EventHeader(user, clock().instant(), clientAddress(request),
                userAgent(request)), factorId, state.failures(), state.lockedUntil()));
    }

    /** Fires {@link MfaEvent.FactorFailed}. */
    void recordFailed(HttpServletRequest request, String user, String factorId) {
        events.fire(new MfaEvent.FactorFailed(new EventHeader(user, clock().instant(), clientAddress(request),
                userAgent(request)), factorId, "rejected"));
    }

    /**
     * The client's address: the peer, or the {@code X-Forwarded-For} client when the peer is one of the
     * configured {@code stepwise.mfa.trusted-proxies} (otherwise the header is ignored: anyone can send it).
     */
    public String clientAddress(HttpServletRequest request) {
        return clientInet(request).map(dev.stepwise.mfa.core.net.IpLiteral::format)
                .orElse(request.getRemoteAddr() == null ? "" : request.getRemoteAddr());
    }

    private Optional<java.net.InetAddress> clientInet(HttpServletRequest request) {
        List<String> forwarded = java.util.Collections.list(request.getHeaders("X-Forwarded-For"));
        return config().requests().trustedProxies().resolve(request.getRemoteAddr(), forwarded);
    }

    /** The browser as audit events name it ("Firefox on Linux"): fixed words, never the raw header. */
    public static String userAgent(HttpServletRequest request) {
        return dev.stepwise.mfa.event.UserAgentSummary.of(request.getHeader("User-Agent"));
    }

    /** Fires an audit event to the application's observers. */
    public void fire(MfaEvent event) {
        events.fire(event);
    }

    /** The context-relative path of a request: servlet path plus path info. */
    static String pathOf(HttpServletRequest request) {
        if (request.getDispatcherType() == jakarta.servlet.DispatcherType.INCLUDE
                && request.getAttribute(jakarta.servlet.RequestDispatcher.INCLUDE_SERVLET_PATH) instanceof String sp) {
            // An include keeps the request's own paths; the included target is named by these attributes.
            Object info = request.getAttribute(jakarta.servlet.RequestDispatcher.INCLUDE_PATH_INFO);
            return info instanceof String i ? sp + i : sp;
        }
        String info = request.getPathInfo();
        return info == null ? request.getServletPath() : request.getServletPath() + info;
    }

    /** The context-relative request URI as the client sent it (URL-encoded). */
    static String rawPath(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** Whether the client is a script or API client rather than a browser navigating. */
    static boolean isApiClient(HttpServletRequest request) {
        if (request.getHeader("X-Requested-With") != null) {
            return true;
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }

    /**
     * The answer to a request that {@code decision} does not let through. For a challenge it also stores the
     * pending challenge in the session and, for browsers, the request to resume after it.
     */
    public MfaAnswer answer(Decision decision, HttpServletRequest request) {
        String base = request.getContextPath() + config().pages().path();
        boolean api = isApiClient(request);
        if (decision instanceof ChallengeRequired) {
            // Whoever refused (a filter, an interceptor, the application's own MfaRequiredException): a request
            // from another site is never saved to be replayed after the victim's challenge.
            Decision crossSite = refuseCrossSite(request);
            if (crossSite != null) {
                return crossSite(api);
            }
        }
        if (decision instanceof ChallengeRequired c) {
            String user = request.getUserPrincipal().getName();
            // A browser request is replayed after the challenge; a script's page is returned to instead, so it
            // can send its request again (the script got a 401 and knows what it was doing).
            SavedRequest saved = api ? RequestCapture.refererOf(request) : RequestCapture.save(request);
            if (api && c.requirement().kind() == Requirement.Kind.STEP_UP && c.requirement().maxAge().isZero()) {
                saved = null; // a confirmation per request needs the request itself, which a script keeps
            }
            Instant now = clock().instant();
            MfaSession session = MfaSession.of(request);
            if (session.pending(now) == null || !isFromAnotherSite(request)) {
                // A navigation from another site (a link, an <img>) may not replace what the user is confirming.
                session.pending(PendingChallenge.issue(c.factors(), c.requirement(), saved, now,
                        now.plus(config().requests().challengeExpiry())));
            }
            events.fire(new MfaEvent.ChallengeIssued(new EventHeader(user, clock().instant(), clientAddress(request),
                    userAgent(request)), c.factors(), c.requirement().reason(), pathOf(request)));
            if (!api) {
                return seeOther(base + "/challenge");
            }
            StringBuilder header = new StringBuilder(
                    "Bearer error=\"insufficient_user_authentication\", "
                            + "error_description=\"A second factor is required\"");
            JsonObjectBuilder json = Json.createObjectBuilder()
                    .add("error", "insufficient_user_authentication")
                    .add("why", c.why().name().toLowerCase(Locale.ROOT))
                    .add("factors", array(c.factors()))
                    .add("challenge", base + "/challenge");
            if (c.maxAge() != null) {
                header.append(", max_age=").append(c.maxAge().toSeconds());
                json.add("max_age", c.maxAge().toSeconds());
            }
            return new MfaAnswer(401, null, header.toString(), "application/json", json.build().toString());
        }
        if (decision instanceof EnrollmentRequired e) {
            if (!api) {
                return seeOther(base + "/enroll");
            }
            return new MfaAnswer(403, null, null, "application/json", Json.createObjectBuilder()
                    .add("error", "mfa_enrollment_required")
                    .add("factors", array(e.factors()))
                    .add("enroll", base + "/enroll").build().toString());
        }
        if (decision instanceof Denied d) {
            if (d.why() == Denied.Why.NO_ACCEPTABLE_FACTOR) {
                LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: {0} requires factors none of which is "
                        + "offered; access denied. Check the annotation and stepwise.mfa.factors.", pathOf(request));
            }
            if (d.why() == Denied.Why.CROSS_SITE) {
                return crossSite(api);
            }
            return denied(api, d.why().name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("not a refusal: " + decision);
    }

    /** The fail-closed answer when the library could not decide (e.g. its store is unreachable). */
    static MfaAnswer unavailable(HttpServletRequest request) {
        if (isApiClient(request)) {
            return new MfaAnswer(503, null, null, "application/json",
                    "{\"error\":\"mfa_unavailable\"}");
        }
        return new MfaAnswer(503, null, null, "text/html;charset=UTF-8", page("Temporarily unavailable",
                "We cannot confirm your sign-in right now. Please try again in a few minutes."));
    }

    private static MfaAnswer crossSite(boolean api) {
        if (api) {
            return new MfaAnswer(403, null, null, "application/problem+json", Json.createObjectBuilder()
                    .add("type", "about:blank").add("title", "Cross-site request refused").add("status", 403)
                    .add("error", "cross_site_request")
                    .add("detail", "This request came from another site; it was not run and not saved.")
                    .build().toString());
        }
        return new MfaAnswer(403, null, null, "text/html;charset=UTF-8", page("Request refused",
                "This request came from another site, so it was not run. If you meant to do this, go to the page "
                        + "yourself and try again there."));
    }

    private static MfaAnswer denied(boolean api, String why) {
        if (api) {
            return new MfaAnswer(403, null, null, "application/json",
                    Json.createObjectBuilder().add("error", "mfa_denied").add("why", why).build().toString());
        }
        return new MfaAnswer(403, null, null, "text/html;charset=UTF-8",
                page("Access denied", "This page needs a second factor that cannot be used right now."));
    }

    private static String page(String title, String text) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><h1>"
                + title + "</h1><p>" + text + "</p></body></html>";
    }

    private static MfaAnswer seeOther(String location) {
        return new MfaAnswer(303, location, null, null, null);
    }

    private static JsonArrayBuilder array(List<String> values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }
}
