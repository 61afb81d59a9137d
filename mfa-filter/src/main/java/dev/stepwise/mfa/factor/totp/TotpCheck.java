package dev.stepwise.mfa.factor.totp;

import java.util.Objects;

/**
 * What {@link TotpVerifier} found. Only {@link Outcome#ACCEPTED} proves anything; the other outcomes exist for
 * the operator's log and for tests and are all shown to the user as the same "wrong code" message.
 *
 * <pre>{@code
 * TotpCheck check = verifier.verify("alice", "123 456");
 * if (check.isAccepted()) { … }
 * }</pre>
 *
 * @param outcome what happened
 * @param step    the time step of the accepted code, {@link TotpCredential#NO_STEP} otherwise
 */
public record TotpCheck(Outcome outcome, long step) {

    /** What happened to a submitted code. */
    public enum Outcome {
        /** The code was right for a step not used before; that step is now used up. */
        ACCEPTED,
        /** Not a code at all: missing, wrong length, or not ASCII digits. Nothing was computed. */
        MALFORMED,
        /** The user has no credential of the kind asked for (none, or not yet / already active). */
        NO_CREDENTIAL,
        /** Well-formed, but matches no step in the window. */
        WRONG_CODE,
        /** Right code, but for a step at or before the last accepted one (RFC 6238 §5.2), or a concurrent
         *  verification of the same code won the race. */
        REPLAYED
    }

    /**
     * Checks the components.
     * @param outcome what happened
     * @param step the time step of the accepted code, {@link TotpCredential#NO_STEP} otherwise
     */
    public TotpCheck {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.ACCEPTED) != (step != TotpCredential.NO_STEP)) {
            throw new IllegalArgumentException("only an accepted check carries a step");
        }
    }

    static TotpCheck accepted(long step) {
        return new TotpCheck(Outcome.ACCEPTED, step);
    }

    static TotpCheck refused(Outcome outcome) {
        return new TotpCheck(outcome, TotpCredential.NO_STEP);
    }

    /** {@return whether the code proved the factor} */
    public boolean isAccepted() {
        return outcome == Outcome.ACCEPTED;
    }
}
