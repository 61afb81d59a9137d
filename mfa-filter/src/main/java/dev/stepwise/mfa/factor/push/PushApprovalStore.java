package dev.stepwise.mfa.factor.push;

import dev.stepwise.mfa.core.ApprovalRules;

import java.time.Instant;
import java.util.Optional;

/**
 * Where push approvals are kept: at most one per user, found by user or by the token's hash. Built in:
 * {@link InMemoryPushApprovalStore} and the JDBC store (table {@code stepwise_push_approval}, schema version 11).
 * Every change of state is one conditional write, so of many parallel requests exactly one wins. Implementations
 * are thread-safe and throw a {@link RuntimeException} when they cannot answer, so callers fail closed.
 */
public interface PushApprovalStore {

    /**
     * Stores {@code approval} as the user's only one, replacing any other.
     *
     * @param approval the new approval (pending)
     */
    void put(PushApproval approval);

    /**
     * Stores {@code approval} as the user's only one, replacing any other, unless the user's approval is pending
     * and expires after {@code keepPendingAfter}: one atomic check and write, so of parallel starts within the
     * cooldown exactly one stores (docs/push.md, "Start").
     *
     * @param approval         the new approval (pending)
     * @param keepPendingAfter a pending approval that expires after this instant is kept
     * @return whether {@code approval} was stored
     */
    boolean putUnlessPending(PushApproval approval, Instant keepPendingAfter);

    /**
     * The approval whose token has this hash.
     *
     * @param tokenHash SHA-256 of the token, base64url
     * @return the approval, if any
     */
    Optional<PushApproval> byToken(String tokenHash);

    /**
     * The user's approval.
     *
     * @param user the user name
     * @return the approval, if any
     */
    Optional<PushApproval> of(String user);

    /**
     * Moves the approval with this token hash from {@link ApprovalRules.State#PENDING} to {@code to}, only if it is
     * pending and not expired at {@code now}.
     *
     * @param tokenHash SHA-256 of the token
     * @param to        {@link ApprovalRules.State#APPROVED} or {@link ApprovalRules.State#DENIED}
     * @param now       the time
     * @return whether this call changed it
     */
    boolean decide(String tokenHash, ApprovalRules.State to, Instant now);

    /**
     * Moves the user's approval from {@link ApprovalRules.State#APPROVED} to {@link ApprovalRules.State#USED},
     * only if it belongs to the session with this hash and is not expired at {@code now}.
     *
     * @param user        the user name
     * @param sessionHash SHA-256 of the session's nonce
     * @param now         the time
     * @return whether this call spent it
     */
    boolean use(String user, String sessionHash, Instant now);

    /**
     * Removes the user's approval.
     *
     * @param user the user name
     */
    void remove(String user);

    /**
     * Housekeeping: removes approvals that ended at or before {@code now}.
     *
     * @param now the time
     * @return how many were removed
     */
    int purgeExpired(Instant now);
}
