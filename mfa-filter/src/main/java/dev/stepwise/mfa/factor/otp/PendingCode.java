package dev.stepwise.mfa.factor.otp;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The one code a user may currently enter for one channel, as a {@link OneTimeCodeStore} keeps it: never the
 * code itself, only its keyed hash (see {@link CodeHasher}).
 *
 * <pre>{@code
 * // what the JDBC store writes, one row per (user, channel):
 * // INSERT INTO stepwise_otp (user_id, channel, code_hash, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)
 * //   ON CONFLICT (user_id, channel) DO UPDATE SET code_hash = EXCLUDED.code_hash, ...
 * store.replace(new PendingCode("alice", "email", hash, now, now.plus(Duration.ofMinutes(10))));
 * }</pre>
 *
 * @param user      the account the code was sent for
 * @param channel   the factor id the code belongs to ({@code "email"}, {@code "sms"}); SMS and voice share
 *                  {@code "sms"}, so a code read out by phone replaces one sent by text
 * @param codeHash  {@link CodeHasher#hash} of the code; copied in and out
 * @param issuedAt  when the code was sent (the resend cooldown counts from here)
 * @param expiresAt after this instant the code is refused (NIST SP 800-63B rev4 §3.1.3: at most 10 minutes)
 */
public record PendingCode(String user, String channel, byte[] codeHash, Instant issuedAt, Instant expiresAt) {

    /**
     * Checks the components and copies the mutable ones.
     * @param user the account the code was sent for
     * @param channel the factor id the code belongs to ({@code "email"}, {@code "sms"}); SMS and voice share {@code "sms"}, so a code read out by phone replaces one sent by text
     * @param codeHash {@link CodeHasher#hash} of the code; copied in and out
     * @param issuedAt when the code was sent (the resend cooldown counts from here)
     * @param expiresAt after this instant the code is refused (NIST SP 800-63B rev4 §3.1.3: at most 10 minutes)
     */
    public PendingCode {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(channel, "channel");
        codeHash = Objects.requireNonNull(codeHash, "codeHash").clone();
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
    }

    /** {@return the code hash (a copy)} */
    @Override
    public byte[] codeHash() {
        return codeHash.clone();
    }

    /** {@return when it was issued and when it expires, without the hash} */
    public CodeIssue issue() {
        return new CodeIssue(issuedAt, expiresAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PendingCode p && user.equals(p.user) && channel.equals(p.channel)
                && Arrays.equals(codeHash, p.codeHash) && issuedAt.equals(p.issuedAt)
                && expiresAt.equals(p.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, channel, Arrays.hashCode(codeHash), issuedAt, expiresAt);
    }

    /** Names the user and channel only: no hash, which an attacker could brute-force with the key. */
    @Override
    public String toString() {
        return "PendingCode[user=" + user + ", channel=" + channel + ", issuedAt=" + issuedAt
                + ", expiresAt=" + expiresAt + "]";
    }
}
