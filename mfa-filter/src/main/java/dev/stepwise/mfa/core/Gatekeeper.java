package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.Denied;
import dev.stepwise.mfa.core.Decision.EnrollmentRequired;
import dev.stepwise.mfa.core.Decision.Granted;
import dev.stepwise.mfa.core.exemption.MfaExemption;
import dev.stepwise.mfa.core.risk.RiskAssessment;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one place that decides access for a request: the login policy, every requirement of the endpoint, the
 * user's "always ask", an administrator's exemption, "SMS never alone", enrolment holds, the per-request
 * confirmation of a zero-{@code maxAge} step-up, and the account lockout. The servlet filter, the CDI interceptor
 * and the library's pages ask it with plain values; it asks {@link UserFacts} only for what a rule needs.
 */
public final class Gatekeeper {

    private final MfaPolicy policy;
    private final LoginPolicy login;
    private final Duration confirmationWindow;

    /**
     * @param policy             requirements and freshness (its clock is the gatekeeper's)
     * @param login              the login policy ({@code stepwise.mfa.login})
     * @param confirmationWindow how long a challenge stays open: a confirmed zero-{@code maxAge} step-up is
     *                           judged with this {@code maxAge}
     */
    public Gatekeeper(MfaPolicy policy, LoginPolicy login, Duration confirmationWindow) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.login = Objects.requireNonNull(login, "login");
        this.confirmationWindow = Objects.requireNonNull(confirmationWindow, "confirmationWindow");
    }

    public MfaPolicy policy() {
        return policy;
    }

    public LoginPolicy login() {
        return login;
    }

    /**
     * Decides one request: the login policy (when {@link AccessRequest#judgeLogin()}) and every endpoint
     * requirement, combined by {@link MfaPolicy#forRequest}; a challenge while the account is locked becomes
     * {@code Denied(LOCKED_OUT, until)}.
     */
    public Verdict decide(AccessRequest request, UserFacts facts) {
        Objects.requireNonNull(request, "request");
        UserFacts memo = MemoFacts.of(facts);
        LoginOutcome login = request.judgeLogin()
                ? decideLogin(request.caller(), request.state(), memo) : LoginOutcome.NONE;
        Decision endpoint = request.endpoint().isEmpty() ? null : decideEndpoint(request, memo);
        Decision d = lockout(MfaPolicy.forRequest(login.decision(), endpoint), memo);
        return new Verdict(d, login.clear(), login.exemption(), login.risk(),
                login.decision() instanceof ChallengeRequired);
    }

    /**
     * Decides one requirement (application code, the library's pages): like {@link MfaPolicy#decide}, then an
     * active exemption may waive a role-less session-MFA requirement. A zero-{@code maxAge} step-up gets no
     * confirmation here (use {@link #decide(AccessRequest, UserFacts)}).
     */
    public Decision decide(Requirement requirement, Caller caller, MfaState state, UserFacts facts) {
        UserFacts memo = MemoFacts.of(facts);
        return lockout(exemptionAware(requirement, caller, state, memo), memo);
    }

    /**
     * Decides the step-up that guards adding a factor: an administrator's active exemption waives it (see
     * {@link MfaPolicy#decideEnrolment}).
     */
    public Decision decideEnrolment(Requirement stepUp, Caller caller, MfaState state, UserFacts facts) {
        UserFacts memo = MemoFacts.of(facts);
        Decision d = policy.decideEnrolment(stepUp, caller, state, enrolled(memo), activeExemption(memo));
        return lockout(d, memo);
    }

    private record LoginOutcome(Decision decision, boolean clear, MfaExemption exemption, RiskAssessment risk) {
        static final LoginOutcome NONE = new LoginOutcome(new Granted(Granted.Why.NOT_APPLICABLE), false, null, null);
    }

    private LoginOutcome decideLogin(Caller caller, MfaState state, UserFacts facts) {
        if (state.loginCleared()) {
            return LoginOutcome.NONE;
        }
        LoginFacts lf = state.anyVerified() ? LoginFacts.NONE : loginFacts(facts);
        Decision d = policy.decideLogin(login, lf, caller, state, enrolled(facts));
        boolean exempt = d instanceof Granted g && g.why() == Granted.Why.EXEMPT;
        boolean clear = d instanceof Granted g && g.why() != Granted.Why.EXEMPT
                && g.why() != Granted.Why.FACTOR_VERIFIED;
        return new LoginOutcome(d, clear, exempt ? lf.exemption() : null, lf.risk());
    }

    private LoginFacts loginFacts(UserFacts facts) {
        LoginFacts lf = LoginFacts.NONE.withAlwaysAsk(facts.alwaysAsk()).withExemption(activeExemption(facts));
        return login instanceof LoginPolicy.Adaptive ? lf.withRisk(facts.risk()) : lf;
    }

    private Decision decideEndpoint(AccessRequest request, UserFacts facts) {
        boolean[] confirmation = {request.confirmedReplay()};
        return request.endpoint().decide(each -> {
            if (each.kind() != Requirement.Kind.STEP_UP || !each.maxAge().isZero()) {
                return exemptionAware(each, request.caller(), request.state(), facts);
            }
            if (confirmation[0]) {
                confirmation[0] = false; // used once per request
                Requirement window = new Requirement(each.kind(), each.factors(), each.roles(), confirmationWindow,
                        each.reason(), each.trustedDeviceSatisfies());
                return exemptionAware(window, request.caller(), request.state(), facts);
            }
            MfaState proven = request.state();
            MfaState none = new MfaState(proven.user(), proven.primaryAuthAt(), Map.of(), null, proven.loginCleared());
            return policy.decide(each, request.caller(), none, enrolled(facts));
        });
    }

    private Decision exemptionAware(Requirement requirement, Caller caller, MfaState state, UserFacts facts) {
        Decision d = policy.decide(requirement, caller, state, enrolled(facts));
        if (d instanceof ChallengeRequired || d instanceof EnrollmentRequired) {
            MfaExemption exemption = activeExemption(facts);
            if (exemption != null) {
                d = policy.decide(requirement, caller, state, enrolled(facts), exemption);
            }
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

    private MfaExemption activeExemption(UserFacts facts) {
        Instant now = policy.clock().instant();
        return facts.exemption().filter(e -> e.isActiveAt(now)).orElse(null);
    }

    /** The facts as the policy asks for them: enrolled factors that count, holds. */
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
