package dev.stepwise.sample.it;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The database fault of the soak: for a few seconds, every connection of the nodes is terminated
 * ({@code pg_terminate_backend}) again and again, as a PostgreSQL restart or failover would. Only the nodes'
 * connections: those of this database whose {@code application_name} is the nodes' own (other processes use the
 * same server), never this connection.
 */
final class ClusterSoakFaults {

    private static final String KILL = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            + "WHERE application_name = ? AND datname = current_database() AND pid <> pg_backend_pid()";

    private final DataSource database;
    private final String applicationName;
    private int killed;
    private int rounds;

    ClusterSoakFaults(DataSource database, String applicationName) {
        if (applicationName == null || applicationName.isBlank()) {
            throw new IllegalArgumentException("the nodes' connections need an application name of their own");
        }
        this.database = database;
        this.applicationName = applicationName;
    }

    /**
     * Terminates the nodes' connections every {@code every} for {@code length}, telling {@code recorder} the window
     * (from just before the first kill to just after the last one).
     */
    void run(Duration length, Duration every, ClusterSoakRecorder recorder) throws SQLException, InterruptedException {
        try (Connection c = database.getConnection(); PreparedStatement ps = c.prepareStatement(KILL)) {
            c.setAutoCommit(true);
            ps.setString(1, applicationName);
            long start = System.nanoTime();
            long end = start + length.toNanos();
            try {
                while (System.nanoTime() < end) {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        killed += rs.getInt(1);
                    }
                    rounds++;
                    Thread.sleep(every.toMillis());
                }
            } finally {
                recorder.faultWindow(start, System.nanoTime());
            }
        }
    }

    /** How many backends were terminated. */
    int killed() {
        return killed;
    }

    /** How many times the terminating query ran. */
    int rounds() {
        return rounds;
    }
}
