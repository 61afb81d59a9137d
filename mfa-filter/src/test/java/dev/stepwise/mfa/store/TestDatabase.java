package dev.stepwise.mfa.store;

import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

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
 * tables.
 */
abstract class TestDatabase implements AutoCloseable {

    /** PostgreSQL of the CI machine (STACK.md): trust auth, database {@code test}, user {@code postgres}. */
    static final String PG_URL = System.getProperty("stepwise.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String PG_USER = System.getProperty("stepwise.test.postgres.user", "postgres");

    /** MariaDB of the CI machine: user {@code root} without a password on 127.0.0.1:3306. */
    static final String MARIADB_URL = System.getProperty("stepwise.test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/");
    static final String MARIADB_USER = System.getProperty("stepwise.test.mariadb.user", "root");

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
     * A fresh schema in the PostgreSQL test database. Not reachable → the test FAILS (never skips): CI guarantees
     * the server, so its absence is a broken machine that must be seen.
     */
    static TestDatabase postgres() {
        String schema = "stepwise_test_" + randomSuffix();
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(PG_URL);
        admin.setUser(PG_USER);
        admin.setConnectTimeout(5);
        try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            fail("PostgreSQL is not reachable at " + PG_URL + " as user " + PG_USER + " (" + e.getMessage()
                    + "). The store contract tests need it: start PostgreSQL (the CI script .ci/run checks it) or "
                    + "point -Dstepwise.test.postgres.url at one.", e);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(PG_URL);
        ds.setUser(PG_USER);
        ds.setCurrentSchema(schema);
        ds.setConnectTimeout(5);
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
                try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA " + schema + " CASCADE");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    /**
     * A fresh database on the MariaDB server, dropped on close. Not reachable → the test FAILS (never skips): CI
     * guarantees the server, so its absence is a broken machine that must be seen.
     */
    static TestDatabase mariadb() {
        return mariadb("");
    }

    /** {@link #mariadb()} whose data source has these Connector/J options ({@code &}-separated). */
    static TestDatabase mariadb(String options) {
        String name = "stepwise_test_" + randomSuffix();
        MariaDbDataSource admin = mariadbSource("");
        try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " CHARACTER SET latin1");   // the tables must not rely on it
        } catch (SQLException e) {
            fail("MariaDB is not reachable at " + MARIADB_URL + " as user " + MARIADB_USER + " (" + e.getMessage()
                    + "). The store contract tests need it: start MariaDB (the CI script .ci/run checks it) or "
                    + "point -Dstepwise.test.mariadb.url at one.", e);
        }
        MariaDbDataSource ds = mariadbSource(name + (options.isEmpty() ? "" : "?" + options));
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

    private static MariaDbDataSource mariadbSource(String database) {
        try {
            String url = MARIADB_URL + database;
            MariaDbDataSource ds = new MariaDbDataSource(url + (url.contains("?") ? "&" : "?") + "connectTimeout=5000");
            ds.setUser(MARIADB_USER);
            ds.setPassword(System.getProperty("stepwise.test.mariadb.password", ""));
            return ds;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
