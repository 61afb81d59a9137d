package dev.stepwise.mfa.bench.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * Writes the figures to the report file: the table per operation and size, the ratios, the query plans and the
 * housekeeping (Markdown, as the notes quote it).
 */
final class Report {

    private final PrintWriter out;

    Report(PrintWriter out) {
        this.out = out;
    }

    void table(List<Operations> sizes, List<Map<String, Samples>> results) {
        out.println();
        out.println("| operation | users | median µs | p90 µs | p99 µs | mean µs | round medians µs | SQL/op"
                + " | blocks read/op | WAL bytes/op |");
        out.println("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|");
        for (String op : results.get(0).keySet()) {
            for (int i = 0; i < sizes.size(); i++) {
                Samples s = results.get(i).get(op);
                StringBuilder rounds = new StringBuilder();
                for (int r = 0; r < s.roundCount(); r++) {
                    rounds.append(r == 0 ? "" : " ").append(String.format("%.0f", s.roundMedianMicros(r)));
                }
                out.printf("| %s | %,d | %.0f | %.0f | %.0f | %.0f | %s | %.2f | %.2f | %,.0f |%n", op,
                        sizes.get(i).schema.users, s.percentileMicros(50), s.percentileMicros(90),
                        s.percentileMicros(99), s.meanMicros(), rounds, s.statementsPerOp(), s.blocksReadPerOp(),
                        s.walBytesPerOp());
            }
        }
        out.println();
        int last = sizes.size() - 1;
        for (String op : results.get(0).keySet()) {
            Samples small = results.get(0).get(op);
            Samples large = results.get(last).get(op);
            double lo = Double.MAX_VALUE;
            double hi = 0;
            for (int r = 0; r < Math.min(small.roundCount(), large.roundCount()); r++) {
                double q = large.roundMedianMicros(r) / small.roundMedianMicros(r);
                lo = Math.min(lo, q);
                hi = Math.max(hi, q);
            }
            out.printf("ratio %,d/%,d users, %s: median %.2f, mean %.2f, p90 %.2f (round medians %.2f..%.2f)%n",
                    sizes.get(last).schema.users, sizes.get(0).schema.users, op,
                    large.percentileMicros(50) / small.percentileMicros(50), large.meanMicros() / small.meanMicros(),
                    large.percentileMicros(90) / small.percentileMicros(90), lo, hi);
        }
    }

    /** The plans of the per-operation statements for one user of the largest store (read-only ones run). */
    void plans(Operations o) throws SQLException {
        String user = "'" + Population.user(o.schema.users / 2) + "'";
        String device = "'" + Population.deviceId(o.schema.users / 2, 1) + "'";
        List<String> queries = List.of(
                "SELECT failures, last_failure_at FROM stepwise_attempt WHERE user_id = " + user,
                "SELECT secret_box, active, last_step FROM stepwise_totp WHERE user_id = " + user,
                "SELECT id, salt, iterations, code_hash FROM stepwise_recovery_code WHERE user_id = " + user
                        + " ORDER BY id",
                "SELECT COUNT(*) FROM stepwise_recovery_code WHERE user_id = " + user,
                "SELECT device_id, user_id, created_at, last_seen_at, user_agent, expires_at, revoked_at"
                        + " FROM stepwise_trusted_device WHERE device_id = " + device,
                "SELECT last_seen_at FROM stepwise_risk_history WHERE user_id = " + user
                        + " AND kind = 'LOGIN' AND item = ''");
        out.println();
        out.printf("Query plans at %,d users:%n", o.schema.users);
        try (Connection c = o.schema.plain.getConnection(); Statement st = c.createStatement()) {
            for (String q : queries) {
                out.println("-- " + q);
                try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + q)) {
                    while (rs.next()) {
                        out.println(rs.getString(1));
                    }
                }
            }
        }
    }

    /**
     * What the measured writes did to the tables a verification updates, per size: rows inserted and updated, how
     * many of the updates were HOT (no index entry written, the new version on the same page), dead versions left
     * and the size. A non-HOT update writes an entry in every index of the table and a page elsewhere.
     */
    void writes(List<Operations> sizes) throws SQLException {
        out.println();
        out.println("| users | table | inserted | updated | of which HOT | dead | size |");
        out.println("|---:|---|---:|---:|---:|---:|---:|");
        for (Operations o : sizes) {
            String sql = "SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_dead_tup,"
                    + " pg_size_pretty(pg_total_relation_size(relid)) FROM pg_stat_user_tables WHERE schemaname = '"
                    + o.schema.name + "' AND relname IN ('stepwise_attempt', 'stepwise_totp',"
                    + " 'stepwise_trusted_device') ORDER BY relname";
            try (Connection c = o.schema.plain.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.printf("| %,d | %s | %,d | %,d | %,d | %,d | %s |%n", o.schema.users, rs.getString(1),
                            rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getString(6));
                }
            }
        }
    }

    /**
     * The plans of a TOTP verification's two statements (PostgreSQL's, as the library sends them) for three users of
     * each size, each pair run in a transaction that is rolled back: what each touches, reads and writes.
     */
    void verificationPlans(Operations o) throws SQLException {
        out.println();
        out.printf("TOTP verification plans at %,d users (run and rolled back):%n", o.schema.users);
        long at = o.now.toEpochMilli();
        try (Connection c = o.schema.plain.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            for (int g : new int[]{o.schema.users / 2 + 1, o.schema.users / 3 + 1, o.schema.users / 5 + 1}) {
                String user = "'" + Population.user(g) + "'";
                String count = "WITH a AS (INSERT INTO stepwise_attempt (user_id, failures, last_failure_at) VALUES ("
                        + user + ", 1, " + at + ") ON CONFLICT (user_id) DO UPDATE SET failures = EXCLUDED.failures,"
                        + " last_failure_at = EXCLUDED.last_failure_at WHERE stepwise_attempt.failures = 0 RETURNING"
                        + " user_id) SELECT t.secret_box, t.active, t.last_step, h.until_at FROM a LEFT JOIN"
                        + " stepwise_totp t ON t.user_id = a.user_id LEFT JOIN stepwise_enrol_hold h ON h.user_id ="
                        + " t.user_id AND h.factor_id = 'totp'";
                String use = "WITH s AS (UPDATE stepwise_totp SET last_step = 99999999 WHERE user_id = " + user
                        + " AND last_step < 99999999 RETURNING user_id), r AS (UPDATE stepwise_attempt SET failures = 0"
                        + " WHERE user_id IN (SELECT user_id FROM s)) SELECT COUNT(*) FROM s";
                String[][] statements = {{"count and read", count}, {"use and end", use}};
                for (String[] q : statements) {
                    out.println("-- " + q[0] + ", " + user);
                    try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + q[1])) {
                        while (rs.next()) {
                            out.println(rs.getString(1));
                        }
                    }
                }
                c.rollback();
            }
            c.setAutoCommit(true);
        }
    }

    void housekeeping(Operations o, boolean withPlans) throws SQLException {
        out.println();
        if (withPlans) {
            out.printf("Housekeeping plans at %,d users (each delete run and rolled back):%n", o.schema.users);
            Housekeeping.plans(o.schema, o.now).forEach(out::println);
            out.println();
            out.println("The same with the indexes tried " + Housekeeping.PROPOSED + ":");
            Housekeeping.proposedIndexes(o.schema, true);
            Housekeeping.plans(o.schema, o.now).forEach(out::println);
            Housekeeping.proposedIndexes(o.schema, false);
            out.println("(indexes dropped again: the purge below runs on the schema as released)");
        }
        long[] r = Housekeeping.purge(o);
        out.printf("housekeeping at %,d users: purgeExpired deleted %,d rows in %.0f ms, %d statements%n",
                o.schema.users, r[0], r[1] / 1e6, r[2]);
    }
}
