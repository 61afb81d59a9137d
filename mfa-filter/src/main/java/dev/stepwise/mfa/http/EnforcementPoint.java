package dev.stepwise.mfa.http;

import dev.stepwise.mfa.core.AccessRequest;
import dev.stepwise.mfa.core.Caller;
import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.core.Decision.Denied;
import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.Requirements;
import dev.stepwise.mfa.core.UserFacts;
import dev.stepwise.mfa.core.Verdict;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.runtime.MfaRuntime;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Instant;

/**
 * Where a request meets the {@link dev.stepwise.mfa.core.Gatekeeper}: one decision per request. It reads the
 * session's {@link MfaState} once, keeps the trust grant true to its record, asks the gatekeeper once, and then
 * records what the verdict names (login cleared, exemption used, risk assessed) as explicit steps. Shared by the
 * servlet filter and the CDI interceptor.
 *
 * <pre>{@code
 * RequestFacts facts = RequestFacts.of(request, runtime.config());
 * Decision d = point.decide(request, response, facts, endpoint);
 * if (!d.isGranted()) point.answer(d, request, facts).writeTo(response);
 * }</pre>
 */
public final class EnforcementPoint {

    /** Reads the session's state of the request's principal (a seam: a test counts the reads). */
    @FunctionalInterface
    public interface StateReader {
        /**
         * Reads the user's MFA state for this request.
         *
         * @param request the HTTP request
         * @param now the current instant
         * @return the MFA state
         */
        MfaState read(HttpServletRequest request, Instant now);
    }

    /** Decides one request (a seam: a test counts the decisions); the gatekeeper's. */
    @FunctionalInterface
    public interface Decider {
        /**
         * Decides the request.
         *
         * @param request the HTTP request
         * @param facts what the store knows about the user
         * @return the verdict
         */
        Verdict decide(AccessRequest request, UserFacts facts);
    }

    private final MfaRuntime runtime;
    private final StateReader states;
    private final Decider decider;
    private final SessionRecords records;
    private final Refusals refusals;

    /**
     * Creates the enforcement point from its parts.
     *
     * @param runtime the runtime
     */
    public EnforcementPoint(MfaRuntime runtime) {
        this(runtime, (request, now) -> MfaSession.of(request).state(now),
                (access, facts) -> runtime.gatekeeper().decide(access, facts));
    }

    /**
     * Creates the enforcement point from its parts.
     *
     * @param runtime the runtime
     * @param states the states
     * @param decider the decider
     */
    public EnforcementPoint(MfaRuntime runtime, StateReader states, Decider decider) {
        this.runtime = runtime;
        this.states = states;
        this.decider = decider;
        this.records = new SessionRecords(runtime);
        this.refusals = new Refusals(runtime);
    }

    /**
     * The decision for one dispatch of a request with a principal, to an endpoint asking {@code endpoint}
     * (none: only the login policy, on a request or async dispatch). An unsafe request from another site to a
     * protected endpoint is refused before anything is decided or saved.
     *
     * @param request the HTTP request
     * @param response the HTTP response
     * @param facts what the library read from the request
     * @param endpoint the endpoint
     * @return the decision for one dispatch of a request with a principal, to an endpoint asking {@code endpoint} (none: only the login policy, on a request or async dispatch)
     */
    public Decision decide(HttpServletRequest request, HttpServletResponse response, RequestFacts facts,
                           Requirements endpoint) {
        if (!endpoint.isEmpty() && facts.isCrossSite()) {
            return refusals.refuseCrossSite(facts);
        }
        MfaState state = states.read(request, runtime.clock().instant());
        if (facts.judgesLogin()) {
            state = records.keepTrustTrue(request, response, facts, state);
        }
        StoreUserFacts userFacts = new StoreUserFacts(runtime, request, response, facts, facts.principal(), true);
        AccessRequest access = new AccessRequest(facts.caller(), state, facts.judgesLogin(), endpoint,
                confirmed(request, endpoint));
        Verdict verdict = decider.decide(access, userFacts);
        record(verdict, request, facts, state, userFacts);
        if (endpoint.isEmpty() && !verdict.isGranted()) {
            // An unprotected request stopped by the login policy would be saved and replayed after the
            // challenge: a request from another site must not be.
            Decision crossSite = refusals.refuseCrossSite(facts);
            return crossSite != null ? crossSite : verdict.decision();
        }
        return verdict.decision();
    }

    /**
     * The decision for one call of a protected bean method or resource ({@code @RequiresMfa}/{@code @StepUp} on
     * CDI beans): from another site, refused; no caller, denied; else the gatekeeper's for that requirement.
     * {@code facts} may be those the filter read for this dispatch ({@link RequestMarks#gatheredFor}); the
     * session's state and the user's facts are read here, afresh.
     *
     * @param request the HTTP request
     * @param facts what the library read from the request
     * @param requirement the requirement to satisfy
     * @return the decision for one call of a protected bean method or resource ({@code @RequiresMfa}/{@code @StepUp} on CDI beans): from another site, refused; no caller, denied; else the gatekeeper's for that requirement
     */
    public Decision decideCall(HttpServletRequest request, RequestFacts facts, Requirement requirement) {
        Decision crossSite = refusals.refuseCrossSite(facts);
        if (crossSite != null) {
            return crossSite;
        }
        if (facts.principal() == null) {
            return new Denied(Denied.Why.NO_CALLER);
        }
        Requirements endpoint = Requirements.of(requirement);
        MfaState state = states.read(request, runtime.clock().instant());
        // the roles as this request answers them now, whoever read the facts
        Caller caller = Caller.of(facts.principal(), request::isUserInRole);
        AccessRequest access = new AccessRequest(caller, state, false, endpoint, confirmed(request, endpoint));
        return decider.decide(access, new StoreUserFacts(runtime, request, null, facts, facts.principal(), true))
                .decision();
    }

    /**
     * Decides one requirement for the library's own pages, like the gatekeeper's
     * {@link dev.stepwise.mfa.core.Gatekeeper#decide(Requirement, dev.stepwise.mfa.core.Caller, MfaState,
     * UserFacts) decide}; {@code enrolment}: the step-up that guards adding a factor, which an active exemption
     * waives. No caller: denied (fail closed).
     *
     * @param request the HTTP request
     * @param facts what the library read from the request
     * @param requirement the requirement to satisfy
     * @param enrolment the enrolment
     * @return the decision
     */
    public Decision decideRequirement(HttpServletRequest request, RequestFacts facts, Requirement requirement,
                                      boolean enrolment) {
        if (facts.principal() == null) {
            return new Denied(Denied.Why.NO_CALLER);
        }
        MfaState state = states.read(request, runtime.clock().instant());
        UserFacts userFacts = new StoreUserFacts(runtime, request, null, facts, facts.principal(), false);
        return enrolment
                ? runtime.gatekeeper().decideEnrolment(requirement, facts.caller(), state, userFacts)
                : runtime.gatekeeper().decide(requirement, facts.caller(), state, userFacts);
    }

    /**
     * Keeps the trust grant of a request for the library's own pages true to its record (they decide alone).
     *
     * @param request the HTTP request
     * @param response the HTTP response
     * @param facts what the library read from the request
     */
    public void keepTrustTrue(HttpServletRequest request, HttpServletResponse response, RequestFacts facts) {
        records.keepTrustTrue(request, response, facts, states.read(request, runtime.clock().instant()));
    }

    /**
     * Refuses an unsafe request from another site ({@link Refusals#refuseCrossSite}); {@code null}: it may go on.
     *
     * @param facts what the library read from the request
     * @return the decision
     */
    public Decision refuseCrossSite(RequestFacts facts) {
        return refusals.refuseCrossSite(facts);
    }

    /**
     * The steps of a refusal ({@link Refusals}), then its answer.
     *
     * @param decision the decision
     * @param request the HTTP request
     * @param facts what the library read from the request
     * @return the steps of a refusal ({@link Refusals}), then its answer
     */
    public MfaAnswer answer(Decision decision, HttpServletRequest request, RequestFacts facts) {
        return refusals.answer(decision, request, facts);
    }

    /** {@return the session records this point writes with (for the library's pages)} */
    public SessionRecords records() {
        return records;
    }

    /**
     * Whether this is the replay a zero-{@code maxAge} challenge confirmed; the mark is taken only by an endpoint
     * that asks such a confirmation (a forward to another one needs its own).
     */
    private static boolean confirmed(HttpServletRequest request, Requirements endpoint) {
        boolean asksConfirmation = endpoint.all().stream()
                .anyMatch(r -> r.kind() == Requirement.Kind.STEP_UP && r.maxAge().isZero());
        return asksConfirmation && RequestMarks.takeConfirmed(request);
    }

    /** What the verdict names, recorded: login cleared (and remembered), exemption used, risk assessed. */
    private void record(Verdict verdict, HttpServletRequest request, RequestFacts facts, MfaState state,
                        StoreUserFacts userFacts) {
        MfaSession session = MfaSession.of(request);
        Instant now = runtime.clock().instant();
        if (userFacts.assessedNow() != null) {
            session.risk(userFacts.assessedNow()); // kept for the session and the challenge page
        }
        if (verdict.clearLogin() && request.getSession(false) != null
                && session.replace(state, state.withLoginCleared())) {
            records.recordLogin(facts, state.user());
        }
        if (verdict.exemptionUsed() != null && session.firstTime(SessionSlots.Flag.EXEMPTION_AUDITED)) {
            // Not cleared: when the exemption ends, the login policy asks again. The session's level rose
            // without a factor: a new session id, as after a verification.
            session.rotateId();
            runtime.fire(new MfaEvent.ExemptionUsed(facts.eventHeader(state.user(), now),
                    verdict.exemptionUsed().grantedBy(), verdict.exemptionUsed().until(), facts.path()));
        }
        if (verdict.riskAssessed() != null && request.getSession(false) != null
                && session.firstTime(SessionSlots.Flag.RISK_AUDITED)) {
            runtime.fire(MfaEvent.RiskAssessed.of(facts.eventHeader(state.user(), now),
                    verdict.riskAssessed(), verdict.loginChallenged()));
        }
    }
}
