package dev.stepwise.mfa.store;

import dev.stepwise.mfa.core.FailureCount;
import dev.stepwise.mfa.core.FailureCounter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Per-account failure counters in {@code stepwise_attempt}, shared by every node on the database.
 *
 * <pre>{@code
 * AccountThrottle throttle = new AccountThrottle(jdbcStore.attempts(), AttemptPolicy.defaults(), clock);
 * }</pre>
 *
 * <p>Atomicity, one statement each: {@link #replace} is a compare-and-set,
 * {@code UPDATE … SET failures = ?, last_failure_at = ? WHERE user_id = ? AND failures = ? AND last_failure_at = ?}
 * with an update count of 1 (every supported database, InnoDB included, re-checks the condition after waiting for
 * a concurrent update's row lock, so of concurrent calls expecting one count exactly one wins); the first failure
 * of an account inserts the row (insert-unless-present: of concurrent first failures one inserts). {@link #giveBack} is
 * {@code failures = failures - 1} in the database, never a read-modify-write in Java.
 */
public final class JdbcAttemptStore implements FailureCounter {

    private static final String REPLACE = "UPDATE stepwise_attempt SET failures = ?, last_failure_at = ?"
            + " WHERE user_id = ? AND failures = ? AND last_failure_at = ?";
    private static final String REPLACE_NONE = "UPDATE stepwise_attempt SET failures = ?, last_failure_at = ?"
            + " WHERE user_id = ? AND failures = 0";
    private static final String INSERT = "INSERT INTO stepwise_attempt (user_id, failures, last_failure_at)"
            + " VALUES (?, ?, ?)";
    private static final String GIVE_BACK = "UPDATE stepwise_attempt SET failures = failures - 1"
            + " WHERE user_id = ? AND failures > 0";
    private static final String SELECT = "SELECT failures, last_failure_at FROM stepwise_attempt WHERE user_id = ?";

    private final Jdbc jdbc;

    /** Whether this counter's rows are in the database {@code other} reaches (the same store). */
    boolean sameDatabase(Jdbc other) {
        return jdbc == other;
    }

    JdbcAttemptStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public FailureCount read(String user) {
        Jdbc.requireUser(user);
        return jdbc.autocommit("read the failure count", c -> select(c, user));
    }

    @Override
    public boolean replace(String user, FailureCount expected, FailureCount next) {
        Jdbc.requireUser(user);
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(next, "next");
        if (next.failures() == 0) {
            throw new IllegalArgumentException("a count is replaced by failures; reset() forgets them");
        }
        long nextAt = Jdbc.millis(next.lastFailureAt());
        if (expected.failures() > 0) {
            return jdbc.update("count an attempt", REPLACE, ps -> {
                ps.setInt(1, next.failures());
                ps.setLong(2, nextAt);
                ps.setString(3, user);
                ps.setInt(4, expected.failures());
                ps.setLong(5, Jdbc.millis(expected.lastFailureAt()));
            }) == 1;
        }
        // No failures: no row (the account's first attempt), or a row reset or given back to zero.
        return jdbc.autocommit("count an attempt", c -> Jdbc.update(c, REPLACE_NONE, ps -> {
            ps.setInt(1, next.failures());
            ps.setLong(2, nextAt);
            ps.setString(3, user);
        }) == 1 || jdbc.insertIfAbsent(c, INSERT, ps -> {
            ps.setString(1, user);
            ps.setInt(2, next.failures());
            ps.setLong(3, nextAt);
        }));
    }

    @Override
    public void giveBack(String user) {
        Jdbc.requireUser(user);
        jdbc.update("give an attempt back", GIVE_BACK, ps -> ps.setString(1, user));
    }

    @Override
    public void reset(String user) {
        Jdbc.requireUser(user);
        // The row stays at zero: the next attempt of the account is then one UPDATE (README, "Performance").
        jdbc.update("reset the failure count", "UPDATE stepwise_attempt SET failures = 0 WHERE user_id = ?",
                ps -> ps.setString(1, user));
    }

    private static FailureCount select(Connection c, String user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return FailureCount.NONE;
                }
                int failures = rs.getInt(1);
                return failures == 0 ? FailureCount.NONE : new FailureCount(failures, Jdbc.instant(rs.getLong(2)));
            }
        }
    }
}
