package dev.stepwise.mfa.web;

import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.core.AnnotatedRequirements;
import dev.stepwise.mfa.core.AttemptState;
import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.core.MfaPolicy;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.risk.RiskAssessment;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.http.AnswerRenderer;
import dev.stepwise.mfa.http.PageLocale;
import dev.stepwise.mfa.http.EnforcementPoint;
import dev.stepwise.mfa.http.MfaAnswer;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.http.RequestFacts;
import dev.stepwise.mfa.runtime.MfaRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the library's own pages ask of the library, in one place: the configured {@link MfaRuntime}, decisions
 * through the {@link EnforcementPoint}, and the session records of a proof ({@link
 * dev.stepwise.mfa.http.SessionRecords}). It decides nothing itself.
 */
@ApplicationScoped
public class MfaEnforcement {

    private final MfaRuntime runtime;
    private volatile EnforcementPoint point;

    /**
     * Creates the MFA enforcement from its parts.
     *
     * @param runtime the runtime
     */
    @Inject
    public MfaEnforcement(MfaRuntime runtime) {
        this.runtime = runtime;
    }

    /** For CDI's proxy only. */
    protected MfaEnforcement() {
        this(null);
    }

    private EnforcementPoint point() {
        EnforcementPoint p = point;
        if (p == null) {
            p = new EnforcementPoint(runtime);
            point = p;
        }
        return p;
    }

    private RequestFacts facts(HttpServletRequest request) {
        return RequestFacts.of(request, config());
    }

    /** {@return the configuration} */
    public MfaConfig config() {
        return runtime.config();
    }

    /**
     * The library's clock (the system UTC clock unless a {@link dev.stepwise.mfa.runtime.StepwiseClock} bean is provided).
     *
     * @return the library's clock (the system UTC clock unless a {@link dev.stepwise.mfa.runtime.StepwiseClock} bean is provided)
     */
    public Clock clock() {
        return runtime.clock();
    }

    /** {@return the annotated requirements} */
    public AnnotatedRequirements annotations() {
        return runtime.annotations();
    }

    /** {@return the decision rules (for checks such as whether a user may remove a factor)} */
    public MfaPolicy policy() {
        return runtime.policy();
    }

    /** {@return the offered factors, in page order} */
    public List<String> offered() {
        return runtime.offered();
    }

    /**
     * An offered factor by id.
     *
     * @param id the id
     * @return an offered factor by id
     */
    public Optional<Factor> factor(String id) {
        return runtime.factor(id);
    }

    /**
     * The offered factors {@code user} has enrolled that count (SMS never alone), in page order.
     *
     * @param user the user name (the container's caller principal name)
     * @return the offered factors {@code user} has enrolled that count (SMS never alone), in page order
     */
    public Set<String> enrolled(String user) {
        return runtime.enrolled(user);
    }

    /**
     * Decides {@code requirement} for the request's caller; no caller → denied (fail closed).
     *
     * @param request the HTTP request
     * @param requirement the requirement to satisfy
     * @return the decision
     */
    public Decision decide(HttpServletRequest request, Requirement requirement) {
        return point().decideRequirement(request, facts(request), requirement, false);
    }

    /**
     * Decides the step-up that guards adding a factor: like {@link #decide}, but an administrator's active
     * exemption waives it, so a user who lost every factor can enrol a new one.
     *
     * @param request the HTTP request
     * @param requirement the requirement to satisfy
     * @return the decision
     */
    public Decision decideEnrolment(HttpServletRequest request, Requirement requirement) {
        return point().decideRequirement(request, facts(request), requirement, true);
    }

    /**
     * The answer to a request that {@code decision} does not let through, after the refusal's steps.
     *
     * @param decision the decision
     * @param request the HTTP request
     * @return the answer to a request that {@code decision} does not let through, after the refusal's steps
     */
    public MfaAnswer answer(Decision decision, HttpServletRequest request) {
        return point().answer(decision, request, facts(request));
    }

    /** The fail-closed answer when the library could not decide (e.g. its store is unreachable). */
    static MfaAnswer unavailable(HttpServletRequest request) {
        boolean api = RequestFacts.isApiClient(request);
        return AnswerRenderer.unavailable(api, api ? Locale.ROOT : PageLocale.of(request));
    }

    /** Records a verified factor: new session id, verification time, {@link MfaEvent.FactorVerified}. */
    void recordVerified(HttpServletRequest request, String user, String factorId) {
        recordVerified(request, user, factorId, null);
    }

    /** As {@link #recordVerified(HttpServletRequest, String, String)}, with the holds the check read (or {@code null}). */
    void recordVerified(HttpServletRequest request, String user, String factorId, Map<String, Instant> heldUntil) {
        point().records().recordVerified(request, facts(request), user, factorId, heldUntil);
    }

    /** Trusts this browser for {@code user} after a verified factor: cookie, device record, session grant. */
    void trustDevice(HttpServletRequest request, HttpServletResponse response, String user) {
        point().records().trustDevice(request, response, facts(request), user);
    }

    /** An account was just locked by this failure: log line and {@link MfaEvent.LockedOut}. */
    void recordLockout(HttpServletRequest request, String user, String factorId, AttemptState state) {
        point().records().recordLockout(facts(request), user, factorId, state);
    }

    /** Fires {@link MfaEvent.FactorFailed}. */
    void recordFailed(HttpServletRequest request, String user, String factorId) {
        point().records().recordFailed(facts(request), user, factorId);
    }

    /**
     * The origin the request was made to ({@link RequestFacts#origin()}): {@code https} behind a TLS proxy.
     *
     * @param request the HTTP request
     * @return the origin the request was made to ({@link RequestFacts#origin()}): {@code https} behind a TLS proxy
     */
    public String origin(HttpServletRequest request) {
        boolean secure = RequestFacts.arrivedSecure(request, config().requests().trustedProxies());
        return RequestFacts.originOf(request, secure);
    }

    /**
     * The client's address ({@link RequestFacts#clientAddress()}).
     *
     * @param request the HTTP request
     * @return the client's address ({@link RequestFacts#clientAddress()})
     */
    public String clientAddress(HttpServletRequest request) {
        return facts(request).clientAddress();
    }

    /**
     * The browser as audit events name it ("Firefox on Linux"): fixed words, never the raw header.
     *
     * @param request the HTTP request
     * @return the browser as audit events name it ("Firefox on Linux"): fixed words, never the raw header
     */
    public static String userAgent(HttpServletRequest request) {
        return dev.stepwise.mfa.event.UserAgentSummary.of(request.getHeader("User-Agent"));
    }

    /**
     * Fires an audit event to the application's observers.
     *
     * @param event the event
     */
    public void fire(MfaEvent event) {
        runtime.fire(event);
    }

    /** A user's factors, exemption or preferences may have changed ({@link MfaRuntime#factsChanged()}). */
    public void factsChanged() {
        runtime.factsChanged();
    }

    /** The reasons of this session's risk assessment, for the challenge page's texts. */
    static List<dev.stepwise.mfa.core.risk.RiskReason> riskOf(HttpServletRequest request) {
        RiskAssessment risk = MfaSession.of(request).risk();
        return risk == null ? List.of() : risk.reasons();
    }

    /** The reasons of this session's risk assessment, as message keys for the challenge page. */
    static List<String> riskReasons(HttpServletRequest request) {
        RiskAssessment risk = MfaSession.of(request).risk();
        return risk == null ? List.of() : risk.messageKeys();
    }
}
