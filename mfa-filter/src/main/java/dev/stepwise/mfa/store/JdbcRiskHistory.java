package dev.stepwise.mfa.store;

import dev.stepwise.mfa.core.risk.RiskHistory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What successful sign-ins have taught about each user, in {@code stepwise_risk_history}: one row per
 * (user, kind, item) with the time it was last seen.
 *
 * <pre>{@code
 * RiskAssessor assessor = RiskAssessor.withBuiltIns(jdbcStore.riskHistory(), settings, List.of());
 * jdbcStore.riskHistory().recordLogin(context);                 // after the sign-in succeeded
 * }</pre>
 *
 * <p>Atomicity: {@link #record} is one upsert that keeps the later time — on PostgreSQL
 * {@code INSERT … ON CONFLICT (…) DO UPDATE SET last_seen_at = GREATEST(stored, new)}, on H2
 * {@code MERGE INTO … USING … WHEN MATCHED THEN UPDATE SET last_seen_at = GREATEST(…)} — so concurrent sign-ins on
 * several nodes never move {@code last_seen_at} backwards. (Two H2 sessions inserting the same new entry at once:
 * the loser's unique violation is answered by the same {@code GREATEST} update of the row the winner inserted.)
 * {@link #forgetBefore} is one {@code DELETE} that never touches {@code LOGIN} rows; a row refreshed concurrently
 * is re-checked under its row lock and stays.
 */
public final class JdbcRiskHistory implements RiskHistory {

    /** Longest item kept ({@code VARCHAR(128)}): device ids are at most {@code RiskContext.MAX_DEVICE_ID}. */
    static final int MAX_ITEM_LENGTH = 128;

    private static final String PG_RECORD = "INSERT INTO stepwise_risk_history (user_id, kind, item, last_seen_at)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (user_id, kind, item) DO UPDATE SET last_seen_at ="
            + " GREATEST(stepwise_risk_history.last_seen_at, EXCLUDED.last_seen_at)";
    private static final String MARIADB_RECORD = "INSERT INTO stepwise_risk_history (user_id, kind, item,"
            + " last_seen_at) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE last_seen_at ="
            + " GREATEST(last_seen_at, VALUES(last_seen_at))";
    private static final String H2_RECORD = "MERGE INTO stepwise_risk_history t USING (VALUES ("
            + "CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(16)), CAST(? AS VARCHAR(128)), CAST(? AS BIGINT)))"
            + " s (user_id, kind, item, at)"
            + " ON t.user_id = s.user_id AND t.kind = s.kind AND t.item = s.item"
            + " WHEN MATCHED THEN UPDATE SET last_seen_at = GREATEST(t.last_seen_at, s.at)"
            + " WHEN NOT MATCHED THEN INSERT (user_id, kind, item, last_seen_at) VALUES (s.user_id, s.kind, s.item, s.at)";
    private static final String H2_RAISE = "UPDATE stepwise_risk_history SET last_seen_at = GREATEST(last_seen_at, ?)"
            + " WHERE user_id = ? AND kind = ? AND item = ?";

    private final Jdbc jdbc;

    JdbcRiskHistory(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Instant> lastSeen(String user, Kind kind, String value) {
        Jdbc.requireUser(user);
        Objects.requireNonNull(kind, "kind");
        requireItem(value);
        return jdbc.autocommit("read the sign-in history", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT last_seen_at FROM stepwise_risk_history"
                    + " WHERE user_id = ? AND kind = ? AND item = ?")) {
                ps.setString(1, user);
                ps.setString(2, kind.name());
                ps.setString(3, value);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Jdbc.instant(rs.getLong(1))) : Optional.<Instant>empty();
                }
            }
        });
    }

    @Override
    public void record(String user, Kind kind, String value, Instant at) {
        Jdbc.requireUser(user);
        Objects.requireNonNull(kind, "kind");
        requireItem(value);
        Objects.requireNonNull(at, "at");
        long ms = Jdbc.millis(at);
        jdbc.autocommit("record the sign-in history", c -> {
            if (jdbc.dialect() != Dialect.H2) {
                return Jdbc.update(c, jdbc.dialect() == Dialect.POSTGRESQL ? PG_RECORD : MARIADB_RECORD, ps -> {
                    ps.setString(1, user);
                    ps.setString(2, kind.name());
                    ps.setString(3, value);
                    ps.setLong(4, ms);
                });
            }
            return recordH2(c, user, kind, value, ms);
        });
    }

    private static int recordH2(Connection c, String user, Kind kind, String value, long ms) throws SQLException {
        try {
            return Jdbc.update(c, H2_RECORD, ps -> {
                ps.setString(1, user);
                ps.setString(2, kind.name());
                ps.setString(3, value);
                ps.setLong(4, ms);
            });
        } catch (SQLException e) {
            if (!Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            // another session inserted the entry between our match and our insert: it exists now, raise it
            return Jdbc.update(c, H2_RAISE, ps -> {
                ps.setLong(1, ms);
                ps.setString(2, user);
                ps.setString(3, kind.name());
                ps.setString(4, value);
            });
        }
    }

    @Override
    public int forgetBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return jdbc.update("forget old sign-in history", "DELETE FROM stepwise_risk_history"
                + " WHERE kind <> ? AND last_seen_at < ?", ps -> {
                    ps.setString(1, Kind.LOGIN.name());
                    ps.setLong(2, Jdbc.millis(cutoff));
                });
    }

    @Override
    public void forget(String user) {
        Jdbc.requireUser(user);
        jdbc.update("forget a user's sign-in history", "DELETE FROM stepwise_risk_history WHERE user_id = ?",
                ps -> ps.setString(1, user));
    }

    private static String requireItem(String value) {
        Objects.requireNonNull(value, "value");
        if (value.length() > MAX_ITEM_LENGTH) {
            throw new IllegalArgumentException("a sign-in history value has at most " + MAX_ITEM_LENGTH
                    + " characters");
        }
        return value;
    }
}
