package dev.stepwise.mfa.store;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.factor.totp.TotpCredential;
import dev.stepwise.mfa.factor.totp.TotpSecret;
import dev.stepwise.mfa.store.SecretKeyMismatchException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each "start" is a {@link SecretKeyCheck#open} of its own on one database, as a restart or a second node does:
 * development mode keeps its key with the data, and a key that does not fit the stored secrets fails the start
 * before anything is written.
 */
class SecretKeyCheckTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    static final byte[] KEY_A = SecretBox.generateKey();
    static final byte[] KEY_B = SecretBox.generateKey();

    static TestDatabase database(String dialect) {
        return switch (dialect) {
            case "h2" -> TestDatabase.h2();
            case "mariadb" -> TestDatabase.mariadb();
            default -> TestDatabase.postgres();
        };
    }

    /** One start: {@code key} configured, or development mode for {@code null}. */
    static SecretKeyCheck.Opened start(DataSource ds, byte[] key) {
        return SecretKeyCheck.open(ds, Optional.ofNullable(key), true, CLOCK);
    }

    static TotpSecret enrol(JdbcStore store, String user) {
        TotpSecret secret = TotpSecret.generate();
        store.totpCredentials().save(TotpCredential.pending(user, secret).activated(1));
        return secret;
    }

    static byte[] readSecret(JdbcStore store, String user) {
        return store.totpCredentials().find(user).orElseThrow().secret().bytes();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"}) // development mode: the embedded H2 database only
    void developmentModeReusesItsKeyAtTheNextStartAndTheSecretsStillOpen(String dialect) throws SQLException {
        try (TestDatabase db = database(dialect)) {
            SecretKeyCheck.Opened first = start(db.dataSource(), null);
            TotpSecret secret = enrol(first.store(), "alice");

            SecretKeyCheck.Opened second = start(db.dataSource(), null);

            assertThat(first.development()).isTrue();
            assertThat(second.development()).isTrue();
            assertThat(second.key()).isEqualTo(first.key());
            assertThat(readSecret(second.store(), "alice")).isEqualTo(secret.bytes());
            assertThat(entries(db)).containsExactlyInAnyOrder("check", "development-key");
            assertThat(second.toString()).doesNotContain(Base64.getEncoder().encodeToString(second.key()))
                    .doesNotContain(HexFormat.of().formatHex(second.key()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"}) // development mode: the embedded H2 database only
    void startsRacingInDevelopmentModeAllUseTheOneKeyThatWasWritten(String dialect) throws Exception {
        try (TestDatabase db = database(dialect)) {
            List<SecretKeyCheck.Opened> starts = Concurrently.run(32, () -> start(db.dataSource(), null));

            byte[] key = starts.get(0).key();
            assertThat(starts).allSatisfy(s -> assertThat(s.key()).isEqualTo(key));
            assertThat(entries(db)).containsExactlyInAnyOrder("check", "development-key");
            enrol(starts.get(7).store(), "alice");
            assertThat(readSecret(start(db.dataSource(), null).store(), "alice")).hasSize(TotpSecret.GENERATED_BYTES);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void startsRacingWithAConfiguredKeyWriteOneCheck(String dialect) throws Exception {
        try (TestDatabase db = database(dialect)) {
            List<SecretKeyCheck.Opened> starts = Concurrently.run(32, () -> start(db.dataSource(), KEY_A));

            assertThat(starts).allSatisfy(s -> assertThat(s.development()).isFalse());
            assertThat(entries(db)).containsExactly("check");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void aWrongKeyFailsTheStartWithTheReasonAndWritesNothing(String dialect) throws SQLException {
        try (TestDatabase db = database(dialect)) {
            enrol(start(db.dataSource(), KEY_A).store(), "alice");
            List<String> before = rows(db);

            assertThatThrownBy(() -> start(db.dataSource(), KEY_B))
                    .isInstanceOfSatisfying(SecretKeyMismatchException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_KEY))
                    .hasMessage("the configured secret key is not the one the stored secrets were sealed with")
                    .hasMessageNotContaining(Base64.getEncoder().encodeToString(KEY_B));
            assertThat(rows(db)).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void theRightKeyStartsAndOpensWhatItSealed(String dialect) {
        try (TestDatabase db = database(dialect)) {
            TotpSecret secret = enrol(start(db.dataSource(), KEY_A).store(), "alice");

            SecretKeyCheck.Opened again = start(db.dataSource(), KEY_A.clone());

            assertThat(again.development()).isFalse();
            assertThat(again.key()).isEqualTo(KEY_A);
            assertThat(readSecret(again.store(), "alice")).isEqualTo(secret.bytes());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"}) // development mode: the embedded H2 database only
    void aConfiguredKeyOnDevelopmentDataIsRefusedAndWritesNothing(String dialect) throws SQLException {
        try (TestDatabase db = database(dialect)) {
            enrol(start(db.dataSource(), null).store(), "alice");
            List<String> before = rows(db);

            assertThatThrownBy(() -> start(db.dataSource(), KEY_A))
                    .isInstanceOfSatisfying(SecretKeyMismatchException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.DEVELOPMENT_DATA));
            assertThat(rows(db)).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void noKeyOnDataOfAConfiguredKeyIsRefusedInsteadOfGeneratingOne(String dialect) throws SQLException {
        try (TestDatabase db = database(dialect)) {
            start(db.dataSource(), KEY_A);
            List<String> before = rows(db);

            assertThatThrownBy(() -> start(db.dataSource(), null))
                    .isInstanceOfSatisfying(SecretKeyMismatchException.class,
                            e -> assertThat(e.reason())
                                    .isEqualTo(dialect.equals("h2") ? Reason.KEY_MISSING : Reason.KEY_REQUIRED));
            assertThat(rows(db)).isEqualTo(before);
        }
    }

    @Test
    void withoutAKeyADatabaseOtherThanH2IsRefusedAndNoKeyIsWrittenInTheClear() throws SQLException {
        try (TestDatabase db = TestDatabase.postgres()) {
            assertThatThrownBy(() -> start(db.dataSource(), null))
                    .isInstanceOfSatisfying(SecretKeyMismatchException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.KEY_REQUIRED))
                    .hasMessageContaining("only for the embedded H2 database");
            assertThat(rows(db)).isEmpty();

            assertThat(start(db.dataSource(), KEY_A).development()).isFalse(); // the database is not spoiled
        }
    }

    /**
     * Two nodes start at once on an empty database, B without a key, A with one: B reads "no check", A writes its
     * check, B writes its development key (and then fails, KEY_MISSING). A's next start must not take B's stray
     * row for development data: the check opens with A's key.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void aStrayDevelopmentKeyOfANodeThatLostTheRaceDoesNotLockOutTheConfiguredKey(String dialect)
            throws SQLException {
        try (TestDatabase db = database(dialect)) {
            TotpSecret secret = enrol(start(db.dataSource(), KEY_A).store(), "alice"); // A wrote the check first
            JdbcStore schema = JdbcStore.open(db.dataSource(), new SecretBox(SecretBox.generateKey()), false, CLOCK);
            new SecretKeyTable(schema.jdbc(), CLOCK).insertIfAbsent(SecretKeyTable.DEVELOPMENT_KEY,
                    SecretBox.generateKey()); // B's late write of its generated key
            if (dialect.equals("h2")) {
                assertThatThrownBy(() -> start(db.dataSource(), null)) // B's start goes on: its key opens nothing
                        .isInstanceOfSatisfying(SecretKeyMismatchException.class,
                                e -> assertThat(e.reason()).isEqualTo(Reason.KEY_MISSING));
            }

            SecretKeyCheck.Opened restarted = start(db.dataSource(), KEY_A);

            assertThat(readSecret(restarted.store(), "alice")).isEqualTo(secret.bytes());
            assertThat(entries(db)).containsExactly("check"); // the key in the clear is gone
            assertThatThrownBy(() -> start(db.dataSource(), KEY_B))
                    .isInstanceOfSatisfying(SecretKeyMismatchException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_KEY));
        }
    }

    /** A development key whose check does not open with the configured key is development data: refused. */
    @Test
    void aConfiguredKeyOnDataSealedWithTheDevelopmentKeyIsStillRefused() throws SQLException {
        try (TestDatabase db = TestDatabase.h2()) {
            start(db.dataSource(), null);

            assertThatThrownBy(() -> start(db.dataSource(), KEY_A))
                    .isInstanceOfSatisfying(SecretKeyMismatchException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.DEVELOPMENT_DATA));
            assertThat(entries(db)).containsExactlyInAnyOrder("check", "development-key");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void anEarlierReleasesDatabaseGetsTheTableAndItsKeyIsCheckedAgainstAStoredSecret(String dialect)
            throws SQLException {
        try (TestDatabase db = database(dialect)) {
            TotpSecret secret = enrol(start(db.dataSource(), KEY_A).store(), "alice");
            execute(db, "DROP TABLE stepwise_secret_key");
            SchemaFixtures.asLeftByAnEarlierBuild(db.dataSource());

            assertThatThrownBy(() -> SecretKeyCheck.open(db.dataSource(), Optional.of(KEY_A), false, CLOCK))
                    .isInstanceOf(StoreSchemaException.class).hasMessageContaining("version is 1")
                    .hasMessageContaining(SchemaScripts.of(db.dialect(), 4).resource())
                    .hasMessageContaining("create-schema=true");
            assertThatThrownBy(() -> start(db.dataSource(), KEY_B))
                    .isInstanceOfSatisfying(SecretKeyMismatchException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_KEY));
            assertThatThrownBy(() -> start(db.dataSource(), null)) // the lost per-run key of an earlier release
                    .isInstanceOfSatisfying(SecretKeyMismatchException.class, e -> assertThat(e.reason())
                            .isEqualTo(dialect.equals("h2") ? Reason.KEY_MISSING : Reason.KEY_REQUIRED));
            assertThat(entries(db)).isEmpty();

            SecretKeyCheck.Opened right = start(db.dataSource(), KEY_A);

            assertThat(readSecret(right.store(), "alice")).isEqualTo(secret.bytes());
            assertThat(entries(db)).containsExactly("check");
            assertThatThrownBy(() -> start(db.dataSource(), KEY_B)).isInstanceOf(SecretKeyMismatchException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void anEarlierReleasesDatabaseWithoutSecretsTakesTheKeyItIsGiven(String dialect) throws SQLException {
        try (TestDatabase db = database(dialect)) {
            start(db.dataSource(), KEY_A);
            execute(db, "DROP TABLE stepwise_secret_key");
            SchemaFixtures.asLeftByAnEarlierBuild(db.dataSource());

            start(db.dataSource(), KEY_B);

            assertThat(entries(db)).containsExactly("check");
            assertThatThrownBy(() -> start(db.dataSource(), KEY_A)).isInstanceOf(SecretKeyMismatchException.class);
        }
    }

    static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** The entries of {@code stepwise_secret_key}. */
    static List<String> entries(TestDatabase db) throws SQLException {
        List<String> entries = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT entry FROM stepwise_secret_key")) {
            while (rs.next()) {
                entries.add(rs.getString(1));
            }
        }
        return entries;
    }

    /** Every row of the tables that hold keys or sealed secrets, as text. */
    static List<String> rows(TestDatabase db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String query : List.of("SELECT entry, content, created_at FROM stepwise_secret_key ORDER BY entry",
                    "SELECT user_id, secret_box, last_step FROM stepwise_totp ORDER BY user_id",
                    "SELECT key_id, key_box FROM stepwise_trust_key ORDER BY key_id")) {
                try (ResultSet rs = st.executeQuery(query)) {
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            Object v = rs.getObject(i);
                            row.append(v instanceof byte[] b ? HexFormat.of().formatHex(b) : v).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        return rows;
    }
}
