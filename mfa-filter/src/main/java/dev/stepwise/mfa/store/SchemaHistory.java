package dev.stepwise.mfa.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code stepwise_schema_history}: one row per version the library's own runner ({@link SchemaMigrator}) started,
 * with the script's name and checksum and how it ended. The runner creates it (it is not in a script: a database
 * whose scripts Flyway or a DBA ran has none, and needs none). A row is written as {@code running} before the
 * script's first statement and set to {@code applied} with its last: on PostgreSQL both are in the version's
 * transaction; on H2 and MariaDB each DDL statement commits on its own, so a failure half-way leaves the row, set
 * to {@code failed} (or still {@code running} when the node died). Under the lock the runner runs such a version
 * again when its checksum is the jar's (every statement is idempotent), and refuses when it is not. A node only ever
 * updates the row it wrote itself (same version, state and start time).
 */
final class SchemaHistory {

    /** How a version the runner started ended. */
    enum State { RUNNING, APPLIED, FAILED }

    /** One row. */
    record Entry(int version, String script, String checksum, State state, long startedAt, String error) {
    }

    private static final int ERROR_LENGTH = 1000;

    private SchemaHistory() {
    }

    /** Creates the table unless there. */
    static void create(Connection c, Dialect dialect) throws SQLException {
        String options = dialect == Dialect.MARIADB
                ? " ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin" : "";
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS stepwise_schema_history ("
                    + " version INT NOT NULL PRIMARY KEY, script VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL,"
                    + " state VARCHAR(16) NOT NULL, started_at BIGINT NOT NULL, finished_at BIGINT,"
                    + " error VARCHAR(" + ERROR_LENGTH + "))" + options);
        }
    }

    /** The rows by version; none when the table is not there. */
    static Map<Integer, Entry> read(Connection c) throws SQLException {
        Map<Integer, Entry> rows = new TreeMap<>();
        if (!tableExists(c, "stepwise_schema_history")) {
            return rows;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version, script, checksum,"
                + " state, started_at, error FROM stepwise_schema_history")) {
            while (rs.next()) {
                rows.put(rs.getInt(1), new Entry(rs.getInt(1), rs.getString(2), rs.getString(3),
                        state(rs.getInt(1), rs.getString(4)), rs.getLong(5), rs.getString(6)));
            }
        }
        return rows;
    }

    private static State state(int version, String value) {
        for (State s : State.values()) {
            if (s.name().equals(value)) {
                return s;
            }
        }
        throw new StoreSchemaException("stepwise_schema_history holds state '" + value + "' for version " + version
                + ", which no release writes (RUNNING, APPLIED or FAILED): the row was edited by hand; set it back, or"
                + " delete the row if the version's script has been run to the end");
    }

    /**
     * Records that {@code script} starts: a new row, or (running it again) the row a node left {@code running} or
     * {@code failed}, claimed only if it is still as read.
     *
     * @return the row's start time, which {@link #finished} matches
     * @throws SQLException when another node's row is there, or {@code previous} changed since it was read
     */
    static long started(Connection c, SchemaScript script, Entry previous, long now) throws SQLException {
        long startedAt = previous != null && previous.startedAt() == now ? now + 1 : now;
        if (previous == null) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO stepwise_schema_history"
                    + " (version, script, checksum, state, started_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setInt(1, script.version());
                ps.setString(2, script.fileName());
                ps.setString(3, script.checksum());
                ps.setString(4, State.RUNNING.name());
                ps.setLong(5, startedAt);
                ps.executeUpdate();
            }
            return startedAt;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE stepwise_schema_history SET state = ?, started_at = ?,"
                + " finished_at = NULL, error = NULL WHERE version = ? AND state = ? AND started_at = ?")) {
            ps.setString(1, State.RUNNING.name());
            ps.setLong(2, startedAt);
            ps.setInt(3, script.version());
            ps.setString(4, previous.state().name());
            ps.setLong(5, previous.startedAt());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("the history row of version " + script.version() + " changed while it was "
                        + "read: another node is on it");
            }
        }
        return startedAt;
    }

    /**
     * Records how the version this node started at {@code startedAt} ended; {@code error} is null when it was
     * applied. Changes no other node's row.
     *
     * @return the rows changed: 1, or 0 when the row is not this node's (or was rolled back with the version)
     */
    static int finished(Connection c, int version, long startedAt, long now, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE stepwise_schema_history SET state = ?,"
                + " finished_at = ?, error = ? WHERE version = ? AND state = ? AND started_at = ?")) {
            ps.setString(1, (error == null ? State.APPLIED : State.FAILED).name());
            ps.setLong(2, now);
            ps.setString(3, error == null || error.length() <= ERROR_LENGTH ? error : error.substring(0, ERROR_LENGTH));
            ps.setInt(4, version);
            ps.setString(5, State.RUNNING.name());
            ps.setLong(6, startedAt);
            return ps.executeUpdate();
        }
    }

    /**
     * Whether the connection's current schema (PostgreSQL, H2) or database (MariaDB) has a table of that name, in
     * whatever case the database keeps unquoted names.
     */
    static boolean tableExists(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String name = md.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
        try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), name, new String[]{"TABLE"})) {
            return rs.next();
        }
    }
}
