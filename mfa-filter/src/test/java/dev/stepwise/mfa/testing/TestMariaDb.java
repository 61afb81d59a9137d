package dev.stepwise.mfa.testing;

import org.mariadb.jdbc.MariaDbDataSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The one place where the project's tests find MariaDB (README.md, "Tests"):
 * <ol>
 *   <li>the server named by {@code -Dstepwise.test.mariadb.url} (with {@code .user}, {@code .password}) or by the
 *       environment variable {@code STEPWISE_TEST_MARIADB_URL} ({@code _USER}, {@code _PASSWORD}); the user defaults
 *       to {@code root}. A named server that does not answer FAILS the test (CI names its server, so CI never
 *       skips);</li>
 *   <li>otherwise the default, {@code jdbc:mariadb://127.0.0.1:3306/} as {@code root} without a password (the system
 *       property {@code stepwise.test.mariadb.default-url} moves it, to try this rule). When nothing listens there
 *       the MariaDB tests are SKIPPED, so that a machine with only a JDK and Maven passes; when something listens
 *       but does not let {@code root} in, they fail, saying how to name the server.</li>
 * </ol>
 */
public final class TestMariaDb {

    static final String DEFAULT_URL = "jdbc:mariadb://127.0.0.1:3306/";

    /** What the tests do with MariaDB. */
    enum Choice { USE, SKIP, FAIL }

    private static DatabaseServer server;
    private static Choice choice;
    private static String message;

    private TestMariaDb() {
    }

    /** The named or default server; aborts the calling test (skipped) or fails it as the rules above say. */
    public static synchronized DatabaseServer server() {
        if (choice == null) {
            decide();
        }
        if (choice == Choice.SKIP) {
            abort(message);
        }
        if (choice == Choice.FAIL) {
            fail(message);
        }
        return server;
    }

    /** {@link TestMariaDb}'s message when the MariaDB tests are to be skipped, else {@code null}. */
    public static synchronized String skipReason() {
        if (choice == null) {
            decide();
        }
        return choice == Choice.SKIP ? message : null;
    }

    /**
     * The rule: a named server must let us in; without one, the default is used when it lets us in, skipped when
     * nothing listens on its port, and a failure when something listens there but refuses us.
     */
    static Choice choose(boolean named, boolean portListens, boolean signsIn) {
        if (signsIn) {
            return Choice.USE;
        }
        return named || portListens ? Choice.FAIL : Choice.SKIP;
    }

    private static void decide() {
        ServerSetting named = ServerSetting.named("mariadb", "root");
        DatabaseServer candidate = named != null ? named.server()
                : new DatabaseServer(System.getProperty("stepwise.test.mariadb.default-url", DEFAULT_URL), "root", "",
                        "the default, as no server is named");
        String refusal = signInRefusal(candidate);
        boolean listens = named != null || refusal == null || listens(candidate.url());
        choice = choose(named != null, listens, refusal == null);
        server = candidate;
        String howToName = ServerSetting.howToName("mariadb", DEFAULT_URL, "root");
        if (choice == Choice.SKIP) {
            message = "MariaDB tests SKIPPED: no MariaDB is named and nothing listens at " + candidate.url()
                    + ". To run them, start MariaDB there (user root without a password) or name one: " + howToName
                    + ". CI names its server, so CI never skips them.";
            System.err.println("[stepwise tests] " + message);
        } else if (choice == Choice.FAIL) {
            message = "MariaDB " + candidate + " does not let the tests in (" + refusal + "). Start that server or "
                    + "correct the URL, user or password; to name one: " + howToName + ".";
        }
    }

    /** {@code null} when {@code s} lets us in, else the driver's reason. */
    private static String signInRefusal(DatabaseServer s) {
        try (Connection c = dataSource(s, "").getConnection()) {
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    /** Whether anything accepts a TCP connection at the host and port of a {@code jdbc:mariadb://} URL. */
    static boolean listens(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        int port = uri.getPort() < 0 ? 3306 : uri.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), 3000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A data source on {@code s} for {@code databaseAndOptions}, appended to its URL: a database name ("" for none)
     * and Connector/J options after "?".
     */
    public static MariaDbDataSource dataSource(DatabaseServer s, String databaseAndOptions) {
        try {
            String base = s.url().indexOf('/', "jdbc:mariadb://".length()) < 0 ? s.url() + "/" : s.url();
            String url = base + databaseAndOptions;
            MariaDbDataSource ds = new MariaDbDataSource(url + (url.contains("?") ? "&" : "?") + "connectTimeout=5000");
            ds.setUser(s.user());
            ds.setPassword(s.password());
            return ds;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
