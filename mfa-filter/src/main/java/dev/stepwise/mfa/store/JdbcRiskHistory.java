package dev.stepwise.mfa.store;

import dev.stepwise.mfa.core.risk.GeoLocation;
import dev.stepwise.mfa.core.risk.GeoPoint;
import dev.stepwise.mfa.core.risk.RiskHistory;
import dev.stepwise.mfa.core.risk.SignIn;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
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
        jdbc.update("forget old sign-ins", "DELETE FROM stepwise_risk_signin WHERE signed_in_at < ?",
                ps -> ps.setLong(1, Jdbc.millis(cutoff)));
        return jdbc.update("forget old sign-in history", "DELETE FROM stepwise_risk_history"
                + " WHERE kind <> ? AND last_seen_at < ?", ps -> {
                    ps.setString(1, Kind.LOGIN.name());
                    ps.setLong(2, Jdbc.millis(cutoff));
                });
    }

    @Override
    public void forget(String user) {
        Jdbc.requireUser(user);
        jdbc.update("forget a user's sign-ins", "DELETE FROM stepwise_risk_signin WHERE user_id = ?",
                ps -> ps.setString(1, user));
        jdbc.update("forget a user's sign-in history", "DELETE FROM stepwise_risk_history WHERE user_id = ?",
                ps -> ps.setString(1, user));
    }

    @Override
    public List<SignIn> signIns(String user) {
        Jdbc.requireUser(user);
        return jdbc.list("read the latest sign-ins", "SELECT signed_in_at, country, lat_tenths, lon_tenths,"
                + " accuracy_km FROM stepwise_risk_signin WHERE user_id = ? ORDER BY signed_in_at DESC LIMIT "
                + MAX_SIGN_INS, ps -> ps.setString(1, user), JdbcRiskHistory::signIn);
    }

    @Override
    public void recordSignIn(String user, SignIn signIn) {
        Jdbc.requireUser(user);
        Objects.requireNonNull(signIn, "signIn");
        // stored rounded whatever the caller passed: the columns hold tenths of a degree
        GeoLocation where = signIn.where().map(GeoLocation::rounded).orElse(null);
        GeoPoint point = where == null ? null : where.point();
        jdbc.autocommit("record a sign-in", c -> {
            jdbc.insertIfAbsent(c, "INSERT INTO stepwise_risk_signin (user_id, signed_in_at, country, lat_tenths,"
                    + " lon_tenths, accuracy_km) VALUES (?, ?, ?, ?, ?, ?)", ps -> {
                        ps.setString(1, user);
                        ps.setLong(2, Jdbc.millis(signIn.at()));
                        ps.setString(3, where == null ? null : where.country());
                        setTenths(ps, 4, point == null ? null : point.latitude());
                        setTenths(ps, 5, point == null ? null : point.longitude());
                        if (point == null) {
                            ps.setNull(6, Types.INTEGER);
                        } else {
                            ps.setInt(6, point.accuracyKm());
                        }
                    });
            return Jdbc.update(c, "DELETE FROM stepwise_risk_signin WHERE user_id = ? AND signed_in_at <= (SELECT"
                    + " MIN(signed_in_at) FROM (SELECT signed_in_at FROM stepwise_risk_signin WHERE user_id = ?"
                    + " ORDER BY signed_in_at DESC LIMIT " + (MAX_SIGN_INS + 1) + ") newest"
                    + " HAVING COUNT(*) > " + MAX_SIGN_INS + ")", ps -> {
                        ps.setString(1, user);
                        ps.setString(2, user);
                    });
        });
    }

    private static void setTenths(PreparedStatement ps, int index, Double degrees) throws SQLException {
        if (degrees == null) {
            ps.setNull(index, Types.SMALLINT);
        } else {
            ps.setShort(index, (short) Math.round(degrees * 10));
        }
    }

    private static SignIn signIn(ResultSet rs) throws SQLException {
        Instant at = Jdbc.instant(rs.getLong(1));
        String country = rs.getString(2);
        short lat = rs.getShort(3);
        boolean located = !rs.wasNull();
        short lon = rs.getShort(4);
        located &= !rs.wasNull();
        int accuracy = rs.getInt(5);
        located &= !rs.wasNull();
        GeoPoint point = located ? new GeoPoint(lat / 10.0, lon / 10.0, accuracy) : null;
        return new SignIn(at, GeoLocation.of(country == null ? null : country.trim(), point).orElse(null));
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
