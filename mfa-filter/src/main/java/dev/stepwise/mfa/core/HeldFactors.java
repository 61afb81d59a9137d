package dev.stepwise.mfa.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The factors on hold for one decision of {@link RequirementRules} (enrolled under an exemption, see
 * {@link EnrolledFactors#heldUntil}): asked of the store at most once, only for a step-up, and only when a factor's
 * standing depends on it.
 */
final class HeldFactors {

    private final boolean applies;
    private final EnrolledFactors enrolled;
    private final String user;
    private final Instant now;
    private Map<String, Instant> until;

    /**
     * @param applies whether holds matter for this requirement (a step-up); otherwise nothing is held
     */
    HeldFactors(boolean applies, EnrolledFactors enrolled, String user, Instant now) {
        this.applies = applies;
        this.enrolled = enrolled;
        this.user = user;
        this.now = now;
    }

    /** Whether {@code factorId} is on hold now (the hold ends exclusively at its end). */
    boolean contains(String factorId) {
        if (!applies) {
            return false;
        }
        if (until == null) {
            until = Objects.requireNonNull(enrolled.heldUntil(user), "heldUntil");
        }
        Instant end = until.get(factorId);
        return end != null && now.isBefore(end);
    }
}
