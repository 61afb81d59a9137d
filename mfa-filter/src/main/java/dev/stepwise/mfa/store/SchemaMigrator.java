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
 * The database is read under the lock only (until then another node may be in the middle of a version) and
 * checked before anything is written ({@link SchemaCheck#requireSafeToMigrate}): a newer schema, a failed version
 * or an edited script stops the start with nothing changed.
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
            try (SchemaLock lock = SchemaLock.take(c, dialect)) {
                // read under the lock only: another node may be migrating (its row says running) until this one has it
                SchemaState state = SchemaState.read(c);
                SchemaCheck.requireSafeToMigrate(state, dialect);
                if (IntStream.rangeClosed(1, SchemaScripts.CURRENT).anyMatch(v -> !state.recorded().contains(v))) {
                    SchemaHistory.create(c, dialect);
                    for (SchemaScript script : SchemaScripts.all(dialect)) {
                        if (!state.recorded().contains(script.version())) {
                            apply(c, script, clock);
                        }
                    }
                }
            }
            return null;
        });
    }

    private static void apply(Connection c, SchemaScript script, Clock clock) throws SQLException {
        List<String> statements = script.statements();
        c.setAutoCommit(false);
        int done = 0;
        try (Statement st = c.createStatement()) {
            SchemaHistory.started(c, script, clock.millis());
            for (String s : statements) {
                st.execute(s);
                done++;
            }
            SchemaHistory.finished(c, script.version(), clock.millis(), null);
            c.commit();
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw e; // the connection broke, not the script: the store is unavailable
            }
            c.rollback();
            c.setAutoCommit(true);
            String error = "statement " + (done + 1) + " of " + statements.size() + ": " + e.getMessage();
            // on H2 and MariaDB the row written as running was committed by the first DDL statement: say how it
            // ended; on PostgreSQL it was rolled back with everything else and this changes nothing
            SchemaHistory.finished(c, script.version(), clock.millis(), error);
            throw new StoreSchemaException("the Stepwise MFA schema migration failed at " + script.describe()
                    + ", " + error + "; " + afterFailure(script.dialect()), e);
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static String afterFailure(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? "nothing of this version was kept (one transaction)"
                : dialect + " commits each DDL statement on its own: the statements before the failing one stay, and "
                + "the next start refuses to go on until the version is completed by hand (docs/schema-migrations.md)";
    }
}
