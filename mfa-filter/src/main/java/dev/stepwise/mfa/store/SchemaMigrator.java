package dev.stepwise.mfa.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@code create-schema=true}: applies the versions this release has and the database lacks, in order, one node at a
 * time ({@link SchemaLock}). Each version runs in a transaction of its own that also writes its
 * {@link SchemaHistory} row and (its last statement) its {@code stepwise_schema_version} row; on PostgreSQL a
 * failure rolls all of it back, on H2 and MariaDB the DDL already run stays and the row says {@code failed}.
 * The database is checked before anything is written ({@link SchemaCheck#requireSafeToMigrate}): a newer schema or
 * an edited script stops the start with nothing changed. What to run is decided on a read under the lock only
 * (until then another node may be in the middle of a version); a version a node left {@code running} or
 * {@code failed} with this jar's script is run again, since every statement of a script is idempotent.
 */
final class SchemaMigrator {

    private SchemaMigrator() {
    }

    /**
     * Migrates and checks the result.
     *
     * @throws StoreSchemaException      as {@link SchemaCheck}, or when a script fails (naming it and the statement)
     * @throws StoreUnavailableException when the database cannot be reached or the lock not taken in time
     */
    static void migrate(Jdbc jdbc, Clock clock) {
        Dialect dialect = jdbc.dialect();
        jdbc.autocommit("migrate the schema", c -> {
            // before the lock, refuse what no migration can change (a newer schema, an edited script) with nothing
            // written, and leave an up-to-date database alone
            if (!needsWork(SchemaState.read(c), dialect)) {
                return null;
            }
            try (SchemaLock lock = SchemaLock.take(c, dialect)) {
                // read again under the lock: another node may have migrated (or be the one that left a row running)
                SchemaState state = SchemaState.read(c);
                SchemaCheck.requireSafeToMigrate(state, dialect);
                SchemaHistory.create(c, dialect);
                for (SchemaScript script : SchemaScripts.all(dialect)) {
                    if (!state.recorded().contains(script.version())) {
                        lock.renew();
                        apply(c, script, state.history().get(script.version()), clock);
                    }
                }
            }
            return null;
        });
    }

    private static boolean needsWork(SchemaState state, Dialect dialect) {
        SchemaCheck.requireSafeToMigrate(state, dialect);
        return IntStream.rangeClosed(1, SchemaScripts.CURRENT).anyMatch(v -> !state.recorded().contains(v));
    }

    /** Runs one version; {@code previous} is the row a node left running or failed with this script, or null. */
    private static void apply(Connection c, SchemaScript script, SchemaHistory.Entry previous, Clock clock)
            throws SQLException {
        List<String> statements = script.statements();
        c.setAutoCommit(false);
        int done = 0;
        long startedAt = -1;
        try (Statement st = c.createStatement()) {
            startedAt = SchemaHistory.started(c, script, previous, clock.millis());
            for (String s : statements) {
                st.execute(s);
                done++;
            }
            SchemaHistory.finished(c, script.version(), startedAt, clock.millis(), null);
            c.commit();
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw withAutoCommit(c, e); // the connection broke, not the script: the store is unavailable
            }
            throw withAutoCommit(c, failed(c, script, startedAt, done, statements.size(), e, clock));
        } catch (RuntimeException e) {
            throw withAutoCommit(c, e);
        }
        c.setAutoCommit(true);
    }

    private static StoreSchemaException failed(Connection c, SchemaScript script, long startedAt, int done,
                                               int total, SQLException cause, Clock clock) {
        String error = "statement " + (done + 1) + " of " + total + ": " + cause.getMessage();
        StoreSchemaException failure = new StoreSchemaException("the Stepwise MFA schema migration failed at "
                + script.describe() + ", " + error + "; " + afterFailure(script.dialect()), cause);
        try {
            c.rollback();
            c.setAutoCommit(true);
            // on H2 and MariaDB this node's row, written as running, was committed by the first DDL statement: say
            // how it ended; on PostgreSQL it was rolled back with everything else and this changes nothing
            if (startedAt >= 0) {
                SchemaHistory.finished(c, script.version(), startedAt, clock.millis(), error);
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    /** Autocommit back on for the pool; an error doing so is added to {@code error}, never hides it. */
    private static <T extends Exception> T withAutoCommit(Connection c, T error) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            error.addSuppressed(e);
        }
        return error;
    }

    private static String afterFailure(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? "nothing of this version was kept (one transaction)"
                : dialect + " commits each DDL statement on its own: the statements before the failing one stay; once "
                + "the cause is fixed, the next start runs the version again (every statement is idempotent; "
                + "docs/schema-migrations.md)";
    }
}
