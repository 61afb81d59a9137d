package dev.stepwise.mfa.store;

import dev.stepwise.mfa.Factors;
import dev.stepwise.mfa.core.FailureCount;
import dev.stepwise.mfa.factor.totp.TotpCredential;
import dev.stepwise.mfa.factor.totp.TotpCredentialStore.CountedAttempt;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link JdbcTotpCredentialStore#countAttemptAndFind(String, FailureCount, FailureCount)}: the compare-and-set of an
 * attempt's count in {@code stepwise_attempt} and, only if it counted, the read of the TOTP credential with the
 * factor's enrolment hold, in one statement (PostgreSQL, H2).
 *
 * <p>The hold is read in the same snapshot as the credential whose secret the code is then checked against. The
 * library saves a hold before it activates the credential it holds (an enrolment under an exemption), so a
 * credential read active is never read without its hold, and a verification can keep that hold without a
 * statement of its own after the check. A hold saved after the snapshot belongs to a later enrolment, which
 * does not void a verification of the credential as it was (the rule of {@code MfaState.holdAtVerification}).
 *
 * <p>MariaDB returns rows from no {@code UPDATE} and from no {@code INSERT … ON DUPLICATE KEY UPDATE} that
 * changed nothing: there the compare-and-set is {@link JdbcAttemptStore#replace} (one statement, two for an
 * account's very first attempt) and the credential with its hold is one {@code SELECT} after it, only if it
 * counted. Nothing needs them in one transaction: the count is decided by the first alone, and a credential
 * replaced in between is read as it is now (with its hold, in that one statement's snapshot), which the step's
 * own compare-and-set then guards.
 */
final class JdbcTotpCountedAttempts {

    private static final String COLUMNS = "SELECT t.secret_box, t.active, t.last_step, h.until_at FROM ";
    private static final String HOLD = " LEFT JOIN stepwise_enrol_hold h ON h.user_id = t.user_id AND h.factor_id = '"
            + Factors.TOTP + "'";
    private static final String JOINS = " LEFT JOIN stepwise_totp t ON t.user_id = a.user_id" + HOLD;
    private static final String REPLACE = "UPDATE stepwise_attempt SET failures = ?, last_failure_at = ? WHERE"
            + " user_id = ? AND failures = ? AND last_failure_at = ?";

    /** How a row's columns 1–3 become a credential (it opens the sealed secret). */
    @FunctionalInterface
    interface Reader {
        TotpCredential credential(String user, ResultSet rs) throws SQLException;
    }

    private final Jdbc jdbc;
    private final Reader reader;

    JdbcTotpCountedAttempts(Jdbc jdbc, Reader reader) {
        this.jdbc = jdbc;
        this.reader = reader;
    }

    CountedAttempt count(String user, FailureCount expected, FailureCount next) {
        if (next.failures() != expected.failures() + 1) {
            throw new IllegalArgumentException("an attempt adds one failure to the count");
        }
        if (jdbc.dialect() == Dialect.MARIADB) {
            return new JdbcAttemptStore(jdbc).replace(user, expected, next) ? findCounted(user)
                    : CountedAttempt.notCounted();
        }
        boolean none = expected.failures() == 0;
        Jdbc.Binder binder = none ? ps -> {
            ps.setString(1, user);
            ps.setInt(2, next.failures());
            ps.setLong(3, Jdbc.millis(next.lastFailureAt()));
        } : ps -> {
            ps.setInt(1, next.failures());
            ps.setLong(2, Jdbc.millis(next.lastFailureAt()));
            ps.setString(3, user);
            ps.setInt(4, expected.failures());
            ps.setLong(5, Jdbc.millis(expected.lastFailureAt()));
        };
        try {
            List<CountedAttempt> rows = jdbc.list("count an attempt", none ? fromNone() : fromCount(), binder,
                    rs -> counted(user, rs));
            return rows.isEmpty() ? CountedAttempt.notCounted() : rows.get(0);
        } catch (StoreUnavailableException e) {
            if (e.getCause() instanceof SQLException q && Jdbc.UNIQUE_VIOLATION.equals(q.getSQLState())) {
                return CountedAttempt.notCounted();   // H2: a concurrent first attempt inserted the row
            }
            throw e;
        }
    }

    /**
     * An account without failures: its row inserted, or updated only while at zero. PostgreSQL: {@code INSERT …
     * ON CONFLICT DO UPDATE … WHERE failures = 0 RETURNING} in a {@code WITH}; H2: {@code MERGE … WHEN MATCHED AND
     * failures = 0} as a {@code FINAL TABLE}; either joined to the credential and its hold.
     */
    private String fromNone() {
        return jdbc.dialect() == Dialect.POSTGRESQL
                ? "WITH a AS (INSERT INTO stepwise_attempt (user_id, failures, last_failure_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (user_id) DO UPDATE SET failures = EXCLUDED.failures, last_failure_at ="
                        + " EXCLUDED.last_failure_at WHERE stepwise_attempt.failures = 0 RETURNING user_id) "
                        + COLUMNS + "a" + JOINS
                : COLUMNS + "FINAL TABLE (MERGE INTO stepwise_attempt x USING (VALUES (CAST(? AS VARCHAR(255)),"
                        + " CAST(? AS INT), CAST(? AS BIGINT))) v (user_id, n, at) ON x.user_id = v.user_id"
                        + " WHEN MATCHED AND x.failures = 0 THEN UPDATE SET failures = v.n, last_failure_at = v.at"
                        + " WHEN NOT MATCHED THEN INSERT (user_id, failures, last_failure_at) VALUES (v.user_id, v.n,"
                        + " v.at)) a" + JOINS;
    }

    /** An account with failures: the compare-and-set of {@link JdbcAttemptStore#replace}, returning its row. */
    private String fromCount() {
        return jdbc.dialect() == Dialect.POSTGRESQL
                ? "WITH a AS (" + REPLACE + " RETURNING user_id) " + COLUMNS + "a" + JOINS
                : COLUMNS + "FINAL TABLE (" + REPLACE + ") a" + JOINS;
    }

    /**
     * MariaDB, after the count: the credential and its hold in one statement; a store that fails now is handed to
     * the check, which fails closed with the attempt counted.
     */
    private CountedAttempt findCounted(String user) {
        try {
            return find(user);
        } catch (RuntimeException unavailable) {
            return new CountedAttempt(true, Optional.empty(), Map.of(), unavailable);
        }
    }

    private CountedAttempt find(String user) {
        List<CountedAttempt> rows = jdbc.list("read a TOTP enrolment", COLUMNS + "stepwise_totp t" + HOLD
                + " WHERE t.user_id = ?", ps -> ps.setString(1, user), rs -> counted(user, rs));
        return rows.isEmpty() ? new CountedAttempt(true, Optional.empty(), Map.of(), null) : rows.get(0);
    }

    /** A counted attempt with the credential and hold in {@code rs}; one that does not open is handed to the check. */
    private CountedAttempt counted(String user, ResultSet rs) throws SQLException {
        long until = rs.getLong(4);
        Map<String, Instant> held = rs.wasNull() ? Map.of() : Map.of(Factors.TOTP, Jdbc.instant(until));
        if (rs.getBytes(1) == null) {
            return new CountedAttempt(true, Optional.empty(), held, null);
        }
        try {
            return new CountedAttempt(true, Optional.of(reader.credential(user, rs)), held, null);
        } catch (RuntimeException unreadable) {
            return new CountedAttempt(true, Optional.empty(), held, unreadable);   // counted already: the check fails
        }
    }
}
