package dev.stepwise.mfa.core;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Which factors a user has enrolled, and which of them are on hold. The policy asks only when the session's own
 * state does not already decide, so a granted request never reaches the store (except that a step-up about to be
 * granted asks for the holds).
 */
@FunctionalInterface
public interface EnrolledFactors {

    /** Ids of the factors {@code user} has enrolled. */
    Set<String> of(String user);

    /**
     * Factor ids of {@code user} enrolled under an administrator's exemption, with the end of their hold
     * ({@code dev.stepwise.mfa.core.exemption.EnrolmentHold}; ended holds may be included, the policy compares
     * with its clock). A held factor does not satisfy a step-up. None by default.
     */
    default Map<String, Instant> heldUntil(String user) {
        return Map.of();
    }
}
