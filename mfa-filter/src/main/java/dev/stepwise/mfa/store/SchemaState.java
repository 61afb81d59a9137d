package dev.stepwise.mfa.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a database holds of the schema, read without writing: the versions recorded in
 * {@code stepwise_schema_version} (each script's last statement records its own, whoever runs it: this library,
 * Flyway or a DBA; a database made by a build before versioned scripts records version 1) and the rows of the
 * library's runner ({@link SchemaHistory}).
 *
 * @param recorded the versions in {@code stepwise_schema_version}; empty when the table is not there
 * @param history  the runner's rows by version
 */
record SchemaState(SortedSet<Integer> recorded, Map<Integer, SchemaHistory.Entry> history) {

    /**
     * Reads both tables (in autocommit mode or in a transaction: no statement here can fail on a missing table),
     * the history first: a version's history row turns applied in the commit that records the version, so a
     * version read as applied is always read as recorded too, even while another node migrates.
     */
    static SchemaState read(Connection c) throws SQLException {
        Map<Integer, SchemaHistory.Entry> history = SchemaHistory.read(c);
        SortedSet<Integer> recorded = new TreeSet<>();
        if (SchemaHistory.tableExists(c, "stepwise_schema_version")) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT version FROM stepwise_schema_version")) {
                while (rs.next()) {
                    recorded.add(rs.getInt(1));
                }
            }
        }
        return new SchemaState(recorded, history);
    }

    /** The highest version recorded, 0 for none. */
    int highest() {
        return recorded.isEmpty() ? 0 : recorded.last();
    }

}
