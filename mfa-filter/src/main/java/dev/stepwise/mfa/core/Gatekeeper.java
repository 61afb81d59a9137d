package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.Denied;
import dev.stepwise.mfa.core.Decision.Granted;
import dev.stepwise.mfa.core.exemption.MfaExemption;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one place that decides access for a request, from values and the policy's {@link java.time.Clock}:
 * <ol>
 *   <li>the login policy ({@link LoginRules}: policy, mandatory roles, the user's "always ask", an exemption), for a
 *       REQUEST or ASYNC dispatch whose session is not cleared yet;</li>
 *   <li>every requirement of the endpoint ({@link Requirements}: all must hold; the first that is not granted
 *       answers), each decided by {@link MfaPolicy} (roles, acceptable factors, freshness, trusted devices,
 *       enrolment holds) and then, when it would ask something, once more with the user's exemption
 *       ({@link MfaPolicy#exemptionWaives}: session MFA only, never a step-up, never a mandatory role);</li>
 *   <li>a step-up with {@code maxAge} zero asks a confirmation per request: only the confirmed replay of the
 *       request its challenge showed is judged on what the session proved, with {@code maxAge} = the
 *       confirmation window; any other request is decided as if the session had verified nothing;</li>
 *   <li>the two combined by {@link MfaPolicy#forRequest};</li>
 *   <li>a challenge the user could not answer now, the account being locked after failed attempts, becomes
 *       {@code Denied(LOCKED_OUT, until)}.</li>
 * </ol>
 * Enrolled factors always go through {@link EnrolmentRules#counting} (SMS never counts alone).
 *
 * <p>{@link UserFacts} are asked lazily and at most once per decision: a session that is cleared (or has verified
 * a factor) and satisfies the endpoint costs no look-up; the exemption is asked only when it could waive
 * something, the lockout only when a challenge would be issued.
 */
public final class Gatekeeper {

    /** What a session that verified a factor is judged on beyond its proof: nothing (defaults only). */
    private static final UserFacts PROVEN_ONLY = Set::of;

    private final MfaPolicy policy;
    private final LoginRules loginRules;
    private final LoginPolicy login;
    private final Duration confirmationWindow;

    /**
     * @param policy             requirements and freshness (its clock is the gatekeeper's)
     * @param login              the login policy ({@code stepwise.mfa.login})
     * @param confirmationWindow how long a challenge stays open ({@code stepwise.mfa.challenge-expiry}): a
     *                           confirmed zero-{@code maxAge} step-up is judged with this {@code maxAge}
     */
    public Gatekeeper(MfaPolicy policy, LoginPolicy login, Duration confirmationWindow) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.login = Objects.requireNonNull(login, "login");
        this.loginRules = policy.loginRules(login);
        this.confirmationWindow = Objects.requireNonNull(confirmationWindow, "confirmationWindow");
        if (confirmationWindow.isNegative()) {
            throw new IllegalArgumentException("confirmationWindow must not be negative: " + confirmationWindow);
        }
    }

    /** {@return the MFA policy} */
    public MfaPolicy policy() {
        return policy;
    }

    /** {@return the login policy} */
    public LoginPolicy login() {
        return login;
    }

    /** {@return the settings pages' rules under this gatekeeper's policy and login policy} */
    public EnrolmentRules enrolmentRules() {
        return new EnrolmentRules(policy, login);
    }

    /**
     * Decides one request: the login policy (when {@link AccessRequest#judgeLogin()}) and every endpoint
     * requirement, and says what the adapter must record ({@link Verdict}).
     *
     * @param request the HTTP request
     * @param facts what the store knows about the user
     * @return the verdict
     * @throws IllegalArgumentException if the state or the exemption belongs to another user
     */
    public Verdict decide(AccessRequest request, UserFacts facts) {
        Objects.requireNonNull(request, "request");
        RequirementRules.requireOwnState(request.caller(), request.state());
        UserFacts memo = MemoFacts.of(facts);
        LoginRules.Outcome login = request.judgeLogin() ? decideLogin(request.caller(), request.state(), memo) : null;
        Decision endpoint = request.endpoint().isEmpty() ? null : decideEndpoint(request, memo);
        Decision loginDecision = login == null ? new Granted(Granted.Why.NOT_APPLICABLE) : login.decision();
        Decision d = lockout(MfaPolicy.forRequest(loginDecision, endpoint), memo);
        if (login == null) {
            return Verdict.of(d);
        }
        boolean clear = !request.state().loginCleared() && loginDecision instanceof Granted g
                && g.why() != Granted.Why.EXEMPT && g.why() != Granted.Why.FACTOR_VERIFIED;
        return new Verdict(d, clear, login.exemption(), login.risk(), loginDecision instanceof ChallengeRequired);
    }

    /**
     * Decides one requirement (application code, the library's pages): {@link MfaPolicy#decide} and the
     * exemption's second decision, then the lockout. A zero-{@code maxAge} step-up is judged as it is (no
     * confirmation here: use {@link #decide(AccessRequest, UserFacts)} for an endpoint).
     *
     * @param requirement the requirement to satisfy
     * @param caller the authenticated caller
     * @param state the user's MFA state in the session
     * @param facts what the store knows about the user
     * @return the decision
     */
    public Decision decide(Requirement requirement, Caller caller, MfaState state, UserFacts facts) {
        UserFacts memo = MemoFacts.of(facts);
        return lockout(exemptionAware(requirement, caller, state, memo), memo);
    }

    /**
     * Decides the step-up that guards adding a factor: an administrator's active exemption waives it
     * ({@link MfaPolicy#exemptionWaivesEnrolment}), then the lockout.
     *
     * @param stepUp the step up
     * @param caller the authenticated caller
     * @param state the user's MFA state in the session
     * @param facts what the store knows about the user
     * @return the decision
     */
    public Decision decideEnrolment(Requirement stepUp, Caller caller, MfaState state, UserFacts facts) {
        UserFacts memo = MemoFacts.of(facts);
        Decision d = policy.decide(stepUp, caller, state, enrolled(memo));
        if (policy.exemptionWaivesEnrolment(d, caller) && activeExemption(caller, memo) != null) {
            return new Granted(Granted.Why.EXEMPT);
        }
        return lockout(d, memo);
    }

    /**
     * The login policy; a session that verified a factor that may satisfy the login is judged on that alone (its
     * facts were asked then). Answered security questions alone do not count ({@link QuestionRules#anyForLogin}):
     * the user's "always ask" still asks.
     */
    private LoginRules.Outcome decideLogin(Caller caller, MfaState state, UserFacts facts) {
        UserFacts asked = QuestionRules.anyForLogin(state.verifiedAt().keySet()) ? PROVEN_ONLY : facts;
        return loginRules.decide(caller, state, asked, enrolled(facts));
    }

    private Decision decideEndpoint(AccessRequest request, UserFacts facts) {
        boolean[] confirmation = {request.confirmedReplay()};
        return request.endpoint().decide(each -> {
            if (each.kind() != Requirement.Kind.STEP_UP || !each.maxAge().isZero()) {
                return exemptionAware(each, request.caller(), request.state(), facts);
            }
            if (confirmation[0]) {
                confirmation[0] = false; // used once per request
                return exemptionAware(withMaxAge(each, confirmationWindow), request.caller(), request.state(), facts);
            }
            MfaState proven = request.state();
            MfaState none = new MfaState(proven.user(), proven.primaryAuthAt(), Map.of(), null, proven.loginCleared());
            return policy.decide(each, request.caller(), none, enrolled(facts));
        });
    }

    private static Requirement withMaxAge(Requirement r, Duration maxAge) {
        return new Requirement(r.kind(), r.factors(), r.roles(), maxAge, r.reason(), r.trustedDeviceSatisfies());
    }

    /** The requirement's decision; when it would ask something an exemption may waive, the exemption is asked. */
    private Decision exemptionAware(Requirement requirement, Caller caller, MfaState state, UserFacts facts) {
        Decision d = policy.decide(requirement, caller, state, enrolled(facts));
        if (policy.exemptionWaives(requirement, d, caller) && activeExemption(caller, facts) != null) {
            return new Granted(Granted.Why.EXEMPT);
        }
        return d;
    }

    private Decision lockout(Decision d, UserFacts facts) {
        if (!(d instanceof ChallengeRequired)) {
            return d;
        }
        Instant now = policy.clock().instant();
        return facts.lockedUntil().filter(until -> until.isAfter(now))
                .<Decision>map(until -> new Denied(Denied.Why.LOCKED_OUT, until)).orElse(d);
    }

    private MfaExemption activeExemption(Caller caller, UserFacts facts) {
        MfaExemption exemption = facts.exemption().orElse(null);
        RequirementRules.requireOwnExemption(caller, exemption);
        return RequirementRules.isActive(exemption, policy.clock().instant()) ? exemption : null;
    }

    /** The facts as the policy asks for them: the enrolled factors that count, and the holds. */
    private static EnrolledFactors enrolled(UserFacts facts) {
        return new EnrolledFactors() {
            @Override
            public Set<String> of(String user) {
                return EnrolmentRules.counting(facts.enrolled());
            }

            @Override
            public Map<String, Instant> heldUntil(String user) {
                return facts.heldUntil();
            }
        };
    }
}
