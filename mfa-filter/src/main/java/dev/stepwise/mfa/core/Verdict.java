package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.exemption.MfaExemption;
import dev.stepwise.mfa.core.risk.RiskAssessment;

import java.util.Objects;

/**
 * The {@link Gatekeeper}'s decision for one request plus what the adapter must record because of it. Nothing is
 * recorded by the core: each effect is named here.
 *
 * @param decision        what the request gets: the login policy and every endpoint requirement combined
 * @param clearLogin      the login policy was decided for this request, granted it for a reason other than a
 *                        verified factor or an exemption ({@code NOT_APPLICABLE}, {@code TRUSTED_DEVICE}) and the
 *                        session was not cleared yet: store {@link MfaState#withLoginCleared()} so later requests
 *                        skip the login policy (and, under adaptive, remember this sign-in). Set whatever the
 *                        endpoint decided (an adapter without a session has nowhere to store it and asks again
 *                        next time). Never set after a verified factor (the verification itself keeps the session
 *                        through) or under an exemption (the policy must ask again when it ends).
 * @param exemptionUsed   the exemption that waived the login policy ({@code Granted(EXEMPT)} of the login decision,
 *                        whatever the endpoint decided), or {@code null}: the adapter audits it once per session
 *                        and gives the session a new id (its level rose without a factor)
 * @param riskAssessed    the sign-in risk the login policy used ({@link LoginPolicy.Adaptive}, login not cleared,
 *                        nothing verified yet), or {@code null}: the adapter audits it once per session
 * @param loginChallenged whether the login policy itself asked for a factor (the {@code challenged} of the risk
 *                        audit: a challenge of the endpoint alone was not asked because of the risk)
 */
public record Verdict(Decision decision, boolean clearLogin, MfaExemption exemptionUsed, RiskAssessment riskAssessed,
                      boolean loginChallenged) {

    /**
     * Checks the components.
     * @param decision what the request gets: the login policy and every endpoint requirement combined
     * @param clearLogin the login policy was decided for this request, granted it for a reason other than a verified factor or an exemption ({@code NOT_APPLICABLE}, {@code TRUSTED_DEVICE}) and the session was not cleared yet: store {@link MfaState#withLoginCleared()} so later requests skip the login policy (and, under adaptive, remember this sign-in). Set whatever the endpoint decided (an adapter without a session has nowhere to store it and asks again next time). Never set after a verified factor (the verification itself keeps the session through) or under an exemption (the policy must ask again when it ends).
     * @param exemptionUsed the exemption that waived the login policy ({@code Granted(EXEMPT)} of the login decision, whatever the endpoint decided), or {@code null}: the adapter audits it once per session and gives the session a new id (its level rose without a factor)
     * @param riskAssessed the sign-in risk the login policy used ({@link LoginPolicy.Adaptive}, login not cleared, nothing verified yet), or {@code null}: the adapter audits it once per session
     * @param loginChallenged whether the login policy itself asked for a factor (the {@code challenged} of the risk audit: a challenge of the endpoint alone was not asked because of the risk)
     */
    public Verdict {
        Objects.requireNonNull(decision, "decision");
    }

    /**
     * A verdict whose login challenge is read from {@code decision}.
     *
     * @param decision what the request gets: the login policy and every endpoint requirement combined
     * @param clearLogin the login policy was decided for this request, granted it for a reason other than a verified factor or an exemption ({@code NOT_APPLICABLE}, {@code TRUSTED_DEVICE}) and the session was not cleared yet: store {@link MfaState#withLoginCleared()} so later requests skip the login policy (and, under adaptive, remember this sign-in). Set whatever the endpoint decided (an adapter without a session has nowhere to store it and asks again next time). Never set after a verified factor (the verification itself keeps the session through) or under an exemption (the policy must ask again when it ends).
     * @param exemptionUsed the exemption that waived the login policy ({@code Granted(EXEMPT)} of the login decision, whatever the endpoint decided), or {@code null}: the adapter audits it once per session and gives the session a new id (its level rose without a factor)
     * @param riskAssessed the sign-in risk the login policy used ({@link LoginPolicy.Adaptive}, login not cleared, nothing verified yet), or {@code null}: the adapter audits it once per session
     */
    public Verdict(Decision decision, boolean clearLogin, MfaExemption exemptionUsed, RiskAssessment riskAssessed) {
        this(decision, clearLogin, exemptionUsed, riskAssessed, decision instanceof ChallengeRequired);
    }

    /**
     * Only a decision: nothing to record.
     *
     * @param decision what the request gets: the login policy and every endpoint requirement combined
     * @return the verdict
     */
    public static Verdict of(Decision decision) {
        return new Verdict(decision, false, null, null, false);
    }

    /** {@return whether the request may go on} */
    public boolean isGranted() {
        return decision.isGranted();
    }
}
