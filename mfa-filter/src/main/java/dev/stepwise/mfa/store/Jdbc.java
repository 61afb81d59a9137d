package dev.stepwise.mfa.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plain JDBC for the store classes: borrows a connection per operation, runs work in autocommit mode or in one
 * transaction, and turns every {@link SQLException} into a {@link StoreUnavailableException} whose message names
 * the operation and the SQLState, never a bound value.
 */
final class Jdbc {

    /** SQLState class 23, unique violation: the same in H2 and PostgreSQL (MariaDB: see {@link #isUniqueViolation}). */
    static final String UNIQUE_VIOLATION = "23505";

    /** MariaDB's {@code ER_DUP_ENTRY} and {@code ER_DUP_ENTRY_WITH_KEY_NAME}, reported with SQLState 23000. */
    private static final int MARIADB_DUPLICATE = 1062;
    private static final int MARIADB_DUPLICATE_WITH_KEY_NAME = 1586;

    /** MariaDB's {@code ER_LOCK_DEADLOCK} (SQLState 40001): the server rolled the whole transaction back. */
    private static final int MARIADB_DEADLOCK = 1213;

    /** How often a transaction is tried in all when MariaDB picks it as a deadlock victim. */
    static final int DEADLOCK_RETRIES = 3;

    /** Longest user id the tables hold ({@code VARCHAR(255)}). */
    static final int MAX_USER_LENGTH = 255;

    /** Work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Binds parameters of one statement. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Turns the current row of a result into a value. */
    @FunctionalInterface
    interface Row<T> {
        T of(ResultSet rs) throws SQLException;
    }

    private final DataSource dataSource;
    private final Dialect dialect;

    Jdbc(DataSource dataSource, Dialect dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} on a connection in autocommit mode: each statement commits on its own. */
    <T> T autocommit(String operation, Work<T> work) {
        try (Given c = new Given(connection())) {
            if (!c.connection().getAutoCommit()) {
                c.connection().setAutoCommit(true);
            }
            return work.run(c.connection());
        } catch (SQLException e) {
            throw fault(operation, e);
        }
    }

    /**
     * A connection to give back to the pool when done. A pool that fails with an unchecked exception while it takes
     * it back (Payara's timer, while it replaced terminated connections) does not undo what the statements did:
     * ignored, the pool's own affair.
     */
    private record Given(Connection connection) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            try {
                connection.close();
            } catch (RuntimeException poolsOwn) {
                // the work is done (committed, or failed with its own exception): nothing to add
            }
        }
    }

    /**
     * Runs {@code work} in one transaction: everything it wrote is committed together, or, on any failure,
     * rolled back together (nothing half-written). On MariaDB a transaction that InnoDB chose as the victim of a
     * deadlock has been rolled back whole by the server, so it is run again from the start, at most
     * {@value #DEADLOCK_RETRIES} times in all ({@code work} reads everything it needs from the database).
     */
    <T> T transaction(String operation, Work<T> work) {
        return transaction(operation, false, work);
    }

    /**
     * {@link #transaction(String, Work)} at READ COMMITTED, the default of H2 and PostgreSQL: on MariaDB (whose
     * default is REPEATABLE READ) a {@code SET TRANSACTION ISOLATION LEVEL READ COMMITTED} comes first, so a
     * statement that scans an index by a non-unique key locks the rows it finds, not the gaps between them (two
     * users' transactions deleting and inserting by {@code user_id} would otherwise deadlock on each other's gaps).
     */
    <T> T transactionReadCommitted(String operation, Work<T> work) {
        return transaction(operation, dialect == Dialect.MARIADB, work);
    }

    private <T> T transaction(String operation, boolean setReadCommitted, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactionOnce(setReadCommitted, work);
            } catch (SQLException e) {
                if (attempt < DEADLOCK_RETRIES && dialect == Dialect.MARIADB && isDeadlock(e)) {
                    continue;
                }
                throw fault(operation, e);
            }
        }
    }

    private <T> T transactionOnce(boolean setReadCommitted, Work<T> work) throws SQLException {
        try (Given given = new Given(connection())) {
            Connection c = given.connection();
            c.setAutoCommit(false);
            try {
                if (setReadCommitted) {
                    try (Statement st = c.createStatement()) {
                        st.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
                    }
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                restoreAutoCommit(c);
            }
        }
    }

    /**
     * A connection from the data source. A pool that fails with an unchecked exception instead of an
     * {@link SQLException} (Payara's did, from its timer, while it replaced connections the database had
     * terminated) is the store being unreachable too: SQLState 08000, so the caller answers 503 like for a refused
     * connection, never a library failure.
     */
    private Connection connection() throws SQLException {
        try {
            return dataSource.getConnection();
        } catch (RuntimeException e) {
            throw new SQLException("the data source failed to give a connection (" + e.getClass().getName() + ")",
                    "08000", e);
        }
    }

    /** One statement in autocommit mode; its update count. */
    int update(String operation, String sql, Binder binder) {
        return autocommit(operation, c -> update(c, sql, binder));
    }

    /** The rows of one query in autocommit mode, each turned into a value by {@code row}, in the order read. */
    <T> List<T> list(String operation, String sql, Binder binder, Row<T> row) {
        return autocommit(operation, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(row.of(rs));
                    }
                    return rows;
                }
            }
        });
    }

    static int update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    /**
     * Inserts a row unless one with the same key (primary or unique) exists, without an error and without
     * overwriting it: PostgreSQL's {@code ON CONFLICT DO NOTHING}; on H2 and MariaDB the unique violation is caught
     * (both roll back only the failed statement, not the transaction). Not MariaDB's {@code INSERT IGNORE}, which
     * would also turn a value too long or a missing one into a warning.
     *
     * @param insert an {@code INSERT INTO … VALUES (…)} statement
     * @return whether this call inserted the row
     */
    boolean insertIfAbsent(Connection c, String insert, Binder binder) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            return update(c, insert + " ON CONFLICT DO NOTHING", binder) == 1;
        }
        try {
            return update(c, insert, binder) == 1;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Whether {@code e} reports a duplicate primary or unique key, in any supported database. */
    static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState()) || "23000".equals(e.getSQLState())
                && (e.getErrorCode() == MARIADB_DUPLICATE || e.getErrorCode() == MARIADB_DUPLICATE_WITH_KEY_NAME);
    }

    /** Whether MariaDB chose the transaction of {@code e} as a deadlock victim (and rolled it back whole). */
    static boolean isDeadlock(SQLException e) {
        return e.getErrorCode() == MARIADB_DEADLOCK && "40001".equals(e.getSQLState());
    }

    /**
     * Inserts a row, or replaces the non-key columns of the existing one, in one statement: H2's
     * {@code MERGE INTO … KEY (…)}, PostgreSQL's {@code INSERT … ON CONFLICT (…) DO UPDATE}, MariaDB's
     * {@code INSERT … ON DUPLICATE KEY UPDATE} (used only on tables whose one unique key is the primary key).
     *
     * @param table   the table
     * @param keys    the primary-key columns, bound first
     * @param columns the other columns, bound after the keys in this order
     */
    int upsert(Connection c, String table, List<String> keys, List<String> columns, Binder binder)
            throws SQLException {
        String key = String.join(", ", keys);
        String all = key + ", " + String.join(", ", columns);
        String marks = "?" + ", ?".repeat(keys.size() + columns.size() - 1);
        String insert = "INSERT INTO " + table + " (" + all + ") VALUES (" + marks + ")";
        String sql = switch (dialect) {
            case POSTGRESQL -> insert + " ON CONFLICT (" + key + ") DO UPDATE SET "
                    + assignments(columns, "EXCLUDED.%s");
            case MARIADB -> insert + " ON DUPLICATE KEY UPDATE " + assignments(columns, "VALUES(%s)");
            case H2 -> "MERGE INTO " + table + " (" + all + ") KEY (" + key + ") VALUES (" + marks + ")";
        };
        return update(c, sql, binder);
    }

    private static String assignments(List<String> columns, String newValue) {
        StringBuilder set = new StringBuilder();
        for (String col : columns) {
            set.append(set.length() == 0 ? "" : ", ").append(col).append(" = ").append(String.format(newValue, col));
        }
        return set.toString();
    }

    /** The exception callers see; no bound value ever reaches its message. */
    static StoreUnavailableException fault(String operation, SQLException e) {
        StoreFaults.record();
        return new StoreUnavailableException("the MFA store could not " + operation + " (SQLState "
                + e.getSQLState() + ", error " + e.getErrorCode() + ")", e);
    }

    /** Checks a user id before it reaches SQL: a misuse, not a store fault. */
    static String requireUser(String user) {
        Objects.requireNonNull(user, "user");
        if (user.isEmpty() || user.length() > MAX_USER_LENGTH) {
            throw new IllegalArgumentException("a user id must have 1 to " + MAX_USER_LENGTH + " characters");
        }
        return user;
    }

    /** Times are stored as epoch milliseconds (BIGINT): exact round trips, no time-zone conversion by drivers. */
    static long millis(Instant t) {
        return t.toEpochMilli();
    }

    static Instant instant(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    private static void rollbackQuietly(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is broken; closing it is all that is left, and the pool discards it
        }
    }
}
