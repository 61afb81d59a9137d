package dev.stepwise.mfa.store;

import dev.stepwise.mfa.core.FailureCount;
import dev.stepwise.mfa.core.FailureCounter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;

/**
 * Per-account failure counters in {@code stepwise_attempt}, shared by every node on the database.
 *
 * <pre>{@code
 * AccountThrottle throttle = new AccountThrottle(jdbcStore.attempts(), AttemptPolicy.defaults(), clock);
 * }</pre>
 *
 * <p>Atomicity: {@link #increment} is {@code UPDATE … SET failures = failures + 1} (the database adds, never a
 * read-modify-write in Java), followed in the same transaction by reading the row back; the update's row lock
 * is held until commit, so the value read is this call's own and concurrent calls each see a different count.
 * The first failure of an account inserts the row (insert-unless-present, then the same update).
 */
public final class JdbcAttemptStore implements FailureCounter {

    private static final String INCREMENT = "UPDATE stepwise_attempt SET failures = failures + 1,"
            + " last_failure_at = GREATEST(last_failure_at, ?) WHERE user_id = ?";
    private static final String INSERT = "INSERT INTO stepwise_attempt (user_id, failures, last_failure_at)"
            + " VALUES (?, 0, ?)";
    private static final String SELECT = "SELECT failures, last_failure_at FROM stepwise_attempt WHERE user_id = ?";

    private final Jdbc jdbc;

    JdbcAttemptStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public FailureCount read(String user) {
        Jdbc.requireUser(user);
        return jdbc.autocommit("read the failure count", c -> select(c, user));
    }

    @Override
    public FailureCount increment(String user, Instant at) {
        Jdbc.requireUser(user);
        Objects.requireNonNull(at, "at");
        long ms = Jdbc.millis(at);
        Jdbc.Binder increment = ps -> {
            ps.setLong(1, ms);
            ps.setString(2, user);
        };
        Jdbc.Binder insert = ps -> {
            ps.setString(1, user);
            ps.setLong(2, ms);
        };
        // Usually one round: the row exists and the transaction counts and reads back. The first failure of an
        // account finds no row: it creates one with 0 failures, committed on its own (so concurrent first failures
        // meet one committed row rather than each other's uncommitted inserts), and counts again. A concurrent
        // reset may delete the row in between; then it is created once more.
        for (int round = 0; round < 3; round++) {
            FailureCount counted = jdbc.transaction("record a failure",
                    c -> Jdbc.update(c, INCREMENT, increment) == 1 ? select(c, user) : null);
            if (counted != null) {
                return counted;
            }
            jdbc.autocommit("record a failure", c -> jdbc.insertIfAbsent(c, INSERT, insert));
        }
        throw new StoreUnavailableException("the MFA store could not record a failure (the counter row was deleted"
                + " concurrently three times)", null);
    }

    @Override
    public void reset(String user) {
        Jdbc.requireUser(user);
        jdbc.update("reset the failure count", "DELETE FROM stepwise_attempt WHERE user_id = ?",
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
