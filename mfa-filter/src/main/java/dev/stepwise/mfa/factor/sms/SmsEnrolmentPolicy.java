package dev.stepwise.mfa.factor.sms;

import dev.stepwise.mfa.core.EnrolmentRules;

import java.util.Objects;
import java.util.Set;

/**
 * "SMS is never the only factor a user may have" (docs/security-model.md; NIST SP 800-63B rev4 §3.1.3.3: the phone network
 * is a restricted authenticator, so users must have an alternative; ASVS 5.0 6.6.1). A pure rule for the
 * enrolment and settings flows to call before they change anything.
 *
 * <pre>{@code
 * Set<String> others = enrolled(user);                       // e.g. {"totp", "recovery"}
 * if (!SmsEnrolmentPolicy.mayEnrol(others)) {
 *     show("Set up an authenticator app or recovery codes first.");
 * }
 * if (!SmsEnrolmentPolicy.mayRemove("totp", enrolled(user))) {
 *     show("Remove SMS first, or set up another method.");
 * }
 * }</pre>
 *
 * <p>Recovery codes count as another factor: they let a user without their phone back in without SMS.
 *
 * <p>The rule lives in the core ({@link EnrolmentRules#counting}, {@link EnrolmentRules#mayAddSms},
 * {@link EnrolmentRules#mayRemove}); this class only delegates to it.
 */
public final class SmsEnrolmentPolicy {

    private SmsEnrolmentPolicy() {
    }

    /**
     * Whether a user may add SMS, given the factors they already have.
     *
     * @param enrolledFactors ids of the user's factors ({@code "sms"} itself, if present, is ignored)
     * @return {@code true} only if the user has at least one factor besides SMS (recovery codes included)
     */
    public static boolean mayEnrol(Set<String> enrolledFactors) {
        return EnrolmentRules.mayAddSms(Objects.requireNonNull(enrolledFactors, "enrolledFactors"));
    }

    /**
     * Whether a user may remove {@code factorId} without being left with SMS alone.
     *
     * @param factorId        the factor to remove
     * @param enrolledFactors all of the user's factors
     * @return {@code false} if SMS would be the only factor left; removing SMS itself is always allowed
     */
    public static boolean mayRemove(String factorId, Set<String> enrolledFactors) {
        Objects.requireNonNull(enrolledFactors, "enrolledFactors");
        return EnrolmentRules.leavesSmsWithCompany(factorId, enrolledFactors);
    }
}
