package dev.stepwise.mfa.core;

import dev.stepwise.mfa.Factors;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The rules of the settings pages, as plain functions of the user's enrolled factors ({@link UserFacts#enrolled()},
 * raw):
 * <ul>
 *   <li>SMS never counts alone (docs/security-model.md): with no other factor it is not a way to pass MFA;</li>
 *   <li>security questions never count alone either ({@link QuestionRules#counts}): beside SMS alone or recovery
 *       codes they do not count, and they are no company for SMS;</li>
 *   <li>the first factor needs no step-up (there is nothing to prove yet); every later change does: adding,
 *       removing, regenerating recovery codes, turning "always ask" off (weakening);</li>
 *   <li>recovery codes back up another (non-recovery) factor: on their own they would be a password on paper;</li>
 *   <li>a removal never goes below the login policy or the user's role ({@link #mayRemove},
 *       {@link #mayDisableOwnMfa}) and never leaves SMS alone.</li>
 * </ul>
 */
public final class EnrolmentRules {

    private final MfaPolicy policy;
    private final LoginPolicy login;

    /**
     * Creates the enrolment rules from its parts.
     *
     * @param policy the policy
     * @param login the login policy ({@code stepwise.mfa.login})
     */
    public EnrolmentRules(MfaPolicy policy, LoginPolicy login) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.login = Objects.requireNonNull(login, "login");
    }

    /**
     * The enrolled factors that count, in the order given: {@code raw} without SMS when SMS is the only factor
     * (recovery codes count as another factor: they let a user without their phone back in).
     *
     * @param raw the raw text, as given
     * @return the enrolled factors that count, in the order given: {@code raw} without SMS when SMS is the only factor (recovery codes count as another factor: they let a user without their phone back in)
     */
    public static Set<String> counting(Set<String> raw) {
        return EnrolledFactors.counting(raw);
    }

    /**
     * Whether a user with these factors may add SMS: only beside another factor (recovery codes included).
     *
     * @param raw the raw text, as given
     * @return whether a user with these factors may add SMS: only beside another factor (recovery codes included)
     */
    public static boolean mayAddSms(Set<String> raw) {
        return hasOtherThanSms(raw);
    }

    /**
     * Whether adding a factor needs a step-up: not for the first one (nothing to prove yet).
     *
     * @param raw the raw text, as given
     * @return whether adding a factor needs a step-up: not for the first one (nothing to prove yet)
     */
    public boolean addNeedsStepUp(Set<String> raw) {
        return changeNeedsStepUp(raw);
    }

    /**
     * Whether a change of the user's MFA (removing a factor, regenerating recovery codes, turning "always ask"
     * off, revoking trusted devices) needs a step-up: yes once the user has a factor that counts.
     *
     * @param raw the raw text, as given
     * @return whether a change of the user's MFA (removing a factor, regenerating recovery codes, turning "always ask" off, revoking trusted devices) needs a step-up: yes once the user has a factor that counts
     */
    public boolean changeNeedsStepUp(Set<String> raw) {
        return !counting(raw).isEmpty();
    }

    /**
     * Whether changing "always ask" from {@code before} to {@code after} needs a step-up: turning it off does.
     *
     * @param before the before
     * @param after the after
     * @param raw the raw text, as given
     * @return whether changing "always ask" from {@code before} to {@code after} needs a step-up: turning it off does
     */
    public boolean preferenceNeedsStepUp(boolean before, boolean after, Set<String> raw) {
        return before && !after && changeNeedsStepUp(raw);
    }

    /**
     * Whether security questions may be set up or replaced: only beside another factor that counts and is not
     * recovery codes. Questions never count alone ({@link QuestionRules#counts}), so a user without such a factor
     * would need no step-up to write them: whoever has the password alone would choose the answers.
     *
     * @param raw the user's enrolled factors, as they are
     * @return whether a factor other than questions and recovery codes counts
     */
    public boolean mayHaveQuestions(Set<String> raw) {
        Set<String> others = counting(raw);
        others.remove(Factors.RECOVERY);
        others.remove(Factors.QUESTIONS);
        return !others.isEmpty();
    }

    /**
     * Whether recovery codes may be (re)generated: only beside another factor that counts.
     *
     * @param raw the raw text, as given
     * @return whether recovery codes may be (re)generated: only beside another factor that counts
     */
    public boolean mayHaveRecoveryCodes(Set<String> raw) {
        Set<String> others = counting(raw);
        others.remove(Factors.RECOVERY);
        return !others.isEmpty();
    }

    /**
     * Whether {@code caller} may remove {@code factorId}: never below the login policy or their role, and never
     * leaving SMS alone.
     *
     * @param caller the authenticated caller
     * @param factorId the factor's id (e.g. {@code totp})
     * @param raw the raw text, as given
     * @return whether {@code caller} may remove {@code factorId}: never below the login policy or their role, and never leaving SMS alone
     */
    public boolean mayRemove(Caller caller, String factorId, Set<String> raw) {
        Objects.requireNonNull(factorId, "factorId");
        return leavesSmsWithCompany(factorId, raw) && keepsEnough(caller, factorId, counting(raw));
    }

    /**
     * Whether removing {@code factorId} keeps what the login policy and the caller's roles require. Removing a
     * factor while another offered one (not counting recovery codes, a backup rather than a way to sign in day to
     * day) remains is always allowed; removing the last one is switching MFA off ({@link #mayDisableOwnMfa}). What
     * remains is judged by {@link #counting} after the removal: security questions left alone (or beside recovery
     * codes or SMS) count as no factor.
     *
     * @param caller   the authenticated caller
     * @param factorId the factor's id (e.g. {@code totp})
     * @param enrolled the caller's enrolled factor ids
     * @return whether what remains is enough
     */
    boolean keepsEnough(Caller caller, String factorId, Set<String> enrolled) {
        Objects.requireNonNull(factorId, "factorId");
        Set<String> left = new HashSet<>(enrolled);
        left.remove(factorId);
        Set<String> remaining = counting(left); // what counts once it is gone (questions alone: no)
        remaining.remove(Factors.RECOVERY);
        remaining.retainAll(policy.offered());
        return !remaining.isEmpty() || mayDisableOwnMfa(caller);
    }

    /**
     * Whether {@code caller} may switch their own MFA off (remove their last factor): never below what policy or
     * role requires. No for a caller in a mandatory role (configured or {@code roles:}) and under {@code all};
     * yes under {@code off}, {@code enrolled} and {@code adaptive}. The fresh factor this also needs is the
     * adapter's step-up.
     *
     * @param caller the authenticated caller
     * @return whether {@code caller} may switch their own MFA off
     */
    public boolean mayDisableOwnMfa(Caller caller) {
        Objects.requireNonNull(caller, "caller");
        return !(login instanceof LoginPolicy.All) && !policy.loginRules(login).isMandatory(caller);
    }

    /**
     * Whether removing {@code factorId} leaves SMS with another factor (or removes SMS, or there is no SMS).
     *
     * @param factorId the factor's id (e.g. {@code totp})
     * @param raw the raw text, as given
     * @return whether removing {@code factorId} leaves SMS with another factor (or removes SMS, or there is no SMS)
     */
    public static boolean leavesSmsWithCompany(String factorId, Set<String> raw) {
        Objects.requireNonNull(factorId, "factorId");
        if (factorId.equals(Factors.SMS) || !raw.contains(Factors.SMS)) {
            return true;
        }
        return raw.stream().anyMatch(id -> !id.equals(Factors.SMS) && !id.equals(Factors.QUESTIONS)
                && !id.equals(factorId));
    }

    private static boolean hasOtherThanSms(Set<String> factors) {
        return factors.stream().anyMatch(id -> id != null && !id.isBlank() && !id.equals(Factors.SMS)
                && !id.equals(Factors.QUESTIONS));
    }
}
