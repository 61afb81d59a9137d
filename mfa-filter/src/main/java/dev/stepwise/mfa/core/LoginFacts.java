package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.exemption.MfaExemption;
import dev.stepwise.mfa.core.risk.RiskAssessment;

/**
 * What the adapter knows about a sign-in beyond the session state, for
 * {@link MfaPolicy#decideLogin(LoginPolicy, LoginFacts, Caller, MfaState, EnrolledFactors)}.
 *
 * <pre>{@code
 * LoginFacts facts = LoginFacts.NONE
 *         .withRisk(assessor.assess(context))                                  // adaptive only
 *         .withAlwaysAsk(preferences.of(user).alwaysAskAtLogin())
 *         .withExemption(exemptions.find(user).orElse(null));
 * Decision d = policy.decideLogin(config.policy().login(), facts, caller, state, enrolled);
 * }</pre>
 *
 * @param risk      the sign-in's assessed risk, or {@code null} when it was not assessed; under
 *                  {@link LoginPolicy.Adaptive} a missing assessment counts as risky (fail closed: the policy then
 *                  behaves like {@code enrolled})
 * @param alwaysAsk the user chose "always ask for a second factor when I sign in"
 * @param exemption the user's MFA exemption, or {@code null}; it may have ended (the policy checks)
 */
public record LoginFacts(RiskAssessment risk, boolean alwaysAsk, MfaExemption exemption) {

    /** Nothing known: not assessed, no preference, no exemption. */
    public static final LoginFacts NONE = new LoginFacts(null, false, null);

    /**
     * These facts with the assessed risk.
     *
     * @param newRisk the risk to set
     * @return these facts with the assessed risk
     */
    public LoginFacts withRisk(RiskAssessment newRisk) {
        return new LoginFacts(newRisk, alwaysAsk, exemption);
    }

    /**
     * These facts with the user's "always ask" preference.
     *
     * @param newAlwaysAsk the always ask to set
     * @return these facts with the user's "always ask" preference
     */
    public LoginFacts withAlwaysAsk(boolean newAlwaysAsk) {
        return new LoginFacts(risk, newAlwaysAsk, exemption);
    }

    /** These facts as the {@link LoginRules} ask them (no enrolled factors: those are passed on their own). */
    UserFacts asUserFacts() {
        return new UserFacts() {
            @Override
            public java.util.Set<String> enrolled() {
                return java.util.Set.of();
            }

            @Override
            public java.util.Optional<MfaExemption> exemption() {
                return java.util.Optional.ofNullable(exemption);
            }

            @Override
            public boolean alwaysAsk() {
                return alwaysAsk;
            }

            @Override
            public RiskAssessment risk() {
                return risk;
            }
        };
    }

    /**
     * These facts with the user's exemption ({@code null}: none).
     *
     * @param newExemption the exemption to set
     * @return these facts with the user's exemption ({@code null}: none)
     */
    public LoginFacts withExemption(MfaExemption newExemption) {
        return new LoginFacts(risk, alwaysAsk, newExemption);
    }
}
