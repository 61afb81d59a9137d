package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.Decision.EnrollmentRequired;
import dev.stepwise.mfa.core.Decision.Granted;
import dev.stepwise.mfa.core.exemption.MfaExemption;
import dev.stepwise.mfa.core.risk.RiskAssessment;
import dev.stepwise.mfa.core.risk.RiskLevel;

import java.util.Objects;
import java.util.Set;

/**
 * The login policy ({@code stepwise.mfa.login}): whether a session must pass MFA before any page.
 *
 * <ol>
 *   <li>a session already cleared ({@link MfaState#loginCleared()}) is granted, nothing looked up;</li>
 *   <li>a caller in a mandatory role ({@link MfaPolicy#mandatoryRoles()}, or a {@code roles:} policy's) must pass
 *       MFA, and enrol if they have no factor, whatever the policy;</li>
 *   <li>otherwise the policy: {@code off} asks nothing; {@code enrolled} asks users with a factor; {@code all} asks
 *       everyone (enrol if none); {@link LoginPolicy.Adaptive} asks users with a factor when the sign-in's risk
 *       reaches its threshold (or was not assessed) — users without a factor go through, so adaptive MFA locks
 *       nobody out; at {@link RiskLevel#HIGH} a trusted device does not count (a trust cookie arriving with, say,
 *       failed attempts is the stolen-cookie case);</li>
 *   <li>the user's "always ask" turns a pass other than a verified factor into a challenge when they have a factor,
 *       even on a trusted device (they asked to be asked); without a factor it changes nothing;</li>
 *   <li>an active exemption of a caller in no mandatory role turns a remaining challenge or enrolment into
 *       {@code Granted(EXEMPT)}.</li>
 * </ol>
 *
 * <p>The facts are asked lazily: the preference only when the policy would let the caller through without a
 * verified factor, the exemption only when it would ask something of a caller in no mandatory role, the risk only
 * under {@link LoginPolicy.Adaptive} (of every caller then, so each sign-in's risk is audited).
 */
final class LoginRules {

    /** The login requirement: session MFA, any offered factor, reason {@code login}. */
    static final Requirement SESSION_MFA = Requirement.mfa().withReason("login");

    private final RequirementRules requirements;
    private final Set<String> mandatoryRoles;
    private final LoginPolicy login;

    /**
     * @param mandatoryRoles the configured roles that must always use MFA (those of a {@code roles:} login policy
     *                       are added here)
     */
    LoginRules(RequirementRules requirements, Set<String> mandatoryRoles, LoginPolicy login) {
        this.requirements = Objects.requireNonNull(requirements, "requirements");
        this.mandatoryRoles = Set.copyOf(mandatoryRoles);
        this.login = Objects.requireNonNull(login, "login");
    }

    /** What one decision of the login policy found, and which facts it used. */
    record Outcome(Decision decision, MfaExemption exemption, RiskAssessment risk) {
    }

    /**
     * Decides the login policy for {@code caller}.
     *
     * @param facts    the user's preference, exemption and risk (its {@code enrolled} is not used)
     * @param enrolled the factors the policy counts
     * @throws IllegalArgumentException if the state or the exemption belongs to another user
     */
    Outcome decide(Caller caller, MfaState state, UserFacts facts, EnrolledFactors enrolled) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(facts, "facts");
        // Checked before the shortcuts below: another user's cleared state must never clear this caller.
        RequirementRules.requireOwnState(caller, state);
        if (state.loginCleared()) {
            return new Outcome(new Granted(Granted.Why.NOT_APPLICABLE), null, null);
        }
        RiskAssessment risk = login instanceof LoginPolicy.Adaptive ? facts.risk() : null;
        boolean mandatory = isMandatory(caller);
        Decision d = mandatory
                ? requirements.decide(SESSION_MFA, caller, state, enrolled)
                : byPolicy(risk, caller, state, enrolled);
        if (isPassWithoutFactor(d) && facts.alwaysAsk()) {
            Decision challenge = requirements.decide(SESSION_MFA.trustingDevices(false), caller, state, enrolled);
            if (!(challenge instanceof EnrollmentRequired)) {
                d = challenge;
            }
        }
        if (!mandatory && RequirementRules.isWaivable(d)) {
            MfaExemption exemption = active(caller, facts);
            if (exemption != null) {
                return new Outcome(new Granted(Granted.Why.EXEMPT), exemption, risk);
            }
        }
        return new Outcome(d, null, risk);
    }

    private Decision byPolicy(RiskAssessment risk, Caller caller, MfaState state, EnrolledFactors enrolled) {
        if (login instanceof LoginPolicy.All) {
            return requirements.decide(SESSION_MFA, caller, state, enrolled);
        }
        if (login instanceof LoginPolicy.Enrolled) {
            return unlessEnrolmentNeeded(requirements.decide(SESSION_MFA, caller, state, enrolled));
        }
        if (login instanceof LoginPolicy.Adaptive adaptive) {
            if (risk != null && !risk.requiresMfa(adaptive.require())) {
                return new Granted(Granted.Why.NOT_APPLICABLE);
            }
            boolean high = risk == null || risk.level() == RiskLevel.HIGH;
            Requirement login = SESSION_MFA.trustingDevices(!high);
            return unlessEnrolmentNeeded(requirements.decide(login, caller, state, enrolled));
        }
        if (login instanceof LoginPolicy.Off || login instanceof LoginPolicy.Roles) {
            // under roles:, a caller in one of the roles is mandatory and decided before; everyone else goes through
            return new Granted(Granted.Why.NOT_APPLICABLE);
        }
        // Not a silent "off": a login policy added later must be decided here, not waved through.
        throw new IllegalArgumentException("unsupported login policy: " + login);
    }

    /** Whether {@code caller} must always use MFA: a configured mandatory role or one of a {@code roles:} policy. */
    boolean isMandatory(Caller caller) {
        return caller.isInAnyRole(mandatoryRoles) || caller.isInAnyRole(login.mandatoryRoles());
    }

    /** The caller's exemption when it is active now, else {@code null}. */
    private MfaExemption active(Caller caller, UserFacts facts) {
        MfaExemption exemption = facts.exemption().orElse(null);
        RequirementRules.requireOwnExemption(caller, exemption);
        return exemption != null && exemption.isActiveAt(requirements.clock().instant()) ? exemption : null;
    }

    private static boolean isPassWithoutFactor(Decision d) {
        return d instanceof Granted granted && granted.why() != Granted.Why.FACTOR_VERIFIED;
    }

    private static Decision unlessEnrolmentNeeded(Decision d) {
        return d instanceof EnrollmentRequired ? new Granted(Granted.Why.NOT_APPLICABLE) : d;
    }

}
