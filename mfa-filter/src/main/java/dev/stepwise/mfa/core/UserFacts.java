package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.exemption.MfaExemption;
import dev.stepwise.mfa.core.risk.RiskAssessment;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the {@link Gatekeeper} may need to know about the caller beyond the session. Asked lazily, only when a rule
 * needs it (a request the session already satisfies does not reach the store); the adapter memoises the answers
 * per request.
 */
public interface UserFacts {

    /** Ids of the offered factors the user has enrolled, raw: SMS included even when alone (the core applies
     *
     * @return the string values
     *  "SMS never alone", {@link EnrolmentRules#counting}). */
    Set<String> enrolled();

    /**
     * Factor ids enrolled under an exemption, with the end of their hold (ended holds may be included).
     *
     * @return the map of held until
     */
    default Map<String, Instant> heldUntil() {
        return Map.of();
    }

    /** {@return the user's exemption, if any; it may have ended (the gatekeeper checks with its clock)} */
    default Optional<MfaExemption> exemption() {
        return Optional.empty();
    }

    /** {@return the user's own "always ask for a second factor when I sign in" preference} */
    default boolean alwaysAsk() {
        return false;
    }

    /** {@return this sign-in's assessed risk, for {@link LoginPolicy.Adaptive} only; {@code null}: not assessed} */
    default RiskAssessment risk() {
        return null;
    }

    /** {@return when the account's lockout after failed attempts ends, if it is locked} */
    default Optional<Instant> lockedUntil() {
        return Optional.empty();
    }
}
