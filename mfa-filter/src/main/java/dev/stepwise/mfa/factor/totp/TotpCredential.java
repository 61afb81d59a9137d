package dev.stepwise.mfa.factor.totp;

import java.util.Objects;

/**
 * One user's authenticator-app enrolment as the store keeps it.
 *
 * <pre>{@code
 * TotpCredential pending = TotpCredential.pending("alice", TotpSecret.generate());
 * store.save(pending);                        // shown as a QR code; not yet usable to sign in
 * store.activatePending(pending, step);       // after the user typed a valid code
 * }</pre>
 *
 * @param user     the user id (the principal name)
 * @param secret   the shared key
 * @param active   {@code false} while enrolment waits for its first valid code; only an active credential
 *                 signs in
 * @param lastStep the last time step whose code was accepted, {@link #NO_STEP} if none yet
 *                 (RFC 6238 §5.2: a code is accepted once, so only later steps may follow)
 */
public record TotpCredential(String user, TotpSecret secret, boolean active, long lastStep) {

    /** {@link #lastStep()} of a credential that has not accepted any code yet. */
    public static final long NO_STEP = -1L;

    /**
     * Checks the components.
     * @param user the user id (the principal name)
     * @param secret the shared key
     * @param active {@code false} while enrolment waits for its first valid code; only an active credential signs in
     * @param lastStep the last time step whose code was accepted, {@link #NO_STEP} if none yet (RFC 6238 §5.2: a code is accepted once, so only later steps may follow)
     */
    public TotpCredential {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(secret, "secret");
        if (lastStep < NO_STEP) {
            throw new IllegalArgumentException("lastStep must be ≥ " + NO_STEP + ", was " + lastStep);
        }
    }

    /**
     * A new enrolment that is not yet confirmed.
     *
     * @param user the user id (the principal name)
     * @param secret the shared key
     * @return a new enrolment that is not yet confirmed
     */
    public static TotpCredential pending(String user, TotpSecret secret) {
        return new TotpCredential(user, secret, false, NO_STEP);
    }

    /**
     * This credential confirmed, with the step of the code that confirmed it already used up.
     *
     * @param acceptedStep the accepted step
     * @return this credential confirmed, with the step of the code that confirmed it already used up
     */
    public TotpCredential activated(long acceptedStep) {
        return new TotpCredential(user, secret, true, Math.max(lastStep, acceptedStep));
    }

    /**
     * This credential with another last accepted step.
     *
     * @param step the step
     * @return this credential with another last accepted step
     */
    public TotpCredential withLastStep(long step) {
        return new TotpCredential(user, secret, active, step);
    }
}
