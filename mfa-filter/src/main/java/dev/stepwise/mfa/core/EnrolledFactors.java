package dev.stepwise.mfa.core;

import dev.stepwise.mfa.Factors;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which factors a user has enrolled, and which of them are on hold. The policy asks only when the session's own
 * state does not already decide, so a granted request never reaches the store: a verification carries the hold
 * read when it was recorded ({@link MfaState#holdAtVerification()}). Only a verification recorded without it (a
 * session state kept before holds were) makes a step-up about to be granted ask for the holds.
 */
@FunctionalInterface
public interface EnrolledFactors {

    /**
     * Ids of the factors {@code user} has enrolled.
     *
     * @param user the user name (the container's caller principal name)
     * @return the string values
     */
    Set<String> of(String user);

    /**
     * Factor ids of {@code user} enrolled under an administrator's exemption, with the end of their hold
     * ({@code dev.stepwise.mfa.core.exemption.EnrolmentHold}; ended holds may be included, the policy compares
     * with its clock). A held factor is not offered for a step-up, and its verification does not satisfy one
     * while the hold kept with that verification lasts. None by default.
     *
     * @param user the user name (the container's caller principal name)
     * @return the map of held until
     */
    default Map<String, Instant> heldUntil(String user) {
        return Map.of();
    }

    /**
     * The factors of {@code raw} that count, in the order given ({@link EnrolmentRules#counting}, which is the
     * public name of this rule): SMS only beside another factor other than security questions (recovery codes
     * included), security questions only where {@link QuestionRules#counts} says so.
     *
     * @param raw a user's enrolled factor ids
     * @return a new, mutable set of those that count
     */
    static Set<String> counting(Set<String> raw) {
        Set<String> result = new LinkedHashSet<>(raw);
        boolean otherThanSms = result.stream().anyMatch(id -> id != null && !id.isBlank()
                && !id.equals(Factors.SMS) && !id.equals(Factors.QUESTIONS));
        if (!otherThanSms) {
            result.remove(Factors.SMS);
        }
        if (!QuestionRules.counts(result)) {
            result.remove(Factors.QUESTIONS);
        }
        return result;
    }
}
