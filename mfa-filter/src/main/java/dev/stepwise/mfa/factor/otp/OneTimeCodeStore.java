package dev.stepwise.mfa.factor.otp;

import java.time.Instant;
import java.util.Optional;

/**
 * Where pending one-time codes (email, SMS, voice) live: at most one per (user, channel), stored as a keyed
 * hash. Implementations must be thread-safe; a cluster needs a shared one (the JDBC store), because "used once"
 * and "only the newest code" only hold if every node sees the same row.
 *
 * <p>Every method maps to <em>one</em> SQL statement, so no implementation needs a transaction or a lock.
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
 * -- purgeExpired: DELETE FROM stepwise_otp WHERE expires_at <= ?
 * }</pre>
 *
 * <p>Comparing {@code code_hash} with SQL {@code =} is not constant-time; that is fine because the hash is an
 * HMAC under a key the attacker does not have, so its timing says nothing about the code. In-memory
 * implementations compare with {@link java.security.MessageDigest#isEqual}.
 *
 * <p>Implementations never log hashes and treat {@code user} as an opaque key.
 */
public interface OneTimeCodeStore {

    /**
     * Makes {@code code} the pending code of its (user, channel), replacing any earlier one: issuing a new code
     * invalidates the older ones (docs/security-model.md: only the newest code of a challenge is valid). Failure counts
     * are not kept here and are not touched.
     */
    void replace(PendingCode code);

    /**
     * Uses up the pending code of (user, channel) if — and only if — its hash equals {@code codeHash} and it has
     * not expired at {@code now} ({@code expires_at > now}), as <em>one atomic check-and-delete</em>: of two
     * concurrent calls with the right hash exactly one returns {@code true} (NIST SP 800-63B rev4 §3.1.3 and
     * ASVS 2.7.x: a code is usable once).
     *
     * <p>A call that returns {@code false} changes nothing: a wrong guess does not burn the real code (the
     * separate throttling component limits guessing).
     *
     * @return {@code true} if this call consumed the code
     */
    boolean consume(String user, String channel, byte[] codeHash, Instant now);

    /**
     * When the pending code of (user, channel) was issued and when it expires — also if it has expired, until it
     * is replaced, removed or purged; empty after it was consumed. The resend cooldown counts from
     * {@link CodeIssue#issuedAt()}.
     */
    Optional<CodeIssue> lastIssue(String user, String channel);

    /**
     * Drops the pending code of (user, channel), e.g. when the user changes the address or number it was sent
     * to. Nothing happens if there is none.
     */
    void remove(String user, String channel);

    /**
     * Housekeeping: deletes every code that expired at or before {@code now}.
     *
     * @return how many were deleted
     */
    int purgeExpired(Instant now);
}
