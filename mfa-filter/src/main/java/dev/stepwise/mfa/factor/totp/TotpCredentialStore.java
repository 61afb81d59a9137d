package dev.stepwise.mfa.factor.totp;

import dev.stepwise.mfa.core.FailureCount;
import dev.stepwise.mfa.core.FailureCounter;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where TOTP enrolments live. One credential per user, pending or active. Implementations must be thread-safe;
 * a clustered deployment needs a shared one (the JDBC store), because the replay guard only holds if every
 * node sees the same {@code lastStep}.
 *
 * <pre>{@code
 * TotpCredentialStore store = new InMemoryTotpCredentialStore();   // tests and single-node demos
 * }</pre>
 *
 * <p>Implementations keep the secret confidential at rest (the JDBC store encrypts it) and never log it.
 */
public interface TotpCredentialStore {

    /**
     * The credential of {@code user}, pending or active.
     *
     * @param user the user name (the container's caller principal name)
     * @return the credential of {@code user}, pending or active
     */
    Optional<TotpCredential> find(String user);

    /**
     * Creates or replaces the credential of {@link TotpCredential#user()}.
     *
     * @param credential the user's credential (pending or active), read with the count; empty when not counted, when there is none, or when it could not be read
     */
    void save(TotpCredential credential);

    /**
     * Creates or replaces the credential of {@link TotpCredential#user()} only if that user has no <em>active</em>
     * credential, as <em>one atomic check-and-set</em>: of concurrent calls (on any node) at most one makes a
     * credential active, and an active credential is never replaced, whatever is saved. In SQL: insert the row
     * unless present; if present, {@code UPDATE … SET … WHERE user_id = ? AND active = FALSE} with an update
     * count of 1 (a row removed in between is inserted again).
     *
     * @param credential the user's credential (pending or active), read with the count; empty when not counted, when there is none, or when it could not be read
     * @return whether it saved; {@code false} when the user has an active credential
     */
    boolean saveUnlessActive(TotpCredential credential);

    /**
     * Activates the pending credential of {@code pending.user()} only if it still holds {@code pending.secret()},
     * with a last step of at least {@code acceptedStep}, as <em>one atomic check-and-set</em>: a credential
     * replaced (a new enrolment begun), removed or already activated in between is left as it is. In SQL:
     * {@code UPDATE … SET active = TRUE, last_step = GREATEST(last_step, ?) WHERE user_id = ? AND active = FALSE
     * AND secret_box = ?} (the sealed secret as read) with an update count of 1.
     *
     * @param pending the pending
     * @param acceptedStep the accepted step
     * @return whether this call activated it
     */
    boolean activatePending(TotpCredential pending, long acceptedStep);

    /**
     * Removes the credential of {@code user}; nothing happens if there is none.
     *
     * @param user the user name (the container's caller principal name)
     */
    void delete(String user);

    /**
     * The replay guard, RFC 6238 §5.2 ("the verifier MUST NOT accept the second attempt of the OTP after the
     * successful validation has been issued for the first OTP"): sets the last accepted step of {@code user} to
     * {@code step} if and only if {@code step} is greater than the stored one, as <em>one atomic
     * check-and-set</em> — in SQL {@code UPDATE … SET last_step = ? WHERE user_id = ? AND last_step < ?}
     * with an update count of 1.
     *
     * @param user the user name (the container's caller principal name)
     * @param step the step
     * @return {@code true} only if this call moved the step forward; {@code false} if the step was already
     *         used (or a later one), or there is no credential
     */
    boolean advanceLastStep(String user, long step);

    /**
     * What {@link #countAttemptAndFind} did: whether it counted the attempt, and what it read then.
     *
     * @param counted    the account's count was the expected one and this attempt is now counted
     * @param credential the user's credential (pending or active), read with the count; empty when not counted,
     *                   when there is none, or when it could not be read
     * @param heldUntil  the enrolment hold on this factor read in the same snapshot as the credential (factor id →
     *                   end; empty: none), or {@code null} when this store does not read holds (they are then
     *                   read after the check, as for any factor)
     * @param unreadable why a credential read with the count could not be used (a tampered or too weak row), to be
     *                   thrown by the check, which then fails with the attempt counted; {@code null} otherwise
     */
    record CountedAttempt(boolean counted, Optional<TotpCredential> credential, Map<String, Instant> heldUntil,
                          RuntimeException unreadable) {
        /**
         * Checks that a credential (or its absence) is given; copies the holds.
         *
         * @param counted    as the record's component
         * @param credential as the record's component
         * @param heldUntil  as the record's component
         * @param unreadable as the record's component
         */
        public CountedAttempt {
            Objects.requireNonNull(credential, "credential");
            heldUntil = heldUntil == null ? null : Map.copyOf(heldUntil);
        }

        /**
         * An attempt not counted: nothing read.
         *
         * @return the attempt, not counted
         */
        public static CountedAttempt notCounted() {
            return new CountedAttempt(false, Optional.empty(), null, null);
        }
    }

    /**
     * Counts an attempt in {@code counter} (as {@code counter.replace(user, expected, next)}) and, only if it did,
     * reads the credential of {@code user}. A store that shares its database with {@code counter} may do both in
     * one statement, and read the factor's enrolment hold in the same snapshot; this default does them one after
     * the other and reads no hold. An attempt not counted changes nothing and reads nothing.
     *
     * @param counter  where the account's failures are counted
     * @param user     the account
     * @param expected the count the throttle judged ({@code FailureCount.NONE}: no failures)
     * @param next     the count with this attempt
     * @return what was counted and read
     */
    default CountedAttempt countAttemptAndFind(FailureCounter counter, String user, FailureCount expected,
                                               FailureCount next) {
        if (!counter.replace(user, expected, next)) {
            return CountedAttempt.notCounted();
        }
        try {
            return new CountedAttempt(true, find(user), null, null);
        } catch (RuntimeException unreadable) {
            return new CountedAttempt(true, Optional.empty(), null, unreadable);   // counted already: the check fails
        }
    }

    /**
     * {@link #advanceLastStep} and, only if it moved the step forward, the end of the consecutive failures of
     * {@code user} in {@code counter} ({@link FailureCounter#reset}). A store that shares its database with
     * {@code counter} may do both in one statement. Not for confirming an enrolment, where earlier failures stay.
     *
     * @param counter the counter
     * @param user the user name (the container's caller principal name)
     * @param step the step
     * @return whether this call used the step (and so ended the failures)
     */
    default boolean advanceLastStepEndingFailures(FailureCounter counter, String user, long step) {
        if (!advanceLastStep(user, step)) {
            return false;
        }
        counter.reset(user);
        return true;
    }
}
