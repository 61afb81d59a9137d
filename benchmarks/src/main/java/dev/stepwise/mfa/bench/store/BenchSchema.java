package dev.stepwise.mfa.bench.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;

/**
 * A fresh PostgreSQL schema {@code stepwise_bench_<users>_<random>} for one store size, with two data sources: the
 * pooled, counting one the library's store uses, and a plain one for filling, restoring and query plans (not
 * counted).
 */
final class BenchSchema implements AutoCloseable {

    final String name;
    final int users;
    final PooledCountingDataSource counted;
    final UrlDataSource plain;
    /** Pooled like {@link #counted} but apart from it: the benchmark's own untimed writes. */
    final PooledCountingDataSource uncounted;
    private final UrlDataSource admin;
    private final boolean keep;

    /**
     * @param syncCommit {@code synchronous_commit} of the store's connections: {@code on} (PostgreSQL's default:
     *                   each commit waits for its WAL flush) or {@code off} (the statements' own cost)
     */
    BenchSchema(String url, String user, int users, boolean keep, String syncCommit) throws SQLException {
        byte[] b = new byte[4];
        new SecureRandom().nextBytes(b);
        this.name = "stepwise_bench_" + users + "_" + HexFormat.of().formatHex(b);
        this.users = users;
        this.keep = keep;
        this.admin = source(url, user, null);
        try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + name);
        }
        this.plain = source(url, user, name);
        UrlDataSource store = source(url, user, name);
        store.properties.setProperty("options", "-c synchronous_commit=" + syncCommit);
        this.counted = new PooledCountingDataSource(store);
        UrlDataSource own = source(url, user, name);
        own.properties.setProperty("options", "-c synchronous_commit=off");   // untimed bookkeeping need not wait
        this.uncounted = new PooledCountingDataSource(own);
    }

    private static UrlDataSource source(String url, String user, String schema) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("connectTimeout", "5");
        p.setProperty("reWriteBatchedInserts", "true");
        if (schema != null) {
            p.setProperty("currentSchema", schema);
        }
        return new UrlDataSource(url, p);
    }

    /**
     * Blocks the schema's tables and indexes have read into PostgreSQL's buffer cache so far (from the operating
     * system's cache or the disk): how often a look-up missed {@code shared_buffers}. Backends report their
     * counts up to a second late, so callers wait that long before asking.
     */
    long blocksRead() throws SQLException {
        String sql = "SELECT COALESCE(SUM(heap_blks_read + COALESCE(idx_blks_read, 0)), 0) FROM pg_statio_user_tables"
                + " WHERE schemaname = '" + name + "'";
        try (Connection c = plain.getConnection(); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A checkpoint of the whole server (needs a superuser or {@code pg_checkpoint}). */
    void checkpoint() throws SQLException {
        try (Connection c = plain.getConnection(); Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
        }
    }

    /** The server's write-ahead log position, in bytes. */
    long walPosition() throws SQLException {
        try (Connection c = plain.getConnection(); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The schema's size on disk, tables with their indexes, and the server's {@code shared_buffers}. */
    String size() throws SQLException {
        String sql = "SELECT pg_size_pretty(SUM(pg_total_relation_size(c.oid))), current_setting('shared_buffers')"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + name
                + "' AND c.relkind = 'r'";
        try (Connection c = plain.getConnection(); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1) + " (shared_buffers " + rs.getString(2) + ")";
        }
    }

    @Override
    public void close() throws SQLException {
        counted.close();
        uncounted.close();
        if (keep) {
            System.getLogger(BenchSchema.class.getName()).log(System.Logger.Level.INFO, "kept schema " + name);
            return;
        }
        try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA " + name + " CASCADE");
        }
    }

    /**
     * Connections from the PostgreSQL driver by URL ({@link DriverManager}): the driver is on the benchmark's class
     * path at run time only.
     */
    static final class UrlDataSource extends OneUserDataSource {
        private final String url;
        final Properties properties;

        UrlDataSource(String url, Properties properties) {
            this.url = url;
            this.properties = properties;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, properties);
        }
    }
}
