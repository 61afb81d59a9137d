package dev.stepwise.mfa.store;

import dev.stepwise.mfa.MutableClock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import static dev.stepwise.mfa.store.SchemaFixtures.firstReleaseDatabase;
import static dev.stepwise.mfa.store.SchemaFixtures.once;
import static dev.stepwise.mfa.store.SchemaFixtures.recorded;
import static dev.stepwise.mfa.store.SchemaFixtures.tables;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's own Flyway runs the scripts from the jar as they are (location
 * {@code classpath:dev/stepwise/mfa/store/migration/<dialect>}), and the library then starts with
 * {@code create-schema=validate} on that database: docs/schema-migrations.md.
 */
class SchemaScriptsFlywayTest {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private static final byte[] KEY = SecretBox.generateKey();

    static Flyway flyway(DataSource ds, Dialect dialect, boolean baselineAtVersion1) {
        return Flyway.configure().dataSource(ds).locations("classpath:" + dialect.migrationFolder())
                .table("flyway_stepwise_history")
                .baselineOnMigrate(baselineAtVersion1).baselineVersion("1").load();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void flywayRunsEveryScriptAndTheLibraryValidatesAndWorks(String dialect) throws SQLException {
        try (TestDatabase db = SecretKeyCheckTest.database(dialect)) {
            MigrateResult result = flyway(db.dataSource(), db.dialect(), false).migrate();

            assertThat(result.migrationsExecuted).isEqualTo(SchemaScripts.CURRENT);
            assertThat(result.targetSchemaVersion).isEqualTo(String.valueOf(SchemaScripts.CURRENT));
            assertThat(recorded(db.dataSource())).isEqualTo(once(SchemaScripts.CURRENT));
            startsWithValidateAndWorks(db);
            assertThat(tables(db.dataSource())).as("the library wrote no schema table of its own")
                    .doesNotContain("stepwise_schema_history");
            assertThat(flyway(db.dataSource(), db.dialect(), false).validateWithResult().validationSuccessful)
                    .isTrue();
        }
    }

    /** A database of the first release: Flyway takes it as version 1 (baseline) and runs the later scripts. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void flywayUpgradesAFirstReleaseDatabaseFromABaselineAtVersion1(String dialect) throws SQLException {
        try (TestDatabase db = SecretKeyCheckTest.database(dialect)) {
            firstReleaseDatabase(db.dataSource(), db.dialect());

            MigrateResult result = flyway(db.dataSource(), db.dialect(), true).migrate();

            assertThat(result.migrationsExecuted).isEqualTo(SchemaScripts.CURRENT - 1);
            assertThat(recorded(db.dataSource())).isEqualTo(once(SchemaScripts.CURRENT));
            startsWithValidateAndWorks(db);
        }
    }

    /**
     * An application's Flyway with its default location ({@code classpath:db/migration}, scanned with every folder
     * under it) and its own {@code V1__app.sql} runs that script only: the library's scripts are elsewhere.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void flywayWithItsDefaultLocationSeesOnlyTheApplicationsScripts(String dialect) throws SQLException {
        try (TestDatabase db = SecretKeyCheckTest.database(dialect)) {
            MigrateResult result = Flyway.configure().dataSource(db.dataSource()).load().migrate();

            assertThat(result.migrations).extracting(m -> m.description).containsExactly("app");
            assertThat(tables(db.dataSource())).as("no table of the library's").isEmpty();
        }
    }

    private static void startsWithValidateAndWorks(TestDatabase db) {
        JdbcStore store = SecretKeyCheck.open(db.dataSource(), Optional.of(KEY), SchemaMode.VALIDATE, CLOCK).store();
        assertThat(store.oneTimeCodes().reserveSend("alice", "email", CLOCK.instant(), java.time.Duration.ofSeconds(30)))
                .isTrue();
        assertThat(SecretKeyCheck.open(db.dataSource(), Optional.of(KEY), SchemaMode.VALIDATE, CLOCK).store()
                .dialect()).isEqualTo(db.dialect());
    }
}
