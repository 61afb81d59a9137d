package dev.stepwise.mfa.factor.totp;

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

    /** The credential of {@code user}, pending or active. */
    Optional<TotpCredential> find(String user);

    /** Creates or replaces the credential of {@link TotpCredential#user()}. */
    void save(TotpCredential credential);

    /** Removes the credential of {@code user}; nothing happens if there is none. */
    void delete(String user);

    /**
     * The replay guard, RFC 6238 §5.2 ("the verifier MUST NOT accept the second attempt of the OTP after the
     * successful validation has been issued for the first OTP"): sets the last accepted step of {@code user} to
     * {@code step} if and only if {@code step} is greater than the stored one, as <em>one atomic
     * check-and-set</em> — in SQL {@code UPDATE … SET last_step = ? WHERE user_id = ? AND last_step < ?}
     * with an update count of 1.
     *
     * @return {@code true} only if this call moved the step forward; {@code false} if the step was already
     *         used (or a later one), or there is no credential
     */
    boolean advanceLastStep(String user, long step);
}
