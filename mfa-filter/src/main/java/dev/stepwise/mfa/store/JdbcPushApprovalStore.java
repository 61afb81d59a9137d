package dev.stepwise.mfa.store;

import dev.stepwise.mfa.core.ApprovalRules;
import dev.stepwise.mfa.factor.push.PushApproval;
import dev.stepwise.mfa.factor.push.PushApprovalStore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Push approvals in {@code stepwise_push_approval} (schema version 11): one row per user, the token and the
 * session's nonce only as SHA-256. {@link #put} is one upsert by user; {@link #decide} and {@link #use} are each one
 * conditional {@code UPDATE} (the state, the expiry and for {@code use} the session in the {@code WHERE}), so of
 * many parallel requests exactly one sees an update count of 1. A database that cannot answer throws
 * {@link StoreUnavailableException}.
 */
public final class JdbcPushApprovalStore implements PushApprovalStore {

    private static final String COLUMNS = "user_id, token_hash, session_hash, number_shown, decoy_a, decoy_b, state,"
            + " expires_at";

    private final Jdbc jdbc;

    JdbcPushApprovalStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void put(PushApproval a) {
        Objects.requireNonNull(a, "approval");
        Jdbc.requireUser(a.user());
        jdbc.autocommit("store a push approval", c -> jdbc.upsert(c, "stepwise_push_approval", List.of("user_id"),
                List.of("token_hash", "session_hash", "number_shown", "decoy_a", "decoy_b", "state", "expires_at"),
                ps -> {
                    ps.setString(1, a.user());
                    ps.setString(2, a.tokenHash());
                    ps.setString(3, a.sessionHash());
                    ps.setInt(4, a.choices().number());
                    ps.setInt(5, a.choices().decoyA());
                    ps.setInt(6, a.choices().decoyB());
                    ps.setString(7, a.state().name());
                    ps.setLong(8, Jdbc.millis(a.expiresAt()));
                }));
    }

    /**
     * One conditional {@code UPDATE} of the user's row; when it changed nothing, an insert if there is no row. A
     * parallel start that got there first leaves either a pending row (the update finds nothing to change) or a
     * row (the insert finds it), so this one stores nothing.
     */
    @Override
    public boolean putUnlessPending(PushApproval a, Instant keepPendingAfter) {
        Objects.requireNonNull(a, "approval");
        Objects.requireNonNull(keepPendingAfter, "keepPendingAfter");
        Jdbc.requireUser(a.user());
        return jdbc.autocommit("start a push approval", c -> {
            int replaced = Jdbc.update(c, "UPDATE stepwise_push_approval SET token_hash = ?, session_hash = ?,"
                    + " number_shown = ?, decoy_a = ?, decoy_b = ?, state = ?, expires_at = ? WHERE user_id = ?"
                    + " AND NOT (state = ? AND expires_at > ?)", ps -> {
                        bindValues(ps, a, 1);
                        ps.setString(8, a.user());
                        ps.setString(9, ApprovalRules.State.PENDING.name());
                        ps.setLong(10, Jdbc.millis(keepPendingAfter));
                    });
            return replaced == 1 || jdbc.insertIfAbsent(c, "INSERT INTO stepwise_push_approval (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                        ps.setString(1, a.user());
                        bindValues(ps, a, 2);
                    });
        });
    }

    /** Binds the approval's columns after {@code user_id}, from parameter {@code first} on. */
    private static void bindValues(java.sql.PreparedStatement ps, PushApproval a, int first) throws SQLException {
        ps.setString(first, a.tokenHash());
        ps.setString(first + 1, a.sessionHash());
        ps.setInt(first + 2, a.choices().number());
        ps.setInt(first + 3, a.choices().decoyA());
        ps.setInt(first + 4, a.choices().decoyB());
        ps.setString(first + 5, a.state().name());
        ps.setLong(first + 6, Jdbc.millis(a.expiresAt()));
    }

    @Override
    public Optional<PushApproval> byToken(String tokenHash) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        return jdbc.list("read a push approval", "SELECT " + COLUMNS + " FROM stepwise_push_approval"
                + " WHERE token_hash = ?", ps -> ps.setString(1, tokenHash), JdbcPushApprovalStore::row)
                .stream().filter(a -> a.tokenHash().equals(tokenHash)).findFirst();
    }

    @Override
    public Optional<PushApproval> of(String user) {
        Jdbc.requireUser(user);
        return jdbc.list("read a push approval", "SELECT " + COLUMNS + " FROM stepwise_push_approval"
                + " WHERE user_id = ?", ps -> ps.setString(1, user), JdbcPushApprovalStore::row).stream().findFirst();
    }

    private static PushApproval row(ResultSet rs) throws SQLException {
        return new PushApproval(rs.getString(1), rs.getString(2), rs.getString(3),
                new ApprovalRules.Choices(rs.getInt(4), rs.getInt(5), rs.getInt(6)),
                ApprovalRules.State.valueOf(rs.getString(7)), Jdbc.instant(rs.getLong(8)));
    }

    @Override
    public boolean decide(String tokenHash, ApprovalRules.State to, Instant now) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        if (to != ApprovalRules.State.APPROVED && to != ApprovalRules.State.DENIED) {
            throw new IllegalArgumentException("a decision approves or denies");
        }
        return jdbc.update("decide a push approval", "UPDATE stepwise_push_approval SET state = ?"
                + " WHERE token_hash = ? AND state = ? AND expires_at > ?", ps -> {
                    ps.setString(1, to.name());
                    ps.setString(2, tokenHash);
                    ps.setString(3, ApprovalRules.State.PENDING.name());
                    ps.setLong(4, Jdbc.millis(now));
                }) == 1;
    }

    @Override
    public boolean use(String user, String sessionHash, Instant now) {
        Jdbc.requireUser(user);
        Objects.requireNonNull(sessionHash, "sessionHash");
        return jdbc.update("use a push approval", "UPDATE stepwise_push_approval SET state = ?"
                + " WHERE user_id = ? AND session_hash = ? AND state = ? AND expires_at > ?", ps -> {
                    ps.setString(1, ApprovalRules.State.USED.name());
                    ps.setString(2, user);
                    ps.setString(3, sessionHash);
                    ps.setString(4, ApprovalRules.State.APPROVED.name());
                    ps.setLong(5, Jdbc.millis(now));
                }) == 1;
    }

    @Override
    public void remove(String user) {
        Jdbc.requireUser(user);
        jdbc.update("remove a push approval", "DELETE FROM stepwise_push_approval WHERE user_id = ?",
                ps -> ps.setString(1, user));
    }

    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return jdbc.update("purge expired push approvals", "DELETE FROM stepwise_push_approval WHERE expires_at <= ?",
                ps -> ps.setLong(1, Jdbc.millis(now)));
    }
}
