package dev.stepwise.mfa.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The lock one node holds while it migrates, on the connection it migrates with, so that nodes starting at once
 * apply each version once: the others wait, then find the versions recorded. PostgreSQL: a session advisory lock
 * ({@code pg_try_advisory_lock}, retried); MariaDB: a named lock ({@code GET_LOCK}); both are the server's and end
 * with the connection if the node dies. H2 has neither: the lock is the one row of {@code stepwise_schema_lock},
 * inserted by the node that takes it (the primary key lets one insert win, whatever class loader or JVM the others
 * run in) and deleted when it is done; a row whose lease of {@value #LEASE_SECONDS} s ran out (the node died) is
 * taken over. The holder renews the lease before each version. See docs/schema-migrations.md.
 */
final class SchemaLock implements AutoCloseable {

    /** Advisory lock id ("Stepwise" in ASCII), the one earlier releases took while they created the schema. */
    static final long POSTGRES_KEY = 0x5374657077697365L;
    /** How long a node waits for another one that migrates, in seconds. */
    static final int WAIT_SECONDS = 120;

    /** How long an H2 lock row holds without being renewed, in seconds. */
    static final int LEASE_SECONDS = 60;

    private static final String MARIADB_NAME = "CONCAT('stepwise_mfa_schema.', DATABASE())";
    private static final long POLL_MILLIS = 50;
    /** H2's SQLStates for an insert that met another node's row: duplicate key, concurrent update, lock timeout. */
    private static final Set<String> CONTENDED = Set.of("23505", "90131", "HYT00");

    private final Connection connection;
    private final Dialect dialect;
    private final String holder;

    private SchemaLock(Connection connection, Dialect dialect, String holder) {
        this.connection = connection;
        this.dialect = dialect;
        this.holder = holder;
    }

    /**
     * Waits up to {@value #WAIT_SECONDS} s for the lock.
     *
     * @throws SQLException SQLState 55P03 when another node held it all that time
     */
    static SchemaLock take(Connection c, Dialect dialect) throws SQLException {
        String holder = UUID.randomUUID().toString();
        boolean taken = switch (dialect) {
            case POSTGRESQL -> postgres(c);
            case MARIADB -> mariadb(c);
            case H2 -> h2(c, holder);
        };
        if (!taken) {
            throw new SQLException("another node held the schema migration lock for more than " + WAIT_SECONDS
                    + " s", "55P03");
        }
        return new SchemaLock(c, dialect, holder);
    }

    /**
     * Extends the H2 lease by {@value #LEASE_SECONDS} s from now (nothing on the other databases, whose locks last
     * as long as the connection).
     *
     * @throws SQLException when the lease ran out and another node took the lock
     */
    void renew() throws SQLException {
        if (dialect != Dialect.H2) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE stepwise_schema_lock SET until_at = ? WHERE id = 1 AND holder = ?")) {
            ps.setLong(1, System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(LEASE_SECONDS));
            ps.setString(2, holder);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("the schema migration lock's lease ran out and another node took it",
                        "55P03");
            }
        }
    }

    private static boolean postgres(Connection c) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, POSTGRES_KEY);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return true;
                    }
                }
                if (System.nanoTime() > deadline || !pause()) {
                    return false;
                }
            }
        }
    }

    private static boolean mariadb(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT GET_LOCK(" + MARIADB_NAME + ", " + WAIT_SECONDS + ")")) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    /** Inserts the lock row, after deleting one whose lease ran out; waits while another node's row is there. */
    private static boolean h2(Connection c, String holder) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS stepwise_schema_lock (id INT NOT NULL PRIMARY KEY,"
                    + " holder VARCHAR(36) NOT NULL, until_at BIGINT NOT NULL)");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        try (PreparedStatement expired = c.prepareStatement(
                "DELETE FROM stepwise_schema_lock WHERE id = 1 AND until_at < ?");
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO stepwise_schema_lock (id, holder, until_at) VALUES (1, ?, ?)")) {
            while (true) {
                long now = System.currentTimeMillis();
                expired.setLong(1, now);
                expired.executeUpdate();
                insert.setString(1, holder);
                insert.setLong(2, now + TimeUnit.SECONDS.toMillis(LEASE_SECONDS));
                try {
                    insert.executeUpdate();
                    return true;
                } catch (SQLException e) {
                    if (!CONTENDED.contains(e.getSQLState()) && !h2Held(c)) {
                        throw e; // not another node's row: a real error
                    }
                }
                if (System.nanoTime() > deadline || !pause()) {
                    return false;
                }
            }
        }
    }

    private static boolean h2Held(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM stepwise_schema_lock WHERE id = 1")) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(POLL_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * MariaDB: refuses a connection with no database selected, on which the lock's name and every table would be
     * wrong (nothing to check on the other databases).
     *
     * @throws StoreSchemaException when {@code DATABASE()} is null
     */
    static void requireDatabaseSelected(Connection c, Dialect dialect) throws SQLException {
        if (dialect != Dialect.MARIADB) {
            return;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT DATABASE()")) {
            if (!rs.next() || rs.getString(1) == null) {
                throw new StoreSchemaException("no database selected in the JDBC URL: name the database the "
                        + "Stepwise MFA tables are in (jdbc:mariadb://host:3306/<database>)");
            }
        }
    }

    /** Releases the lock explicitly: a pooled connection outlives this use. */
    @Override
    public void close() throws SQLException {
        switch (dialect) {
            case POSTGRESQL -> {
                try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    ps.setLong(1, POSTGRES_KEY);
                    ps.executeQuery().close();
                }
            }
            case MARIADB -> {
                try (Statement st = connection.createStatement()) {
                    st.executeQuery("SELECT RELEASE_LOCK(" + MARIADB_NAME + ")").close();
                }
            }
            case H2 -> {
                try (PreparedStatement ps = connection.prepareStatement(
                        "DELETE FROM stepwise_schema_lock WHERE id = 1 AND holder = ?")) {
                    ps.setString(1, holder);
                    ps.executeUpdate();
                }
            }
        }
    }
}
