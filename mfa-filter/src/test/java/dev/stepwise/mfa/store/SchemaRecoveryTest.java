package dev.stepwise.mfa.store;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.testing.TestMariaDb;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static dev.stepwise.mfa.store.SchemaFixtures.execute;
import static dev.stepwise.mfa.store.SchemaFixtures.history;
import static dev.stepwise.mfa.store.SchemaFixtures.once;
import static dev.stepwise.mfa.store.SchemaFixtures.recorded;
import static dev.stepwise.mfa.store.SchemaFixtures.tables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Nodes that share no Java lock on one H2 database, a version left unfinished by a node that died, and what
 * {@code validate} says about a row it cannot judge (docs/schema-migrations.md).
 */
class SchemaRecoveryTest {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private static final SecretBox BOX = new SecretBox(SecretBox.generateKey());
    private static final int NODES = 4;
    private static final int CURRENT = SchemaScripts.CURRENT;

    /**
     * Four web applications sharing one embedded H2 (each its own class loader, so each its own copy of every
     * static of the store) migrate an empty database at once: every one starts and each version is applied once.
     */
    @RepeatedTest(3)
    void fourClassLoadersOnOneH2DatabaseMigrateItOnce() throws Exception {
        try (TestDatabase db = TestDatabase.h2()) {
            List<Object> opened = Concurrently.run(NODES, () -> openInOwnClassLoader(db.dataSource()));

            assertThat(opened).hasSize(NODES).doesNotContainNull();
            assertThat(recorded(db.dataSource())).isEqualTo(once(CURRENT));
            assertThat(history(db.dataSource())).hasSize(CURRENT)
                    .allSatisfy((v, state) -> assertThat(state).isEqualTo("APPLIED"));
        }
    }

    /** A node died in the middle of version 2 on H2 or MariaDB: its row says running, half the tables are there. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aVersionLeftRunningWithTheJarsScriptIsRunAgainAndCompletes(String dialect) throws SQLException {
        try (TestDatabase db = SecretKeyCheckTest.database(dialect)) {
            SchemaFixtures.runScripts(db.dataSource(), db.dialect(), 1);
            SchemaScript v2 = SchemaScripts.of(db.dialect(), 2);
            List<String> statements = v2.statements();
            SchemaFixtures.leftRunning(db.dataSource(), v2.fileName(), v2.checksum());
            execute(db.dataSource(), statements.get(0));

            JdbcStore.open(db.dataSource(), BOX, SchemaMode.MIGRATE, CLOCK);

            assertThat(recorded(db.dataSource())).isEqualTo(once(CURRENT));
            assertThat(history(db.dataSource())).containsEntry(2, "APPLIED");
        }
    }

    /** The version's insert is insert-if-absent, so a script run again after it completed does not fail on it. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void everyScriptCanRunTwice(String dialect) throws SQLException {
        try (TestDatabase db = SecretKeyCheckTest.database(dialect)) {
            SchemaFixtures.runScripts(db.dataSource(), db.dialect(), CURRENT);
            SchemaFixtures.runScripts(db.dataSource(), db.dialect(), CURRENT);

            assertThat(recorded(db.dataSource())).isEqualTo(once(CURRENT));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void validateSeeingAnotherNodesRunningRowSaysRetryAndNeverSuggestsDeletingIt(String dialect)
            throws SQLException {
        try (TestDatabase db = SecretKeyCheckTest.database(dialect)) {
            SchemaFixtures.runScripts(db.dataSource(), db.dialect(), 1);
            SchemaScript v2 = SchemaScripts.of(db.dialect(), 2);
            JdbcStore.open(db.dataSource(), BOX, SchemaMode.MIGRATE, CLOCK);
            execute(db.dataSource(), "DELETE FROM stepwise_schema_version WHERE version >= 2",
                    "DELETE FROM stepwise_schema_history WHERE version > 2",
                    "UPDATE stepwise_schema_history SET state = 'RUNNING', finished_at = NULL WHERE version = 2");

            assertThatThrownBy(() -> JdbcStore.open(db.dataSource(), BOX, SchemaMode.VALIDATE, CLOCK))
                    .isInstanceOf(StoreSchemaException.class)
                    .hasMessageContaining(v2.resource())
                    .hasMessageContaining("a migration may be in progress on another node; retry when it ends")
                    .hasMessageNotContaining("DELETE FROM");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void aHandEditedStateIsAClearSchemaError(String dialect) throws SQLException {
        try (TestDatabase db = SecretKeyCheckTest.database(dialect)) {
            JdbcStore.open(db.dataSource(), BOX, SchemaMode.MIGRATE, CLOCK);
            execute(db.dataSource(), "UPDATE stepwise_schema_history SET state = 'done' WHERE version = 2");

            assertThatThrownBy(() -> JdbcStore.open(db.dataSource(), BOX, SchemaMode.VALIDATE, CLOCK))
                    .isInstanceOf(StoreSchemaException.class).hasMessageContaining("stepwise_schema_history")
                    .hasMessageContaining("'done'").hasMessageContaining("version 2");
        }
    }

    @Test
    void mariaDbWithoutADatabaseInTheUrlSaysSo() {
        DataSource noDatabase = TestMariaDb.dataSource(TestMariaDb.server(), "");

        assertThatThrownBy(() -> JdbcStore.open(noDatabase, BOX, SchemaMode.MIGRATE, CLOCK))
                .isInstanceOf(StoreSchemaException.class).hasMessageContaining("no database selected in the JDBC URL")
                .hasMessageNotContaining("held");
    }

    /** {@code JdbcStore.open} in a class loader of its own that loads the store's classes itself. */
    private static Object openInOwnClassLoader(DataSource ds) throws ReflectiveOperationException {
        ClassLoader own = new OwnStoreClasses(SchemaRecoveryTest.class.getClassLoader());
        Class<?> store = Class.forName(JdbcStore.class.getName(), true, own);
        Class<?> box = Class.forName(SecretBox.class.getName(), true, own);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object mode = Enum.valueOf((Class) Class.forName(SchemaMode.class.getName(), true, own), "MIGRATE");
        Object secretBox = box.getConstructor(byte[].class).newInstance((Object) SecretBox.generateKey());
        Method open = store.getMethod("open", DataSource.class, box, mode.getClass(), Clock.class);
        try {
            return open.invoke(null, ds, secretBox, mode, CLOCK);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Child-first for the project's own classes: every loader has its own statics, as two WARs have. */
    private static final class OwnStoreClasses extends ClassLoader {

        OwnStoreClasses(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("dev.stepwise.mfa.") || name.startsWith(SchemaRecoveryTest.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }
}
