package dev.stepwise.mfa.core.location;

import java.time.Duration;
import java.util.Objects;

/**
 * What the location rules say about a request.
 *
 * <pre>{@code
 * LocationVerdict.ALLOW.outcome();                    // ALLOW
 * new LocationVerdict(Outcome.STEP_UP, Reason.NETWORK, Duration.ofMinutes(5));
 * }</pre>
 *
 * @param outcome what to do with the request
 * @param reason  why it is asked or refused ({@code null} when allowed)
 * @param maxAge  for {@link Outcome#STEP_UP}: how old a factor of this session may be to count
 *                ({@code null} otherwise)
 */
public record LocationVerdict(Outcome outcome, Reason reason, Duration maxAge) {

    /** The verdict of a request every matching rule allows (or no rule matches). */
    public static final LocationVerdict ALLOW = new LocationVerdict(Outcome.ALLOW, null, null);

    /** What to do with the request. */
    public enum Outcome {
        /** Let it through. */
        ALLOW,
        /** Ask a fresh factor first (the challenge flow); a trusted-device cookie does not count. */
        STEP_UP,
        /** Refuse it (403). */
        DENY
    }

    /** Why a rule did not allow the request: what the rule's list held. */
    public enum Reason {
        /** The rule names networks only. */
        NETWORK,
        /** The rule names countries only. */
        COUNTRY,
        /** The rule names both networks and countries. */
        LOCATION
    }

    /**
     * Checks the components.
     * @param outcome what to do with the request
     * @param reason why it is asked or refused ({@code null} when allowed)
     * @param maxAge for a step-up, how old a factor may be
     */
    public LocationVerdict {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.ALLOW) != (reason == null)) {
            throw new IllegalArgumentException("a reason exactly when not allowed");
        }
        if ((outcome == Outcome.STEP_UP) != (maxAge != null)) {
            throw new IllegalArgumentException("a max age exactly for a step-up");
        }
    }
}
