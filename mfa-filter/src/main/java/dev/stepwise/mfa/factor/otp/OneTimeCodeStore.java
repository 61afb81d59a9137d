package dev.stepwise.mfa.factor.otp;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where pending one-time codes (email, SMS, voice) live: at most one per (user, channel), stored as a keyed
 * hash. Implementations must be thread-safe; a cluster needs a shared one (the JDBC store), because "used once"
 * and "only the newest code" only hold if every node sees the same row.
 *
 * <p>Every method maps to <em>one</em> SQL statement ({@link #reserveSend} to up to two, {@link #purgeExpired}
 * to one per table), each atomic on its own, so no implementation needs a transaction or a lock.
 * Suggested table and statements (PostgreSQL; H2 has {@code MERGE INTO … KEY (user_id, channel)}):
 *
 * <pre>{@code
 * CREATE TABLE stepwise_otp (
 *     user_id    VARCHAR(255) NOT NULL,
 *     channel    VARCHAR(32)  NOT NULL,
 *     code_hash  BYTEA        NOT NULL,          -- 32 bytes, HMAC-SHA256
 *     issued_at  TIMESTAMP WITH TIME ZONE NOT NULL,
 *     expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
 *     PRIMARY KEY (user_id, channel));
 *
 * -- replace:      INSERT INTO stepwise_otp VALUES (?, ?, ?, ?, ?)
 * --               ON CONFLICT (user_id, channel) DO UPDATE SET code_hash = EXCLUDED.code_hash,
 * --                   issued_at = EXCLUDED.issued_at, expires_at = EXCLUDED.expires_at
 * -- consume:      DELETE FROM stepwise_otp
 * --               WHERE user_id = ? AND channel = ? AND code_hash = ? AND expires_at > ?   -- count == 1
 * -- lastIssue:    SELECT issued_at, expires_at FROM stepwise_otp WHERE user_id = ? AND channel = ?
 * -- remove:       DELETE FROM stepwise_otp WHERE user_id = ? AND channel = ?
 * -- purgeExpired: DELETE FROM stepwise_otp WHERE expires_at <= ?     (and the stepwise_otp_send one below)
 * }</pre>
 *
 * <p>The resend cooldown is a reservation of its own, one row per (user, channel), taken before a code is
 * delivered ({@link #reserveSend}): of any number of sends on any nodes within one cooldown exactly one wins,
 * and a failed delivery gives its reservation back ({@link #releaseSend}). {@code reserveSend} wins on an
 * update count of 1 of one of its statements:
 *
 * <pre>{@code
 * CREATE TABLE stepwise_otp_send (
 *     user_id     VARCHAR(255) NOT NULL,
 *     channel     VARCHAR(32)  NOT NULL,
 *     reserved_at BIGINT       NOT NULL,          -- epoch ms of the last successful reservation
 *     until_at    BIGINT       NOT NULL,          -- reserved_at + cooldown: free from then on
 *     PRIMARY KEY (user_id, channel));
 *
 * -- reserveSend:  UPDATE stepwise_otp_send SET reserved_at = :now, until_at = :now + :cooldown
 * --               WHERE user_id = ? AND channel = ? AND until_at <= :now                    -- count 1: won
 * --               INSERT INTO stepwise_otp_send VALUES (?, ?, :now, :now + :cooldown)    -- inserted: won
 * --                   (PostgreSQL: ON CONFLICT DO NOTHING; H2, MariaDB: the duplicate key is caught)
 * --               otherwise lost, and nothing changes (a zero cooldown reserves nothing and never loses)
 * -- releaseSend:  DELETE FROM stepwise_otp_send WHERE user_id = ? AND channel = ? AND reserved_at = ?
 * -- sendReservedUntil: SELECT until_at FROM stepwise_otp_send WHERE user_id = ? AND channel = ?
 * -- purgeExpired: DELETE FROM stepwise_otp_send WHERE until_at <= ?
 * }</pre>
 *
 * <p>On MariaDB the update counts must be matched rows (MariaDB Connector/J's default), as everywhere in the
 * store.
 *
 * <p>Comparing {@code code_hash} with SQL {@code =} is not constant-time; that is fine because the hash is an
 * HMAC under a key the attacker does not have, so its timing says nothing about the code. In-memory
 * implementations compare with {@link java.security.MessageDigest#isEqual}.
 *
 * <p>Implementations never log hashes and treat {@code user} as an opaque key.
 */
public interface OneTimeCodeStore {

    /** Longest user id a store must hold. */
    int MAX_USER_LENGTH = 255;

    /** Longest channel id a store must hold. */
    int MAX_CHANNEL_LENGTH = 32;

    /**
     * Makes {@code code} the pending code of its (user, channel), replacing any earlier one: issuing a new code
     * invalidates the older ones (docs/security-model.md: only the newest code of a challenge is valid). Failure counts
     * are not kept here and are not touched.
     *
     * @param code the code the user typed
     */
    void replace(PendingCode code);

    /**
     * Uses up the pending code of (user, channel) if — and only if — its hash equals {@code codeHash} and it has
     * not expired at {@code now} ({@code expires_at > now}), as <em>one atomic check-and-delete</em>: of two
     * concurrent calls with the right hash exactly one returns {@code true} (NIST SP 800-63B rev4 §3.1.3 and
     * ASVS 2.7.x: a code is usable once).
     *
     * <p>A call that returns {@code false} changes nothing: a wrong guess does not burn the real code (the
     * separate throttling component limits guessing). A call that consumes the code also ends the send
     * reservation of (user, channel) ({@code DELETE FROM stepwise_otp_send WHERE user_id = ? AND channel = ?}):
     * the code did its work, so a step-up right after the sign-in may send the next one at once. Only whoever
     * holds the code can do that, so it gives a guesser no extra messages.
     *
     * @param user the user name (the container's caller principal name)
     * @param channel the factor id the code belongs to
     * @param codeHash the code hash
     * @param now the current instant
     * @return {@code true} if this call consumed the code
     */
    boolean consume(String user, String channel, byte[] codeHash, Instant now);

    /**
     * When the pending code of (user, channel) was issued and when it expires — also if it has expired, until it
     * is replaced, removed or purged; empty after it was consumed. The resend cooldown is kept apart, by
     * {@link #reserveSend}, taken at the time a code is issued with.
     *
     * @param user the user name (the container's caller principal name)
     * @param channel the factor id the code belongs to
     * @return when the pending code of (user, channel) was issued and when it expires — also if it has expired, until it is replaced, removed or purged; empty after it was consumed
     */
    Optional<CodeIssue> lastIssue(String user, String channel);

    /**
     * Drops the pending code of (user, channel), e.g. when the user changes the address or number it was sent
     * to. Nothing happens if there is none. The send reservation stays: a new address does not end the cooldown.
     *
     * @param user the user name (the container's caller principal name)
     * @param channel the factor id the code belongs to
     */
    void remove(String user, String channel);

    /**
     * Housekeeping: deletes every code that expired at or before {@code now}, and every send reservation whose
     * cooldown had ended by then ({@code until <= now}: it reserves nothing any more).
     *
     * @param now the current instant
     * @return how many were deleted, codes and reservations together
     */
    int purgeExpired(Instant now);

    /**
     * Takes the send reservation of (user, channel) for {@code cooldown} from {@code now}, if it is free: no
     * reservation, or the last one's cooldown has ended ({@code until <= now}). Atomic across nodes: of any number
     * of concurrent calls on any nodes within one cooldown exactly one returns {@code true}; the cooldown counts
     * from the last successful reservation. A call that loses changes nothing, whatever its {@code now}: a node
     * whose clock is behind, or a request that read its clock before it waited for a connection, must not move
     * another node's cooldown back (that would let the nodes take turns sending at once). After the clock went
     * backwards the user therefore waits until it is past the reservation again, fail closed, as for any
     * cooldown; the caller shows at most one cooldown as the time left. A {@code cooldown} of zero reserves
     * nothing and never refuses.
     *
     * @param user the user name (the container's caller principal name)
     * @param channel the factor id the code belongs to
     * @param now the current instant
     * @param cooldown the cooldown
     * @return {@code true} if this call holds the reservation: send now, and {@link #releaseSend} it if the
     *         delivery fails
     * @throws IllegalArgumentException for a null, blank or too long user (more than 255 characters) or channel
     *                                  (more than 32), a null {@code now}, a null or negative {@code cooldown};
     *                                  nothing is stored then
     */
    boolean reserveSend(String user, String channel, Instant now, Duration cooldown);

    /**
     * Gives back the reservation that {@link #reserveSend} took at {@code reservedAt} (a delivery failed: a
     * failed send starts no cooldown, the user may retry at once). Nothing happens if the reservation is no
     * longer that one.
     *
     * @param user the user name (the container's caller principal name)
     * @param channel the factor id the code belongs to
     * @param reservedAt the reserved at
     * @throws IllegalArgumentException as {@link #reserveSend} for bad arguments
     */
    void releaseSend(String user, String channel, Instant reservedAt);

    /**
     * When the current send reservation of (user, channel) ends, also if it has ended (until it is purged); empty
     * if there is none. The caller shows the time left capped at one cooldown.
     *
     * @param user the user name (the container's caller principal name)
     * @param channel the factor id the code belongs to
     * @return when the current send reservation of (user, channel) ends, also if it has ended (until it is purged); empty if there is none
     */
    Optional<Instant> sendReservedUntil(String user, String channel);

    /**
     * The checks every implementation makes on the arguments of {@link #reserveSend} and {@link #releaseSend}
     * before it stores anything.
     *
     * @param user the user name (the container's caller principal name)
     * @param channel the factor id the code belongs to
     * @param time the time
     * @throws IllegalArgumentException for a null, blank or too long user or channel, or a null time
     */
    static void checkSendKey(String user, String channel, Instant time) {
        if (user == null || user.isBlank() || user.length() > MAX_USER_LENGTH) {
            throw new IllegalArgumentException("a user id must have 1 to " + MAX_USER_LENGTH
                    + " characters and not be blank");
        }
        if (channel == null || channel.isBlank() || channel.length() > MAX_CHANNEL_LENGTH) {
            throw new IllegalArgumentException("a channel id must have 1 to " + MAX_CHANNEL_LENGTH
                    + " characters and not be blank");
        }
        if (time == null) {
            throw new IllegalArgumentException("the time of a send reservation is missing");
        }
    }

    /**
     * {@link #checkSendKey}, and a cooldown that is there and not negative.
     *
     * @param user the user name (the container's caller principal name)
     * @param channel the factor id the code belongs to
     * @param now the current instant
     * @param cooldown the cooldown
     * @throws IllegalArgumentException if any argument of {@link #reserveSend} is bad
     */
    static void checkReservation(String user, String channel, Instant now, Duration cooldown) {
        checkSendKey(user, channel, now);
        if (cooldown == null || cooldown.isNegative()) {
            throw new IllegalArgumentException("a resend cooldown must be zero or more, was " + cooldown);
        }
    }
}
