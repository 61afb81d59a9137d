package dev.stepwise.mfa.store;

import dev.stepwise.mfa.factor.otp.CodeIssue;
import dev.stepwise.mfa.factor.otp.OneTimeCodeStore;
import dev.stepwise.mfa.factor.otp.PendingCode;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Pending email/SMS codes in {@code stepwise_otp}: one row per (user, channel), the code only as its HMAC.
 *
 * <pre>{@code
 * OneTimeCodes codes = new OneTimeCodes("email", settings, jdbcStore.oneTimeCodes(), hasher, clock);
 * }</pre>
 *
 * <p>Atomicity, one statement each: {@link #replace} is an upsert on (user, channel), so only the newest code of a
 * user and channel exists; {@link #consume} is
 * {@code DELETE … WHERE user_id = ? AND channel = ? AND code_hash = ? AND expires_at > ?} with an update count of
 * 1 — of concurrent uses of one code on any nodes exactly one deletes it, and a wrong guess deletes nothing.
 * Failure counts live elsewhere ({@code stepwise_attempt}); nothing here touches them.
 *
 * <p>The resend cooldown is a row per (user, channel) in {@code stepwise_otp_send}. {@link #reserveSend} wins with
 * a conditional {@code UPDATE … WHERE until_at <= now} or, when there is no row, an insert-unless-present, each one
 * atomic statement whose update count says who won: of concurrent sends on any nodes within one cooldown exactly
 * one wins (see {@link OneTimeCodeStore} for the statements).
 */
public final class JdbcOneTimeCodeStore implements OneTimeCodeStore {

    private final Jdbc jdbc;

    JdbcOneTimeCodeStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void replace(PendingCode code) {
        Objects.requireNonNull(code, "code");
        Jdbc.requireUser(code.user());
        String channel = requireChannel(code.channel());
        byte[] hash = code.codeHash();
        jdbc.autocommit("store a pending code", c -> jdbc.upsert(c, "stepwise_otp", List.of("user_id", "channel"),
                List.of("code_hash", "issued_at", "expires_at"), ps -> {
                    ps.setString(1, code.user());
                    ps.setString(2, channel);
                    ps.setBytes(3, hash);
                    ps.setLong(4, Jdbc.millis(code.issuedAt()));
                    ps.setLong(5, Jdbc.millis(code.expiresAt()));
                }));
    }

    @Override
    public boolean consume(String user, String channel, byte[] codeHash, Instant now) {
        Jdbc.requireUser(user);
        requireChannel(channel);
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(now, "now");
        byte[] hash = codeHash.clone();
        // NIST SP 800-63B rev4 §3.1.3: usable once — the delete is the check; expiry is exclusive
        boolean used = jdbc.update("use a pending code", "DELETE FROM stepwise_otp WHERE user_id = ? AND channel = ?"
                + " AND code_hash = ? AND expires_at > ?", ps -> {
                    ps.setString(1, user);
                    ps.setString(2, channel);
                    ps.setBytes(3, hash);
                    ps.setLong(4, Jdbc.millis(now));
                }) == 1;
        if (used) {   // the code did its work: the next one may be sent at once (OneTimeCodeStore#consume)
            jdbc.update("end the send reservation of a used code", "DELETE FROM stepwise_otp_send WHERE user_id = ?"
                    + " AND channel = ?", ps -> {
                        ps.setString(1, user);
                        ps.setString(2, channel);
                    });
        }
        return used;
    }

    @Override
    public Optional<CodeIssue> lastIssue(String user, String channel) {
        Jdbc.requireUser(user);
        requireChannel(channel);
        return jdbc.autocommit("read a pending code", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT issued_at, expires_at FROM stepwise_otp WHERE user_id = ? AND channel = ?")) {
                ps.setString(1, user);
                ps.setString(2, channel);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new CodeIssue(Jdbc.instant(rs.getLong(1)), Jdbc.instant(rs.getLong(2))))
                            : Optional.<CodeIssue>empty();
                }
            }
        });
    }

    @Override
    public void remove(String user, String channel) {
        Jdbc.requireUser(user);
        requireChannel(channel);
        jdbc.update("remove a pending code", "DELETE FROM stepwise_otp WHERE user_id = ? AND channel = ?", ps -> {
            ps.setString(1, user);
            ps.setString(2, channel);
        });
    }

    @Override
    public boolean reserveSend(String user, String channel, Instant now, Duration cooldown) {
        OneTimeCodeStore.checkReservation(user, channel, now, cooldown);
        if (cooldown.isZero()) {
            return true;   // no cooldown: nothing to reserve
        }
        long from = Jdbc.millis(now);
        long until = Jdbc.millis(now.plus(cooldown));
        return jdbc.autocommit("reserve a code send", c -> {
            int taken = Jdbc.update(c, "UPDATE stepwise_otp_send SET reserved_at = ?, until_at = ? WHERE user_id = ?"
                    + " AND channel = ? AND until_at <= ?", ps -> {
                        ps.setLong(1, from);
                        ps.setLong(2, until);
                        ps.setString(3, user);
                        ps.setString(4, channel);
                        ps.setLong(5, from);
                    });
            // the last cooldown has ended: taken over by that one statement; else the first reservation, or lost
            // (a loss changes nothing: OneTimeCodeStore#reserveSend)
            return taken == 1 || jdbc.insertIfAbsent(c, "INSERT INTO stepwise_otp_send (user_id, channel,"
                    + " reserved_at, until_at) VALUES (?, ?, ?, ?)", ps -> {
                        ps.setString(1, user);
                        ps.setString(2, channel);
                        ps.setLong(3, from);
                        ps.setLong(4, until);
                    });
        });
    }

    @Override
    public void releaseSend(String user, String channel, Instant reservedAt) {
        OneTimeCodeStore.checkSendKey(user, channel, reservedAt);
        jdbc.update("release a code send", "DELETE FROM stepwise_otp_send WHERE user_id = ? AND channel = ?"
                + " AND reserved_at = ?", ps -> {
                    ps.setString(1, user);
                    ps.setString(2, channel);
                    ps.setLong(3, Jdbc.millis(reservedAt));
                });
    }

    @Override
    public Optional<Instant> sendReservedUntil(String user, String channel) {
        OneTimeCodeStore.checkSendKey(user, channel, Instant.EPOCH);
        return jdbc.list("read a code send reservation", "SELECT until_at FROM stepwise_otp_send WHERE user_id = ?"
                + " AND channel = ?", ps -> {
                    ps.setString(1, user);
                    ps.setString(2, channel);
                }, rs -> Jdbc.instant(rs.getLong(1))).stream().findFirst();
    }

    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        long at = Jdbc.millis(now);
        return jdbc.update("purge expired codes", "DELETE FROM stepwise_otp WHERE expires_at <= ?",
                ps -> ps.setLong(1, at))
                + jdbc.update("purge ended send reservations", "DELETE FROM stepwise_otp_send WHERE until_at <= ?",
                        ps -> ps.setLong(1, at));
    }

    private static String requireChannel(String channel) {
        Objects.requireNonNull(channel, "channel");
        if (channel.isEmpty() || channel.length() > 32) {
            throw new IllegalArgumentException("a channel id has 1 to 32 characters");
        }
        return channel;
    }
}
