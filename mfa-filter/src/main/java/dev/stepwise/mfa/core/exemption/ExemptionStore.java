package dev.stepwise.mfa.core.exemption;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where MFA exemptions are kept: at most one per user (a new one replaces the old). One row per user:
 *
 * <pre>{@code
 * CREATE TABLE stepwise_exemption (
 *     user_name  VARCHAR(255)  PRIMARY KEY,
 *     until_at   TIMESTAMP     NOT NULL,
 *     reason     VARCHAR(500)  NOT NULL,
 *     granted_by VARCHAR(255)  NOT NULL,
 *     created_at TIMESTAMP     NOT NULL);
 * }</pre>
 *
 * <p>{@link #find} may return an exemption that has already ended; the policy checks
 * {@link MfaExemption#isActiveAt} with its own clock, so an expired row never grants anything even before
 * {@link #deleteEndedBefore} removes it. Implementations are thread-safe.
 *
 * <pre>{@code
 * Optional<MfaExemption> e = store.find("alice");        // per request, or cached briefly in the session
 * Decision d = policy.decideLogin(login, LoginFacts.NONE.withExemption(e.orElse(null)), caller, state, enrolled);
 * }</pre>
 */
public interface ExemptionStore {

    /**
     * Stores {@code exemption}, replacing any exemption of the same user.
     *
     * @param exemption the exemption
     */
    void save(MfaExemption exemption);

    /**
     * The exemption of {@code user}, if there is one (possibly ended).
     *
     * @param user the user name (the container's caller principal name)
     * @return the exemption of {@code user}, if there is one (possibly ended)
     */
    Optional<MfaExemption> find(String user);

    /**
     * Ends the exemption of {@code user} now.
     *
     * @param user the user name (the container's caller principal name)
     * @return whether there was one
     */
    boolean revoke(String user);

    /** {@return all stored exemptions, for an administration page, by user name} */
    List<MfaExemption> list();

    /**
     * Deletes exemptions that ended before {@code cutoff}.
     *
     * @param cutoff the cutoff
     * @return how many were deleted
     */
    int deleteEndedBefore(Instant cutoff);
}
