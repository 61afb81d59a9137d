package dev.stepwise.mfa.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code stepwise_schema_history}: one row per version the library's own runner ({@link SchemaMigrator}) started,
 * with the script's name and checksum and how it ended. The runner creates it (it is not in a script: a database
 * whose scripts Flyway or a DBA ran has none, and needs none). A row is written as {@code running} before the
 * script's first statement and set to {@code applied} with its last: on PostgreSQL both are in the version's
 * transaction; on H2 and MariaDB each DDL statement commits on its own, so a failure half-way leaves the row, set
 * to {@code failed} (or still {@code running} when the node died), and the runner refuses to go on over it.
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
        if (!SchemaState.tableExists(c, "stepwise_schema_history")) {
            return rows;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version, script, checksum,"
                + " state, started_at, error FROM stepwise_schema_history")) {
            while (rs.next()) {
                rows.put(rs.getInt(1), new Entry(rs.getInt(1), rs.getString(2), rs.getString(3),
                        State.valueOf(rs.getString(4)), rs.getLong(5), rs.getString(6)));
            }
        }
        return rows;
    }

    /** Records that {@code script} starts. */
    static void started(Connection c, SchemaScript script, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO stepwise_schema_history"
                + " (version, script, checksum, state, started_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setInt(1, script.version());
            ps.setString(2, script.fileName());
            ps.setString(3, script.checksum());
            ps.setString(4, State.RUNNING.name());
            ps.setLong(5, now);
            ps.executeUpdate();
        }
    }

    /** Records how a started version ended; {@code error} is null when it was applied. */
    static int finished(Connection c, int version, long now, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE stepwise_schema_history"
                + " SET state = ?, finished_at = ?, error = ? WHERE version = ?")) {
            ps.setString(1, (error == null ? State.APPLIED : State.FAILED).name());
            ps.setLong(2, now);
            ps.setString(3, error == null || error.length() <= ERROR_LENGTH ? error : error.substring(0, ERROR_LENGTH));
            ps.setInt(4, version);
            return ps.executeUpdate();
        }
    }
}
