package dev.stepwise.mfa.bench.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's housekeeping, {@code JdbcStore.purgeExpired(now, memory)} (run by the library at start-up and every
 * six hours): its query plans, each {@code DELETE} run under {@code EXPLAIN (ANALYZE, BUFFERS)} in a transaction
 * that is rolled back, then the real purge once, timed and counted.
 */
final class Housekeeping {

    /** {@code stepwise.mfa.adaptive.memory} default. */
    static final Duration MEMORY = Duration.ofDays(90);

    private Housekeeping() {
    }

    /** The statements {@code purgeExpired} runs, with the values bound (the SQL of the store classes). */
    static List<String> deletes(Instant now) {
        long t = now.toEpochMilli();
        return List.of("DELETE FROM stepwise_trusted_device WHERE expires_at < " + t,
                "DELETE FROM stepwise_trust_key WHERE expires_at <= " + t,
                "DELETE FROM stepwise_otp WHERE expires_at <= " + t,
                "DELETE FROM stepwise_exemption WHERE until_at <= " + t,
                "DELETE FROM stepwise_enrol_hold WHERE until_at <= " + t,
                "DELETE FROM stepwise_risk_history WHERE kind <> 'LOGIN' AND last_seen_at < "
                        + now.minus(MEMORY).toEpochMilli());
    }

    /**
     * The index tried for housekeeping in the largest store and left out of the schema (outcome and reason:
     * benchmarks/notes/store.md and the schema files). The devices' {@code expires_at} index is in the schema.
     */
    static final List<String> PROPOSED = List.of(
            "CREATE INDEX stepwise_risk_history_seen ON stepwise_risk_history (last_seen_at)");

    /** Creates ({@code true}) or drops the {@link #PROPOSED} indexes. */
    static void proposedIndexes(BenchSchema schema, boolean create) throws SQLException {
        try (Connection c = schema.plain.getConnection(); Statement st = c.createStatement()) {
            for (String sql : PROPOSED) {
                st.execute(create ? sql : "DROP INDEX " + sql.split(" ")[2]);
            }
            if (create) {
                st.execute("ANALYZE stepwise_risk_history");
            }
        }
    }

    /** The plan and timing of each delete, rolled back. */
    static List<String> plans(BenchSchema schema, Instant now) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = schema.plain.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : deletes(now)) {
                out.add("-- " + sql);
                try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                c.rollback();
            }
            c.setAutoCommit(true);
        }
        return out;
    }

    /** Runs the real purge once; {@code [rows deleted, nanoseconds, statements]}. */
    static long[] purge(Operations ops) {
        long s0 = ops.schema.counted.statements();
        long t0 = System.nanoTime();
        int rows = ops.store.purgeExpired(ops.now, MEMORY);
        long t1 = System.nanoTime();
        return new long[] {rows, t1 - t0, ops.schema.counted.statements() - s0};
    }
}
