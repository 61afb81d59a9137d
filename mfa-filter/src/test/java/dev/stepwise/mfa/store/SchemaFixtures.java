package dev.stepwise.mfa.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Databases in the states earlier builds, a DBA or a fault leave them in, and what their schema tables say. */
final class SchemaFixtures {

    private SchemaFixtures() {
    }

    /** Runs scripts 1 to {@code upTo} statement by statement in autocommit mode, as a DBA would. */
    static void runScripts(DataSource ds, Dialect dialect, int upTo) throws SQLException {
        for (int v = 1; v <= upTo; v++) {
            execute(ds, SchemaScripts.of(dialect, v).statements().toArray(String[]::new));
        }
    }

    /**
     * The first release's schema as its build installed it: version 1's tables, and the version row it wrote
     * ({@code 1, 'initial schema'}); no runner history.
     */
    static void firstReleaseDatabase(DataSource ds, Dialect dialect) throws SQLException {
        List<String> v1 = new ArrayList<>(SchemaScripts.of(dialect, 1).statements());
        v1.set(v1.size() - 1, "INSERT INTO stepwise_schema_version (version, installed_at, description)"
                + " VALUES (1, 1795000000000, 'initial schema')");
        execute(ds, v1.toArray(String[]::new));
    }

    /**
     * Makes a migrated database look like one an earlier build left: only version 1 recorded, no runner history
     * (the tables of later versions that the test dropped are then what that build lacked).
     */
    static void asLeftByAnEarlierBuild(DataSource ds) throws SQLException {
        execute(ds, "DELETE FROM stepwise_schema_version WHERE version > 1", "DROP TABLE stepwise_schema_history");
    }

    /** A runner history row of version 2 as a node that died mid-version left it: {@code RUNNING} since 0. */
    static void leftRunning(DataSource ds, String script, String checksum) throws SQLException {
        execute(ds, "CREATE TABLE stepwise_schema_history (version INT NOT NULL PRIMARY KEY, script VARCHAR(200) NOT"
                + " NULL, checksum VARCHAR(64) NOT NULL, state VARCHAR(16) NOT NULL, started_at BIGINT NOT NULL,"
                + " finished_at BIGINT, error VARCHAR(1000))", "INSERT INTO stepwise_schema_history VALUES (2, '"
                + script + "', '" + checksum + "', 'RUNNING', 0, NULL, NULL)");
    }

    static void execute(DataSource ds, String... statements) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /** The versions in {@code stepwise_schema_version}, with how often each is there. */
    static Map<Integer, Integer> recorded(DataSource ds) throws SQLException {
        return counts(ds, "SELECT version FROM stepwise_schema_version");
    }

    /** The runner's rows: version to state. */
    static Map<Integer, String> history(DataSource ds) throws SQLException {
        Map<Integer, String> rows = new TreeMap<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, state FROM stepwise_schema_history")) {
            while (rs.next()) {
                rows.put(rs.getInt(1), rs.getString(2));
            }
        }
        return rows;
    }

    static Map<Integer, Integer> counts(DataSource ds, String query) throws SQLException {
        Map<Integer, Integer> counts = new TreeMap<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                counts.merge(rs.getInt(1), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The library's tables in the connection's schema, lower case, sorted. */
    static List<String> tables(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return StoreContractTest.tables(c).stream().map(t -> t.toLowerCase(java.util.Locale.ROOT)).sorted()
                    .toList();
        }
    }

    /** Versions 1 to {@code n}, each once. */
    static Map<Integer, Integer> once(int n) {
        Map<Integer, Integer> m = new TreeMap<>();
        for (int v = 1; v <= n; v++) {
            m.put(v, 1);
        }
        return m;
    }
}
