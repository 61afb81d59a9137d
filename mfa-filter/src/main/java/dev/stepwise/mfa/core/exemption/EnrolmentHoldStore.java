package dev.stepwise.mfa.core.exemption;

import java.time.Instant;
import java.util.List;

/**
 * Where holds on factors enrolled under an exemption are kept ({@link EnrolmentHold}): at most one per user and
 * factor (enrolling the factor again under an exemption replaces it). Implementations are thread-safe.
 *
 * <pre>{@code
 * EnrolmentHoldStore holds = jdbcStore.enrolmentHolds();
 * holds.find("alice");                       // what MfaPolicy needs to judge a step-up
 * }</pre>
 *
 * <p>{@link #find} may return holds that have ended; the policy checks {@link EnrolmentHold#isActiveAt} with its
 * own clock, so an ended row never holds anything even before {@link #deleteEndedBefore} removes it.
 */
public interface EnrolmentHoldStore {

    /**
     * Stores {@code hold}, replacing a hold on the same user's same factor.
     *
     * @param hold the hold
     */
    void save(EnrolmentHold hold);

    /**
     * The holds on {@code user}'s factors (possibly ended), by factor id.
     *
     * @param user the user name (the container's caller principal name)
     * @return the holds on {@code user}'s factors (possibly ended), by factor id
     */
    List<EnrolmentHold> find(String user);

    /**
     * Deletes holds that ended at or before {@code cutoff}.
     *
     * @param cutoff the cutoff
     * @return how many were deleted
     */
    int deleteEndedBefore(Instant cutoff);
}
