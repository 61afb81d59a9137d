package dev.stepwise.mfa.store;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.preference.MfaPreferences;
import dev.stepwise.mfa.core.risk.RiskHistory;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.factor.totp.TotpAlgorithm;
import dev.stepwise.mfa.factor.totp.TotpCredential;
import dev.stepwise.mfa.factor.totp.TotpFactor;
import dev.stepwise.mfa.factor.totp.TotpSettings;
import dev.stepwise.mfa.trust.TrustedDevice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.stepwise.mfa.store.SchemaFixtures.firstReleaseDatabase;
import static dev.stepwise.mfa.store.SchemaFixtures.once;
import static dev.stepwise.mfa.store.SchemaFixtures.recorded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database of the first release with a user's data in it (TOTP, ten recovery codes, three trusted devices,
 * sign-in history, preferences), written by the stores on version 1's tables, is upgraded by the runner at the
 * next start: every row is still there and the store works on it.
 */
class SchemaUpgradeTest {

    private static final Instant T0 = Instant.ofEpochSecond(59);   // RFC 6238 appendix B: 94287082 at 59 s
    private static final MutableClock CLOCK = new MutableClock(T0);
    private static final byte[] KEY = SecretBox.generateKey();

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void aFirstReleaseDatabaseWithDataIsUpgradedAndKeepsWorking(String dialect) throws SQLException {
        try (TestDatabase db = SecretKeyCheckTest.database(dialect)) {
            firstReleaseDatabase(db.dataSource(), db.dialect());
            writeAsTheFirstRelease(new Jdbc(db.dataSource(), db.dialect()));
            Map<String, Integer> before = rowCounts(db.dataSource());
            assertThat(before).containsEntry("stepwise_totp", 1).containsEntry("stepwise_recovery_code", 10)
                    .containsEntry("stepwise_trusted_device", 3).containsEntry("stepwise_risk_history", 3);

            assertThatThrownBy(() -> SecretKeyCheck.open(db.dataSource(), Optional.of(SecretBox.generateKey()),
                    SchemaMode.MIGRATE, CLOCK)).as("the upgraded store checks the key against the old secrets")
                    .isInstanceOf(SecretKeyMismatchException.class);
            JdbcStore store = SecretKeyCheck.open(db.dataSource(), Optional.of(KEY), SchemaMode.MIGRATE, CLOCK).store();

            assertThat(recorded(db.dataSource())).isEqualTo(once(SchemaScripts.CURRENT));
            Map<String, Integer> after = rowCounts(db.dataSource());
            before.remove("stepwise_schema_version");   // 1 row before, one per version after: checked above
            before.forEach((table, rows) -> assertThat(after).as(table).containsEntry(table, rows));
            TotpSettings eightDigits = new TotpSettings(8, Duration.ofSeconds(30), TotpAlgorithm.SHA1, 1);
            assertThat(new TotpFactor(store.totpCredentials(), CLOCK, eightDigits).verify("alice",
                    Map.of(TotpFactor.INPUT_CODE, "94287082"), StoreContractTest.context()))
                    .isInstanceOf(Verification.Accepted.class);
            assertThat(store.recoveryCodes().consume("alice", "code-3")).isTrue();
            assertThat(store.recoveryCodes().remaining("alice")).isEqualTo(9);
            assertThat(store.trustedDevices().touchIfActive("alice", "device-2", T0.plusSeconds(60))).isPresent();
            assertThat(store.riskHistory().lastSeen("alice", RiskHistory.Kind.DEVICE, "device-1")).contains(T0);
            assertThat(store.preferences().of("alice").alwaysAskAtLogin()).isTrue();
            assertThat(store.oneTimeCodes().reserveSend("alice", "email", T0, Duration.ofSeconds(30))).isTrue();
        }
    }

    /** What a first-release build wrote for one user, through the stores, on version 1's tables only. */
    private static void writeAsTheFirstRelease(Jdbc jdbc) {
        new JdbcTotpCredentialStore(jdbc, new SecretBox(KEY))
                .save(TotpCredential.pending("alice", StoreContractTest.RFC_SECRET).activated(0));
        new JdbcRecoveryCodeStore(jdbc).replaceAll("alice", StoreContractTest.set("code-", 10));
        JdbcTrustedDeviceStore devices = new JdbcTrustedDeviceStore(jdbc);
        for (int i = 1; i <= 3; i++) {
            devices.create(new TrustedDevice("device-" + i, "alice", T0, T0, "Firefox on Linux",
                    T0.plus(Duration.ofDays(30)), null));
        }
        JdbcRiskHistory history = new JdbcRiskHistory(jdbc);
        history.record("alice", RiskHistory.Kind.DEVICE, "device-1", T0);
        history.record("alice", RiskHistory.Kind.NETWORK, "203.0.113.0/24", T0);
        history.record("alice", RiskHistory.Kind.LOGIN, "", T0);
        new JdbcUserMfaPreferences(jdbc).save("alice", new MfaPreferences(true));
    }

    private static Map<String, Integer> rowCounts(DataSource ds) throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        for (String table : SchemaFixtures.tables(ds)) {
            try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                counts.put(table, rs.getInt(1));
            }
        }
        return counts;
    }
}
