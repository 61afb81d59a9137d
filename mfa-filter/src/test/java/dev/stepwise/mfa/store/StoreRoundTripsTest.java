package dev.stepwise.mfa.store;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.FailureCount;
import dev.stepwise.mfa.core.exemption.EnrolmentHold;
import dev.stepwise.mfa.factor.totp.TotpCredential;
import dev.stepwise.mfa.factor.totp.TotpSecret;
import dev.stepwise.mfa.trust.DeviceTrust;
import dev.stepwise.mfa.trust.TrustRefusal;
import dev.stepwise.mfa.trust.TrustedDevice;
import dev.stepwise.mfa.trust.TrustedDevices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Statements per store operation on the hot paths, counted on every supported database (H2 always, PostgreSQL
 * and MariaDB on CI), with what each must still refuse. Counts, not timings. MariaDB cannot return rows from an
 * update, so two of them take more statements there ({@link #onMariaDb}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreRoundTripsTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final byte[] BOX_KEY = "0123456789abcdef0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    TestDatabase db;
    StatementCounter statements;
    JdbcStore store;
    final MutableClock clock = new MutableClock(T0);

    abstract TestDatabase newDatabase();

    @BeforeAll
    void openStore() {
        db = newDatabase();
        statements = new StatementCounter(db.dataSource());
        store = JdbcStore.open(statements.dataSource(), new SecretBox(BOX_KEY), true, clock);
    }

    @AfterAll
    void closeStore() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void startAtT0() {
        clock.set(T0);
        statements.reset();
    }

    /** The statements an operation takes: {@code elsewhere} on H2 and PostgreSQL, {@code mariadb} on MariaDB. */
    int onMariaDb(int mariadb, int elsewhere) {
        return db.dialect() == Dialect.MARIADB ? mariadb : elsewhere;
    }

    TrustedDevices trust() {
        return new TrustedDevices(store.trustedDevices(), store.trustKeys(), clock, Duration.ofDays(30),
                Duration.ofDays(90), new SecureRandom());
    }

    static String user(String name) {
        return name + "-" + TestDatabase.randomSuffix();
    }

    void sql(String sql, Object... args) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    Instant lastSeen(String deviceId) {
        return store.trustedDevices().find(deviceId).orElseThrow().lastSeenAt();
    }

    // ---------------------------------------------------------------- trusted-device sign-in

    /** MariaDB: the conditional update, then the row read in the same transaction. */
    @Test
    void aTrustedDeviceSignInIsOneStatementAndTwoOnMariaDb() {
        String alice = user("alice");
        TrustedDevices trust = trust();
        TrustedDevices.Issued issued = trust.issue(alice, "laptop");
        clock.advance(Duration.ofDays(1));
        trust.check(issued.cookieValue(), alice); // reloads the signing keys (cached for minutes, not counted)
        clock.advance(Duration.ofMinutes(1));
        statements.reset();

        DeviceTrust t = trust.check(issued.cookieValue(), alice);

        assertThat(t).isInstanceOf(DeviceTrust.Trusted.class);
        assertThat(statements.count()).as("%s", statements.sql()).isEqualTo(onMariaDb(2, 1));
        assertThat(statements.sql().get(0)).contains("UPDATE stepwise_trusted_device");
        TrustedDevice seen = ((DeviceTrust.Trusted) t).device();
        assertThat(seen).isEqualTo(new TrustedDevice(issued.device().deviceId(), alice, T0, clock.instant(),
                "laptop", T0.plus(Duration.ofDays(30)), null));
        assertThat(lastSeen(issued.device().deviceId())).isEqualTo(clock.instant());
    }

    @Test
    void aRevokedDeviceIsRefusedAtOnceAndNotTouched() {
        String alice = user("alice");
        TrustedDevices trust = trust();
        TrustedDevices.Issued issued = trust.issue(alice, "laptop");
        assertThat(trust().revoke(alice, issued.device().deviceId())).isTrue();
        clock.advance(Duration.ofHours(1));

        assertThat(trust.check(issued.cookieValue(), alice)).isEqualTo(new DeviceTrust.Untrusted(TrustRefusal.REVOKED));
        assertThat(lastSeen(issued.device().deviceId())).isEqualTo(T0);
        statements.reset();
        assertThat(store.trustedDevices().touchIfActive(alice, issued.device().deviceId(), clock.instant())).isEmpty();
        assertThat(statements.count()).as("a refusal: %s", statements.sql()).isEqualTo(1);
        assertThat(lastSeen(issued.device().deviceId())).isEqualTo(T0);
    }

    @Test
    void signInsRacingARevocationNeverUndoItAndNoneIsAcceptedAfterIt() throws Exception {
        String alice = user("alice");
        TrustedDevices trust = trust();
        TrustedDevices.Issued issued = trust.issue(alice, "laptop");
        AtomicInteger n = new AtomicInteger();

        List<String> outcomes = Concurrently.run(32, () -> n.incrementAndGet() == 16
                ? "revoked " + trust().revoke(alice, issued.device().deviceId())
                : trust.check(issued.cookieValue(), alice).getClass().getSimpleName());

        assertThat(outcomes).containsOnlyOnce("revoked true").doesNotContain("revoked false");
        assertThat(store.trustedDevices().find(issued.device().deviceId()).orElseThrow().isRevoked()).isTrue();
        assertThat(trust.check(issued.cookieValue(), alice)).isEqualTo(new DeviceTrust.Untrusted(TrustRefusal.REVOKED));
    }

    @Test
    void anExpiredDeviceRecordIsRefusedAndNotTouchedEvenWithALiveCookie() throws SQLException {
        String alice = user("alice");
        TrustedDevices trust = trust();
        TrustedDevices.Issued issued = trust.issue(alice, "laptop");
        // the record ends before the cookie does (e.g. shortened by an administrator)
        sql("UPDATE stepwise_trusted_device SET expires_at = ? WHERE device_id = ?",
                T0.plus(Duration.ofDays(1)).toEpochMilli(), issued.device().deviceId());

        clock.set(T0.plus(Duration.ofDays(1)));   // the end is exclusive
        assertThat(trust.check(issued.cookieValue(), alice))
                .isEqualTo(new DeviceTrust.Untrusted(TrustRefusal.DEVICE_EXPIRED));
        assertThat(lastSeen(issued.device().deviceId())).isEqualTo(T0);

        clock.set(T0.plus(Duration.ofDays(1)).minusMillis(1));
        assertThat(trust.check(issued.cookieValue(), alice)).isInstanceOf(DeviceTrust.Trusted.class);
    }

    @Test
    void anotherUsersDeviceIsNeitherAcceptedNorTouched() throws SQLException {
        String alice = user("alice");
        String bob = user("bob");
        TrustedDevices trust = trust();
        TrustedDevices.Issued issued = trust.issue(alice, "laptop");
        clock.advance(Duration.ofHours(1));

        assertThat(store.trustedDevices().touchIfActive(bob, issued.device().deviceId(), clock.instant())).isEmpty();
        assertThat(lastSeen(issued.device().deviceId())).isEqualTo(T0);

        // a record that names another user than the signed cookie (a store inconsistency)
        sql("UPDATE stepwise_trusted_device SET user_id = ? WHERE device_id = ?", bob, issued.device().deviceId());
        assertThat(trust.check(issued.cookieValue(), alice))
                .isEqualTo(new DeviceTrust.Untrusted(TrustRefusal.OTHER_USER));
        assertThat(lastSeen(issued.device().deviceId())).isEqualTo(T0);
    }

    @Test
    void anUnknownDeviceIsRefused() throws SQLException {
        String alice = user("alice");
        TrustedDevices trust = trust();
        TrustedDevices.Issued issued = trust.issue(alice, "laptop");
        sql("DELETE FROM stepwise_trusted_device WHERE device_id = ?", issued.device().deviceId());

        assertThat(trust.check(issued.cookieValue(), alice))
                .isEqualTo(new DeviceTrust.Untrusted(TrustRefusal.UNKNOWN_DEVICE));
    }

    @Test
    void lastSeenNeverMovesBack() {
        String alice = user("alice");
        TrustedDevices.Issued issued = trust().issue(alice, "laptop");
        Instant later = T0.plus(Duration.ofHours(2));
        assertThat(store.trustedDevices().touchIfActive(alice, issued.device().deviceId(), later)).isPresent();

        TrustedDevice d = store.trustedDevices().touchIfActive(alice, issued.device().deviceId(),
                T0.plus(Duration.ofHours(1))).orElseThrow();

        assertThat(d.lastSeenAt()).isEqualTo(later);
        assertThat(lastSeen(issued.device().deviceId())).isEqualTo(later);
    }

    // ---------------------------------------------------------------- TOTP: the consume also ends the failures

    static final TotpSecret SECRET = new TotpSecret("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    /** Alice has an active authenticator whose last used step is 5, and {@code failures} counted failures. */
    String aliceWithFailures(int failures) {
        String alice = user("alice");
        store.totpCredentials().save(TotpCredential.pending(alice, SECRET).activated(5));
        if (failures > 0) {
            assertThat(store.attempts().replace(alice, FailureCount.NONE, new FailureCount(failures, T0))).isTrue();
        }
        statements.reset();
        return alice;
    }

    @Test
    void anAcceptedCodeIsUsedUpAndEndsTheFailuresInOneStatement() {
        String alice = aliceWithFailures(3);

        assertThat(store.totpCredentials().advanceLastStepEndingFailures(alice, 6)).isTrue();

        assertThat(statements.count()).as("%s", statements.sql()).isEqualTo(1);
        assertThat(store.totpCredentials().find(alice).orElseThrow().lastStep()).isEqualTo(6);
        assertThat(store.attempts().read(alice)).isEqualTo(FailureCount.NONE);
    }

    @Test
    void aReplayedStepIsRefusedAndTheFailuresStay() {
        String alice = aliceWithFailures(3);

        assertThat(store.totpCredentials().advanceLastStepEndingFailures(alice, 5)).isFalse();
        assertThat(store.totpCredentials().advanceLastStepEndingFailures(alice, 4)).isFalse();
        assertThat(store.totpCredentials().advanceLastStepEndingFailures(user("nobody"), 6)).isFalse();

        assertThat(store.totpCredentials().find(alice).orElseThrow().lastStep()).isEqualTo(5);
        assertThat(store.attempts().read(alice)).isEqualTo(new FailureCount(3, T0));
    }

    @Test
    void anAccountWithoutACountedAttemptStillGetsTheStepUsedOnce() {
        String alice = aliceWithFailures(0);

        assertThat(store.totpCredentials().advanceLastStepEndingFailures(alice, 6)).isTrue();
        assertThat(store.totpCredentials().advanceLastStepEndingFailures(alice, 6)).isFalse();
        assertThat(store.attempts().read(alice)).isEqualTo(FailureCount.NONE);
    }

    @Test
    void thirtyTwoParallelSubmissionsOfOneRightCodeSucceedOnce() throws Exception {
        String alice = aliceWithFailures(2);

        List<Boolean> accepted = Concurrently.run(32,
                () -> store.totpCredentials().advanceLastStepEndingFailures(alice, 6));

        assertThat(accepted).containsOnlyOnce(true);
        assertThat(store.totpCredentials().find(alice).orElseThrow().lastStep()).isEqualTo(6);
        assertThat(store.attempts().read(alice)).isEqualTo(FailureCount.NONE);
    }

    // ---------------------------------------------------------------- TOTP: the reservation also reads the key

    static final FailureCount FIRST = new FailureCount(1, T0);

    /**
     * MariaDB: the compare-and-set of the count (an update, and for the account's very first attempt an insert),
     * then the read of the key with its hold.
     */
    @Test
    void theFirstAttemptIsCountedAndTheKeyAndItsHoldReadInOneStatementAndTwoOrThreeOnMariaDb() {
        String alice = aliceWithFailures(0);   // no attempt row yet

        JdbcTotpCredentialStore.CountedAttempt a = store.totpCredentials().countAttemptAndFind(alice,
                FailureCount.NONE, FIRST);

        assertThat(statements.count()).as("%s", statements.sql()).isEqualTo(onMariaDb(3, 1));
        assertThat(a.counted()).isTrue();
        assertThat(a.credential()).contains(TotpCredential.pending(alice, SECRET).activated(5));
        assertThat(a.heldUntil()).as("read with the key: no hold").isEmpty();
        assertThat(store.attempts().read(alice)).isEqualTo(FIRST);

        store.attempts().reset(alice);   // the row stays at zero: counted again from there, still one statement
        statements.reset();
        assertThat(store.totpCredentials().countAttemptAndFind(alice, FailureCount.NONE, FIRST).counted()).isTrue();
        assertThat(statements.count()).as("%s", statements.sql()).isEqualTo(onMariaDb(2, 1));
    }

    @Test
    void theHoldOfTheAuthenticatorComesWithTheKeyAndNoOtherFactorsHold() {
        String alice = aliceWithFailures(0);
        Instant until = T0.plus(Duration.ofDays(1));
        store.enrolmentHolds().save(new EnrolmentHold(alice, "totp", T0, until));
        store.enrolmentHolds().save(new EnrolmentHold(alice, "webauthn", T0, until.plusSeconds(1)));
        statements.reset();

        JdbcTotpCredentialStore.CountedAttempt a = store.totpCredentials().countAttemptAndFind(alice,
                FailureCount.NONE, FIRST);

        assertThat(statements.count()).as("%s", statements.sql()).isEqualTo(onMariaDb(3, 1));
        assertThat(a.heldUntil()).isEqualTo(Map.of("totp", until));
    }

    /**
     * A hold is saved before the authenticator it holds is activated (enrolment under an exemption): a count
     * that reads the key active must read its hold too, however the two writes interleave with it.
     */
    @Test
    void aKeyReadActiveIsNeverReadWithoutTheHoldSavedBeforeItsActivation() throws Exception {
        for (int round = 0; round < 20; round++) {
            String alice = user("alice");
            store.totpCredentials().save(TotpCredential.pending(alice, SECRET));
            Instant until = T0.plus(Duration.ofDays(1));
            AtomicInteger n = new AtomicInteger();
            List<String> outcomes = Concurrently.run(8, () -> {
                if (n.incrementAndGet() == 4) {
                    store.enrolmentHolds().save(new EnrolmentHold(alice, "totp", T0, until));
                    store.totpCredentials().save(TotpCredential.pending(alice, SECRET).activated(5));
                    return "enrolled";
                }
                JdbcTotpCredentialStore.CountedAttempt a = store.totpCredentials().countAttemptAndFind(alice,
                        FailureCount.NONE, FIRST);
                store.attempts().reset(alice);
                boolean active = a.credential().map(TotpCredential::active).orElse(false);
                return !a.counted() ? "not counted" : !active ? "pending"
                        : a.heldUntil().equals(Map.of("totp", until)) ? "active and held" : "active, hold lost";
            });
            assertThat(outcomes).contains("enrolled").doesNotContain("active, hold lost");
        }
    }

    @Test
    void anAccountWithFailuresIsNotCountedFromNoneAndNothingChanges() {
        String alice = aliceWithFailures(3);

        JdbcTotpCredentialStore.CountedAttempt a = store.totpCredentials().countAttemptAndFind(alice,
                FailureCount.NONE, new FailureCount(1, T0.plusSeconds(60)));

        assertThat(a.counted()).isFalse();
        assertThat(a.credential()).isEmpty();
        assertThat(statements.count()).as("nothing read: %s", statements.sql()).isEqualTo(onMariaDb(2, 1));
        assertThat(store.attempts().read(alice)).isEqualTo(new FailureCount(3, T0));
    }

    /** MariaDB: the compare-and-set, then the read of the key with its hold. */
    @Test
    void anAccountWithFailuresIsCountedFromItsCountAndTheKeyReadInOneStatementAndTwoOnMariaDb() {
        String alice = aliceWithFailures(3);
        FailureCount fourth = new FailureCount(4, T0.plusSeconds(60));

        JdbcTotpCredentialStore.CountedAttempt stale = store.totpCredentials().countAttemptAndFind(alice,
                new FailureCount(2, T0), new FailureCount(3, T0.plusSeconds(60)));
        assertThat(stale.counted()).as("another count came first").isFalse();
        assertThat(stale.credential()).isEmpty();
        assertThat(store.attempts().read(alice)).isEqualTo(new FailureCount(3, T0));
        statements.reset();

        JdbcTotpCredentialStore.CountedAttempt a = store.totpCredentials().countAttemptAndFind(alice,
                new FailureCount(3, T0), fourth);

        assertThat(statements.count()).as("%s", statements.sql()).isEqualTo(onMariaDb(2, 1));
        assertThat(a.counted()).isTrue();
        assertThat(a.credential()).contains(TotpCredential.pending(alice, SECRET).activated(5));
        assertThat(a.heldUntil()).isEmpty();
        assertThat(store.attempts().read(alice)).isEqualTo(fourth);
    }

    @Test
    void aCountedAttemptWithoutAnAuthenticatorReadsNoKey() {
        String bob = user("bob");
        JdbcTotpCredentialStore.CountedAttempt a = store.totpCredentials().countAttemptAndFind(bob,
                FailureCount.NONE, FIRST);

        assertThat(a.counted()).isTrue();
        assertThat(a.credential()).isEmpty();
        assertThat(store.attempts().read(bob)).isEqualTo(FIRST);
    }

    @Test
    void ofThirtyTwoParallelFirstAttemptsExactlyOneIsCountedFromNone() throws Exception {
        for (int existing : new int[]{0, -1}) {    // a row at zero, and no row at all
            String alice = aliceWithFailures(0);
            if (existing == 0) {
                store.attempts().replace(alice, FailureCount.NONE, FIRST);
                store.attempts().reset(alice);
            }
            List<Boolean> counted = Concurrently.run(32, () -> store.totpCredentials()
                    .countAttemptAndFind(alice, FailureCount.NONE, FIRST).counted());

            assertThat(counted).containsOnlyOnce(true);
            assertThat(store.attempts().read(alice)).isEqualTo(FIRST);
        }
    }

    @Test
    void ofThirtyTwoParallelAttemptsFromOneCountExactlyOneIsCounted() throws Exception {
        String alice = aliceWithFailures(2);

        List<Boolean> counted = Concurrently.run(32, () -> store.totpCredentials().countAttemptAndFind(alice,
                new FailureCount(2, T0), new FailureCount(3, T0.plusSeconds(60))).counted());

        assertThat(counted).containsOnlyOnce(true);
        assertThat(store.attempts().read(alice)).isEqualTo(new FailureCount(3, T0.plusSeconds(60)));
    }
}
