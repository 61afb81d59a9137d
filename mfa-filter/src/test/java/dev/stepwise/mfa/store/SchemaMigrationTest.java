package dev.stepwise.mfa.store;

import dev.stepwise.mfa.MutableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.stepwise.mfa.store.SchemaFixtures.asLeftByAnEarlierBuild;
import static dev.stepwise.mfa.store.SchemaFixtures.execute;
import static dev.stepwise.mfa.store.SchemaFixtures.firstReleaseDatabase;
import static dev.stepwise.mfa.store.SchemaFixtures.history;
import static dev.stepwise.mfa.store.SchemaFixtures.once;
import static dev.stepwise.mfa.store.SchemaFixtures.recorded;
import static dev.stepwise.mfa.store.SchemaFixtures.runScripts;
import static dev.stepwise.mfa.store.SchemaFixtures.tables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The built-in runner ({@code create-schema=true}), {@code validate} and {@code false} on every dialect: nodes
 * starting at once, a script failing half-way, a newer database, an edited script, a database whose scripts a DBA
 * ran (docs/schema-migrations.md).
 */
class SchemaMigrationTest {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private static final SecretBox BOX = new SecretBox(SecretBox.generateKey());
    private static final int NODES = 8;
    private static final int CURRENT = SchemaScripts.CURRENT;

    static JdbcStore open(DataSource ds, SchemaMode mode) {
        return JdbcStore.open(ds, BOX, mode, CLOCK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void eightNodesOnAnEmptyDatabaseApplyEachVersionOnce(String dialect) throws Exception {
        try (TestDatabase db = SecretKeyCheckTest.database(dialect)) {
            List<Dialect> opened = Concurrently.run(NODES, () -> open(db.dataSource(), SchemaMode.MIGRATE).dialect());

            assertThat(opened).hasSize(NODES).containsOnly(db.dialect());
            assertThat(recorded(db.dataSource())).isEqualTo(once(CURRENT));
            assertThat(history(db.dataSource())).hasSize(CURRENT).allSatisfy((v, state) -> assertThat(state).isEqualTo("APPLIED"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void eightNodesOnAFirstReleaseDatabaseUpgradeItOnce(String dialect) throws Exception {
        try (TestDatabase db = SecretKeyCheckTest.database(dialect)) {
            firstReleaseDatabase(db.dataSource(), db.dialect());

            Concurrently.run(NODES, () -> open(db.dataSource(), SchemaMode.MIGRATE).dialect());

            assertThat(recorded(db.dataSource())).isEqualTo(once(CURRENT));
            assertThat(history(db.dataSource())).as("version 1 was installed by the first release, not the runner")
                    .containsOnlyKeys(2, 3, 4, 5, 6, 7).allSatisfy((v, state) -> assertThat(state).isEqualTo("APPLIED"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void aNewerDatabaseIsRefusedAndNothingChanges(String dialect) throws SQLException {
        try (TestDatabase db = SecretKeyCheckTest.database(dialect)) {
            firstReleaseDatabase(db.dataSource(), db.dialect());
            execute(db.dataSource(), "INSERT INTO stepwise_schema_version VALUES (" + (CURRENT + 1) + ", 0, 'later')");
            List<String> before = tables(db.dataSource());

            for (SchemaMode mode : SchemaMode.values()) {
                assertThatThrownBy(() -> open(db.dataSource(), mode)).as(mode.name())
                        .isInstanceOf(StoreSchemaException.class).hasMessageContaining("version " + (CURRENT + 1))
                        .hasMessageContaining("newer release").hasMessageContaining("changed nothing");
            }
            assertThat(tables(db.dataSource())).isEqualTo(before);
            assertThat(recorded(db.dataSource())).containsOnlyKeys(1, CURRENT + 1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void anEditedAppliedScriptIsNamedByMigrateAndValidate(String dialect) throws SQLException {
        try (TestDatabase db = SecretKeyCheckTest.database(dialect)) {
            open(db.dataSource(), SchemaMode.MIGRATE);
            // the jar's V3 now differs from what was applied: the same as the recorded checksum differing
            execute(db.dataSource(), "UPDATE stepwise_schema_history SET checksum = '" + "0".repeat(64)
                    + "' WHERE version = 3");

            for (SchemaMode mode : List.of(SchemaMode.MIGRATE, SchemaMode.VALIDATE)) {
                assertThatThrownBy(() -> open(db.dataSource(), mode)).as(mode.name())
                        .isInstanceOf(StoreSchemaException.class)
                        .hasMessageContaining(SchemaScripts.of(db.dialect(), 3).resource())
                        .hasMessageContaining("is not the script that was applied").hasMessageContaining("0".repeat(64));
            }
            open(db.dataSource(), SchemaMode.VERSION_ONLY); // false: the version only, documented
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aVersionRowDeletedBehindTheRunnersBackIsNotAppliedOverItsHistory(String dialect) throws SQLException {
        try (TestDatabase db = SecretKeyCheckTest.database(dialect)) {
            open(db.dataSource(), SchemaMode.MIGRATE);
            execute(db.dataSource(), "DELETE FROM stepwise_schema_version WHERE version = " + CURRENT);

            assertThatThrownBy(() -> open(db.dataSource(), SchemaMode.MIGRATE)).isInstanceOf(StoreSchemaException.class)
                    .hasMessageContaining(SchemaScripts.of(db.dialect(), CURRENT).resource())
                    .hasMessageContaining("its row in stepwise_schema_version is gone");
            assertThat(history(db.dataSource())).containsEntry(CURRENT, "APPLIED");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void validateNeverWritesAndNamesEachMissingScript(String dialect) throws SQLException {
        try (TestDatabase db = SecretKeyCheckTest.database(dialect)) {
            assertThatThrownBy(() -> open(db.dataSource(), SchemaMode.VALIDATE))
                    .isInstanceOf(StoreSchemaException.class).satisfies(e -> {
                        for (SchemaScript s : SchemaScripts.all(db.dialect())) {
                            assertThat(e.getMessage()).contains("missing " + s.describe());
                        }
                    });
            assertThat(tables(db.dataSource())).isEmpty();

            runScripts(db.dataSource(), db.dialect(), 3);
            assertThatThrownBy(() -> open(db.dataSource(), SchemaMode.VALIDATE)).isInstanceOf(StoreSchemaException.class)
                    .hasMessageContaining(SchemaScripts.of(db.dialect(), 4).resource())
                    .hasMessageContaining(SchemaScripts.of(db.dialect(), 5).resource())
                    .hasMessageNotContaining(SchemaScripts.of(db.dialect(), 3).resource());
            assertThat(tables(db.dataSource())).doesNotContain("stepwise_schema_history", "stepwise_secret_key");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void scriptsRunByADbaPassValidateAndFalseChecksTheVersionOnly(String dialect) throws SQLException {
        try (TestDatabase db = SecretKeyCheckTest.database(dialect)) {
            firstReleaseDatabase(db.dataSource(), db.dialect());
            assertThatThrownBy(() -> open(db.dataSource(), SchemaMode.VERSION_ONLY))
                    .isInstanceOf(StoreSchemaException.class).hasMessageContaining("highest recorded schema version is 1")
                    .hasMessageContaining(SchemaScripts.of(db.dialect(), 2).resource())
                    .hasMessageContaining(SchemaScripts.of(db.dialect(), CURRENT).resource());

            for (int v = 2; v <= CURRENT; v++) {
                execute(db.dataSource(), SchemaScripts.of(db.dialect(), v).statements().toArray(String[]::new));
            }

            open(db.dataSource(), SchemaMode.VALIDATE);
            open(db.dataSource(), SchemaMode.VERSION_ONLY);
            assertThat(tables(db.dataSource())).doesNotContain("stepwise_schema_history");
            open(db.dataSource(), SchemaMode.MIGRATE);
            assertThat(recorded(db.dataSource())).isEqualTo(once(CURRENT));
        }
    }

    /**
     * A script failing half-way: a view where version 1 creates {@code stepwise_trusted_device} lets
     * {@code CREATE TABLE IF NOT EXISTS} pass and makes the index on it fail. PostgreSQL keeps nothing; H2 and
     * MariaDB keep the statements before it (DDL commits) and the row says failed: {@code validate} and
     * {@code false} refuse, and once the cause is gone the next migrating start runs the version again.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void aScriptFailingHalfWayIsRunAgainOnceTheCauseIsGone(String dialect) throws SQLException {
        try (TestDatabase db = SecretKeyCheckTest.database(dialect)) {
            execute(db.dataSource(), "CREATE VIEW stepwise_trusted_device AS SELECT 1 AS x");

            assertThatThrownBy(() -> open(db.dataSource(), SchemaMode.MIGRATE)).isInstanceOf(StoreSchemaException.class)
                    .hasMessageContaining("migration failed at " + SchemaScripts.of(db.dialect(), 1).describe());

            boolean transactional = db.dialect() == Dialect.POSTGRESQL;
            assertThat(tables(db.dataSource())).as("what the failed version left")
                    .contains("stepwise_schema_history")
                    .satisfies(t -> assertThat(t.contains("stepwise_attempt")).isEqualTo(!transactional));
            if (transactional) {
                assertThat(history(db.dataSource())).isEmpty();
                return;
            }
            assertThat(history(db.dataSource())).isEqualTo(Map.of(1, "FAILED"));
            execute(db.dataSource(), "DROP VIEW stepwise_trusted_device");
            assertThatThrownBy(() -> open(db.dataSource(), SchemaMode.VALIDATE)).isInstanceOf(StoreSchemaException.class)
                    .hasMessageContaining("failed at").hasMessageContaining("statement")
                    .hasMessageContaining("create-schema=true runs the version again");
            assertThatThrownBy(() -> open(db.dataSource(), SchemaMode.VERSION_ONLY))
                    .isInstanceOf(StoreSchemaException.class).hasMessageContaining("no schema version is recorded");

            open(db.dataSource(), SchemaMode.MIGRATE);
            assertThat(recorded(db.dataSource())).isEqualTo(once(CURRENT));
            assertThat(history(db.dataSource())).containsEntry(1, "APPLIED");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void aVersionLeftRunningByAnotherScriptIsRefused(String dialect) throws SQLException {
        try (TestDatabase db = SecretKeyCheckTest.database(dialect)) {
            firstReleaseDatabase(db.dataSource(), db.dialect());
            open(db.dataSource(), SchemaMode.MIGRATE);
            asLeftByAnEarlierBuild(db.dataSource());
            SchemaFixtures.leftRunning(db.dataSource(), "V2__enrolment_holds.sql", "x");

            assertThatThrownBy(() -> open(db.dataSource(), SchemaMode.MIGRATE)).isInstanceOf(StoreSchemaException.class)
                    .hasMessageContaining(SchemaScripts.of(db.dialect(), 2).resource())
                    .hasMessageContaining("with another script").hasMessageContaining("never finished")
                    .hasMessageContaining("run this jar's script by hand");
            assertThat(recorded(db.dataSource())).containsOnlyKeys(1);
        }
    }
}
