package dev.stepwise.mfa.store;

import dev.stepwise.mfa.testing.DatabaseServer;
import dev.stepwise.mfa.testing.TestMariaDb;
import dev.stepwise.mfa.testing.TestPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A database of its own for one test class: an H2 in-memory database, a fresh PostgreSQL schema or a fresh
 * MariaDB database {@code stepwise_test_<random>} (dropped on close) so repeated and concurrent runs never share
 * tables. Which PostgreSQL and MariaDB servers: {@link TestPostgres} and {@link TestMariaDb}.
 */
abstract class TestDatabase implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    abstract DataSource dataSource();

    abstract Dialect dialect();

    @Override
    public abstract void close();

    static String randomSuffix() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static TestDatabase h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:stepwise_" + randomSuffix() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return new TestDatabase() {
            @Override
            DataSource dataSource() {
                return ds;
            }

            @Override
            Dialect dialect() {
                return Dialect.H2;
            }

            @Override
            public void close() {
                try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                    st.execute("SHUTDOWN");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    /**
     * A fresh schema on the tests' PostgreSQL ({@link TestPostgres}: the named server, or an embedded one). A named
     * server that does not answer FAILS the test (never skips).
     */
    static TestDatabase postgres() {
        TestPostgres.Schema schema = TestPostgres.freshSchema();
        DataSource ds = schema.dataSource();
        return new TestDatabase() {
            @Override
            DataSource dataSource() {
                return ds;
            }

            @Override
            Dialect dialect() {
                return Dialect.POSTGRESQL;
            }

            @Override
            public void close() {
                schema.close();
            }
        };
    }

    /**
     * A fresh database on the tests' MariaDB ({@link TestMariaDb}), dropped on close. A named server that does not
     * answer FAILS the test; without one, the test is skipped when nothing listens on 127.0.0.1:3306.
     */
    static TestDatabase mariadb() {
        return mariadb("");
    }

    /** {@link #mariadb()} whose data source has these Connector/J options ({@code &}-separated). */
    static TestDatabase mariadb(String options) {
        DatabaseServer server = TestMariaDb.server();
        String name = "stepwise_test_" + randomSuffix();
        MariaDbDataSource admin = TestMariaDb.dataSource(server, "");
        try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " CHARACTER SET latin1");   // the tables must not rely on it
        } catch (SQLException e) {
            fail("MariaDB " + server + " refused to create a database: " + e.getMessage(), e);
        }
        MariaDbDataSource ds = TestMariaDb.dataSource(server, name + (options.isEmpty() ? "" : "?" + options));
        return new TestDatabase() {
            @Override
            DataSource dataSource() {
                return ds;
            }

            @Override
            Dialect dialect() {
                return Dialect.MARIADB;
            }

            @Override
            public void close() {
                try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
                    st.execute("DROP DATABASE " + name);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }
}
