package dev.stepwise.mfa.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock one node holds while it migrates, on the connection it migrates with, so that nodes starting at once
 * apply each version once: the others wait, then find the versions recorded. PostgreSQL: a session advisory lock
 * ({@code pg_try_advisory_lock}, retried); MariaDB: a named lock ({@code GET_LOCK}); both are the server's and end
 * with the connection if the node dies. H2 has neither: a lock of this JVM (the embedded case), see
 * docs/schema-migrations.md.
 */
final class SchemaLock implements AutoCloseable {

    /** Advisory lock id ("Stepwise" in ASCII), the one earlier releases took while they created the schema. */
    static final long POSTGRES_KEY = 0x5374657077697365L;
    /** How long a node waits for another one that migrates, in seconds. */
    static final int WAIT_SECONDS = 120;

    private static final String MARIADB_NAME = "CONCAT('stepwise_mfa_schema.', DATABASE())";
    private static final ReentrantLock JVM_LOCK = new ReentrantLock();
    private static final long POLL_MILLIS = 50;

    private final Connection connection;
    private final Dialect dialect;

    private SchemaLock(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    /**
     * Waits up to {@value #WAIT_SECONDS} s for the lock.
     *
     * @throws SQLException SQLState 55P03 when another node held it all that time
     */
    static SchemaLock take(Connection c, Dialect dialect) throws SQLException {
        boolean taken = switch (dialect) {
            case POSTGRESQL -> postgres(c);
            case MARIADB -> mariadb(c);
            case H2 -> jvm();
        };
        if (!taken) {
            throw new SQLException("another node held the schema migration lock for more than " + WAIT_SECONDS
                    + " s", "55P03");
        }
        return new SchemaLock(c, dialect);
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

    private static boolean jvm() {
        try {
            return JVM_LOCK.tryLock(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
            case H2 -> JVM_LOCK.unlock();
        }
    }
}
