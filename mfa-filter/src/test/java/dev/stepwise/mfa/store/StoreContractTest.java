package dev.stepwise.mfa.store;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.AccountThrottle;
import dev.stepwise.mfa.core.AttemptPolicy;
import dev.stepwise.mfa.core.AttemptReservation;
import dev.stepwise.mfa.core.AttemptState;
import dev.stepwise.mfa.core.FailureCount;
import dev.stepwise.mfa.core.exemption.EnrolmentHold;
import dev.stepwise.mfa.core.exemption.MfaExemption;
import dev.stepwise.mfa.core.preference.MfaPreferences;
import dev.stepwise.mfa.core.risk.GeoLocation;
import dev.stepwise.mfa.core.risk.GeoPoint;
import dev.stepwise.mfa.core.risk.RiskContext;
import dev.stepwise.mfa.core.risk.RiskHistory;
import dev.stepwise.mfa.core.risk.SignIn;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.factor.otp.CodeHasher;
import dev.stepwise.mfa.factor.otp.CodeIssue;
import dev.stepwise.mfa.factor.otp.OneTimeCodeStore;
import dev.stepwise.mfa.factor.otp.OneTimeCodeSettings;
import dev.stepwise.mfa.factor.otp.OneTimeCodes;
import dev.stepwise.mfa.factor.otp.PendingCode;
import dev.stepwise.mfa.factor.otp.SendOutcome;
import dev.stepwise.mfa.factor.recovery.RecoveryCodeHash;
import dev.stepwise.mfa.factor.recovery.RecoveryCodeHasher;
import dev.stepwise.mfa.factor.recovery.RecoveryFactor;
import dev.stepwise.mfa.factor.totp.TotpAlgorithm;
import dev.stepwise.mfa.factor.totp.TotpCredential;
import dev.stepwise.mfa.factor.totp.TotpFactor;
import dev.stepwise.mfa.factor.totp.TotpSecret;
import dev.stepwise.mfa.factor.totp.TotpSettings;
import dev.stepwise.mfa.factor.webauthn.WebAuthnCredential;
import dev.stepwise.mfa.trust.DeviceTrust;
import dev.stepwise.mfa.trust.TrustKey;
import dev.stepwise.mfa.trust.TrustKeyRing;
import dev.stepwise.mfa.trust.TrustRefusal;
import dev.stepwise.mfa.trust.TrustedDevice;
import dev.stepwise.mfa.trust.TrustedDevices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store contract, run against every supported database (H2 always, PostgreSQL on CI): the same tests, the
 * same expectations. Each concrete class gets a database of its own; each test starts from empty tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContractTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final byte[] BOX_KEY = "0123456789abcdef0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    static final int THREADS = 8;

    TestDatabase db;
    FaultyDataSource dataSource;
    JdbcStore store;
    final MutableClock clock = new MutableClock(T0);
    final SecretBox box = new SecretBox(BOX_KEY);

    /** A new, empty database of the kind under test. */
    abstract TestDatabase newDatabase();

    @BeforeAll
    void openStore() {
        db = newDatabase();
        dataSource = new FaultyDataSource(db.dataSource());
        store = JdbcStore.open(dataSource, box, true, clock);
    }

    @AfterAll
    void closeStore() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        dataSource.heal();
        clock.set(T0);
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String table : tables(c)) {
                if (!table.equalsIgnoreCase("stepwise_schema_version")) {
                    st.executeUpdate("DELETE FROM " + table);
                }
            }
        }
    }

    static List<String> tables(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        List<String> names = new ArrayList<>();
        for (String pattern : List.of("stepwise\\_%", "STEPWISE\\_%")) {
            try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), pattern, new String[]{"TABLE"})) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
        }
        return names;
    }

    static String user(String name) {
        return name + "-" + TestDatabase.randomSuffix();
    }

    // ---------------------------------------------------------------- schema

    @Test
    void openDetectsTheDialectAndRecordsEverySchemaVersionOnce() throws SQLException {
        assertThat(store.dialect()).isEqualTo(db.dialect());
        assertThat(JdbcStore.SCHEMA_VERSION).isEqualTo(SchemaScripts.CURRENT).isEqualTo(11);
        assertThat(SchemaFixtures.recorded(db.dataSource())).isEqualTo(SchemaFixtures.once(JdbcStore.SCHEMA_VERSION));
    }

    @Test
    void createSchemaTwiceChangesNothingAndKeepsData() {
        String alice = user("alice");
        fail(alice, T0);

        JdbcStore again = JdbcStore.open(dataSource, box, true, clock);

        assertThat(again.attempts().read(alice).failures()).isEqualTo(1);
    }

    @Test
    void everyTableIsPrefixed() throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            assertThat(tables(c)).hasSizeGreaterThanOrEqualTo(4)
                    .allSatisfy(t -> assertThat(t.toLowerCase()).startsWith("stepwise_"));
        }
    }

    @Test
    void openWithoutCreateOnAnEmptyDatabaseSaysWhatToDo() {
        try (TestDatabase empty = newDatabase()) {
            assertThatThrownBy(() -> JdbcStore.open(empty.dataSource(), box, false, clock))
                    .isInstanceOf(StoreSchemaException.class)
                    .hasMessageContaining("create-schema=true")
                    .hasMessageContaining(SchemaScripts.of(db.dialect(), 1).resource());
        }
    }

    @Test
    void openWithoutCreateAcceptsAnInstalledSchema() {
        assertThat(JdbcStore.open(dataSource, box, false, clock).dialect()).isEqualTo(db.dialect());
    }

    @Test
    void aDatabaseOfAnEarlierReleaseWithoutTheSendReservationTableIsRefusedUntilTheSchemaIsCreated()
            throws SQLException {
        try (TestDatabase earlier = newDatabase()) {
            JdbcStore.open(earlier.dataSource(), box, true, clock);
            try (Connection c = earlier.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE stepwise_otp_send");
            }
            SchemaFixtures.asLeftByAnEarlierBuild(earlier.dataSource());

            assertThatThrownBy(() -> JdbcStore.open(earlier.dataSource(), box, false, clock))
                    .isInstanceOf(StoreSchemaException.class).hasMessageContaining("highest recorded schema version is 1")
                    .hasMessageContaining("create-schema=true")
                    .hasMessageContaining(SchemaScripts.of(db.dialect(), 5).resource());

            JdbcStore created = JdbcStore.open(earlier.dataSource(), box, true, clock);
            assertThat(created.oneTimeCodes().reserveSend("alice", "email", T0, Duration.ofSeconds(30))).isTrue();
            assertThat(JdbcStore.open(earlier.dataSource(), box, false, clock).dialect()).isEqualTo(db.dialect());
        }
    }

    @Test
    void aSchemaFromANewerReleaseIsRefused() throws SQLException {
        try (TestDatabase other = newDatabase()) {
            JdbcStore.open(other.dataSource(), box, true, clock);
            try (Connection c = other.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO stepwise_schema_version VALUES (" + (SchemaScripts.CURRENT + 1)
                        + ", 0, 'from the future')");
            }
            assertThatThrownBy(() -> JdbcStore.open(other.dataSource(), box, true, clock))
                    .isInstanceOf(StoreSchemaException.class)
                    .hasMessageContaining("version " + (SchemaScripts.CURRENT + 1)).hasMessageContaining("newer release");
        }
    }

    @Test
    void eightNodesStartingAtOnceOnAnEmptyDatabaseCreateOneSchema() throws Exception {
        try (TestDatabase fresh = newDatabase()) {
            List<Dialect> opened = Concurrently.run(THREADS,
                    () -> JdbcStore.open(fresh.dataSource(), box, true, clock).dialect());

            assertThat(opened).containsOnly(db.dialect()).hasSize(THREADS);
            try (Connection c = fresh.dataSource().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM stepwise_schema_version")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(SchemaScripts.CURRENT);
            }
        }
    }

    // ---------------------------------------------------------------- user ids

    /**
     * User ids are compared exactly, as the application's principal names are: a database collation that ignored
     * case or trailing spaces (MariaDB's defaults do both) would let "Alice" or "alice " read alice's failures, or
     * replace alice's authenticator by enrolling one. Names beyond ASCII, four-byte UTF-8 included, round-trip.
     */
    @Test
    void userIdsAreComparedExactlyAndNonAsciiNamesRoundTrip() {
        String alice = user("alice");
        TotpCredential alices = TotpCredential.pending(alice, RFC_SECRET).activated(5);
        store.totpCredentials().save(alices);
        fail(alice, T0);
        List<String> lookAlikes = List.of(alice.toUpperCase(java.util.Locale.ROOT), "A" + alice.substring(1),
                alice + " ", alice.replace('a', '\u00e0'));

        for (String other : lookAlikes) {
            assertThat(store.totpCredentials().find(other)).as(other).isEmpty();
            assertThat(store.attempts().read(other)).as(other).isEqualTo(FailureCount.NONE);
            store.totpCredentials().save(TotpCredential.pending(other, TotpSecret.generate()));
            store.attempts().reset(other);
        }

        assertThat(store.totpCredentials().find(alice)).contains(alices);
        assertThat(store.attempts().read(alice).failures()).isEqualTo(1);
        List<String> names = List.of(user("Zo\u00eb"), user("\u7528\u6237"), user("\ud83d\ude42 smile"), alice + " ");
        for (String name : names) {
            store.exemptions().save(exemption(name, T0, T0.plusSeconds(60)));
        }
        assertThat(store.exemptions().list()).extracting(MfaExemption::user).containsExactlyInAnyOrderElementsOf(names);
        assertThat(store.exemptions().find(alice)).isEmpty();
    }

    // ---------------------------------------------------------------- store unreachable

    @Test
    void openingAnUnreachableStoreFailsClearly() {
        dataSource.goDown();

        assertThatThrownBy(() -> JdbcStore.open(dataSource, box, true, clock))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("could not connect").hasMessageContaining("08001");
    }

    @Test
    void everyOperationOnAnUnreachableStoreThrowsStoreUnavailableWithoutSecrets() {
        String secretUser = user("s3cr3t-user");
        TrustKey key = new TrustKeyRing(Duration.ofDays(90), Duration.ofDays(30)).slotAt(T0).newKey(new SecureRandom());
        dataSource.goDown();

        List<Runnable> operations = List.of(
                () -> store.attempts().read(secretUser),
                () -> store.attempts().replace(secretUser, FailureCount.NONE, FailureCount.NONE.next(T0)),
                () -> store.attempts().giveBack(secretUser),
                () -> store.attempts().reset(secretUser),
                () -> store.trustedDevices().find("device-id-123"),
                () -> store.trustedDevices().listByUser(secretUser),
                () -> store.trustedDevices().revokeAll(secretUser, T0),
                () -> store.trustKeys().findAll(),
                () -> store.trustKeys().addIfAbsent(key),
                () -> store.totpCredentials().find(secretUser),
                () -> store.enrolmentHolds().find(secretUser),
                () -> store.enrolmentHolds().save(new EnrolmentHold(secretUser, "totp", T0, T0.plusSeconds(1))),
                () -> store.totpCredentials().save(TotpCredential.pending(secretUser, RFC_SECRET)),
                () -> store.totpCredentials().advanceLastStep(secretUser, 5),
                () -> store.recoveryCodes().consume(secretUser, "code-id-1"),
                () -> store.recoveryCodes().replaceAll(secretUser, set("code-id-", 2)),
                () -> store.webAuthnCredentials().list(secretUser),
                () -> store.webAuthnCredentials().add(credential(secretUser, 1, T0)),
                () -> store.oneTimeCodes().consume(secretUser, "email", codeHash(1), T0),
                () -> store.oneTimeCodes().replace(new PendingCode(secretUser, "email", codeHash(1), T0,
                        T0.plusSeconds(60))),
                () -> store.riskHistory().lastSeen(secretUser, RiskHistory.Kind.DEVICE, "device-id-123"),
                () -> store.riskHistory().record(secretUser, RiskHistory.Kind.DEVICE, "device-id-123", T0),
                () -> store.riskHistory().forgetBefore(T0),
                () -> store.riskHistory().forget(secretUser),
                () -> store.riskHistory().signIns(secretUser),
                () -> store.riskHistory().recordSignIn(secretUser, new SignIn(T0, null)),
                () -> store.exemptions().save(exemption(secretUser, T0, T0.plusSeconds(60))),
                () -> store.exemptions().find(secretUser),
                () -> store.exemptions().revoke(secretUser),
                () -> store.exemptions().list(),
                () -> store.exemptions().deleteEndedBefore(T0),
                () -> store.preferences().of(secretUser),
                () -> store.preferences().save(secretUser, new MfaPreferences(true)),
                () -> store.preferences().forget(secretUser),
                () -> store.purgeExpired(T0, Duration.ofDays(90)));
        for (Runnable op : operations) {
            assertThatThrownBy(op::run)
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageStartingWith("the MFA store could not")
                    .hasMessageNotContaining(secretUser)
                    .hasMessageNotContaining("device-id-123")
                    .hasMessageNotContaining(key.id())
                    .hasMessageNotContaining("code-id")
                    .hasMessageNotContaining(RFC_SECRET.base32());
        }
    }

    @Test
    void aPoolThatFailsWithAnUncheckedExceptionIsTheStoreBeingUnreachable() {
        String alice = user("alice");
        dataSource.breakPool();

        assertThatThrownBy(() -> store.attempts().read(alice)).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("SQLState 08");
        assertThatThrownBy(() -> store.recoveryCodes().replaceAll(alice, set("code-id-", 2))).isInstanceOf(
                StoreUnavailableException.class);
        dataSource.heal();
        assertThat(store.attempts().read(alice)).isEqualTo(FailureCount.NONE);
    }

    @Test
    void aPoolThatFailsUncheckedWhenAConnectionIsGivenBackKeepsWhatTheStatementDid() {
        String alice = user("alice");
        dataSource.breakClose();

        assertThat(store.attempts().replace(alice, FailureCount.NONE, FailureCount.NONE.next(T0))).isTrue();
        assertThat(store.attempts().read(alice)).isEqualTo(FailureCount.NONE.next(T0));
        dataSource.heal();
        assertThat(store.attempts().read(alice)).isEqualTo(FailureCount.NONE.next(T0));
    }

    @Test
    void theStoreWorksAgainWhenTheDatabaseComesBack() {
        String alice = user("alice");
        dataSource.goDown();
        assertThatThrownBy(() -> store.attempts().read(alice)).isInstanceOf(StoreUnavailableException.class);

        dataSource.heal();

        assertThat(fail(alice, T0).failures()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- failure counters

    @Test
    void anUnknownAccountHasNoFailures() {
        assertThat(store.attempts().read(user("nobody"))).isEqualTo(FailureCount.NONE);
    }

    /** Counts one failure the way a reservation does: a compare-and-set on the count just read. */
    FailureCount fail(String user, Instant at) {
        FailureCount before = store.attempts().read(user);
        FailureCount after = before.next(at);
        assertThat(store.attempts().replace(user, before, after)).as("uncontended compare-and-set").isTrue();
        return after;
    }

    @Test
    void replaceCountsOnlyFromTheCountItExpects() {
        String alice = user("alice");
        FailureCount one = new FailureCount(1, T0);

        assertThat(store.attempts().replace(alice, FailureCount.NONE, one)).isTrue();
        assertThat(store.attempts().replace(alice, FailureCount.NONE, one)).as("the first failure exists").isFalse();
        assertThat(store.attempts().replace(alice, new FailureCount(1, T0.plusSeconds(1)), new FailureCount(2, T0)))
                .as("same number, another time: counted by someone else since").isFalse();
        assertThat(store.attempts().replace(alice, one, new FailureCount(2, T0.plusSeconds(5)))).isTrue();

        assertThat(store.attempts().read(alice)).isEqualTo(new FailureCount(2, T0.plusSeconds(5)));
    }

    @Test
    void countsArePerAccountAndResetForgetsOneAccount() {
        String alice = user("alice");
        String bob = user("bob");
        fail(alice, T0);
        fail(alice, T0);
        fail(bob, T0);

        store.attempts().reset(alice);

        assertThat(store.attempts().read(alice)).isEqualTo(FailureCount.NONE);
        assertThat(store.attempts().read(bob).failures()).isEqualTo(1);
    }

    @Test
    void givingBackTakesOneFailureAwayAndNeverGoesBelowNone() {
        String alice = user("alice");
        fail(alice, T0);
        fail(alice, T0.plusSeconds(1));

        store.attempts().giveBack(alice);
        assertThat(store.attempts().read(alice)).isEqualTo(new FailureCount(1, T0.plusSeconds(1)));
        store.attempts().giveBack(alice);
        store.attempts().giveBack(alice);
        assertThat(store.attempts().read(alice)).isEqualTo(FailureCount.NONE);

        // a row given back to zero counts again from none
        assertThat(store.attempts().replace(alice, FailureCount.NONE, new FailureCount(1, T0.plusSeconds(2)))).isTrue();
        assertThat(store.attempts().read(alice)).isEqualTo(new FailureCount(1, T0.plusSeconds(2)));
        store.attempts().giveBack(user("nobody"));
        assertThat(store.attempts().read(user("nobody"))).isEqualTo(FailureCount.NONE);
    }

    @Test
    void concurrentCompareAndSetsEachCountOnceAndSeeDistinctCounts() throws Exception {
        String alice = user("alice");
        int perThread = 25;

        List<List<Integer>> seen = Concurrently.run(THREADS, () -> {
            List<Integer> mine = new ArrayList<>();
            while (mine.size() < perThread) {
                FailureCount before = store.attempts().read(alice);
                FailureCount after = before.next(clock.instant());
                if (store.attempts().replace(alice, before, after)) {
                    mine.add(after.failures());
                }
            }
            return mine;
        });

        assertThat(store.attempts().read(alice).failures()).isEqualTo(THREADS * perThread);
        List<Integer> all = seen.stream().flatMap(List::stream).sorted().toList();
        // every count from 1 to 200 won exactly once: no two callers counted from the same count
        assertThat(all).hasSize(THREADS * perThread).doesNotHaveDuplicates()
                .first().isEqualTo(1);
        assertThat(all.get(all.size() - 1)).isEqualTo(THREADS * perThread);
    }

    @Test
    void elevenFailuresFromElevenSessionsLockTheAccountUntilTheLockoutEnds() {
        // NIST SP 800-63B §5.2.2, CVE-2024-0227: counted per account, whatever session, address or node tried.
        // Each "session" is its own throttle instance on the shared store; each reserves its attempt, waits out
        // the growing delay when told to (the clock jumps), and its wrong code keeps the reservation.
        String alice = user("alice");
        int recorded = 0;
        int lockouts = 0;
        int refusedBeforeVerifying = 0;
        for (int session = 1; session <= 11; session++) {
            AccountThrottle node = new AccountThrottle(store.attempts(), AttemptPolicy.defaults(), clock);
            AttemptReservation r = node.reserve(alice);
            if (r instanceof AttemptReservation.TooSoon soon) {
                clock.advance(soon.retryAfter());
                r = node.reserve(alice);
            }
            if (r instanceof AttemptReservation.Locked) {
                refusedBeforeVerifying++;
                continue;
            }
            recorded++;
            if (((AttemptReservation.Reserved) r).locksIfRejected()) {
                lockouts++;
            }
        }
        Instant lockedAt = clock.instant();
        AccountThrottle throttle = new AccountThrottle(store.attempts(), AttemptPolicy.defaults(), clock);
        AttemptState locked = throttle.check(alice);

        assertThat(recorded).isEqualTo(10);
        assertThat(refusedBeforeVerifying).as("the 11th session").isEqualTo(1);
        assertThat(lockouts).isEqualTo(1);
        assertThat(locked.failures()).isEqualTo(10);
        assertThat(locked.lockedUntil()).isEqualTo(lockedAt.plus(Duration.ofMinutes(15)));
        // a correct code a moment before the end is still refused: the reservation comes before any verification
        clock.set(lockedAt.plus(Duration.ofMinutes(15)).minusMillis(1));
        assertThat(throttle.reserve(alice)).isInstanceOf(AttemptReservation.Locked.class);
        assertThat(throttle.check(alice).failures()).as("a refused attempt is not counted").isEqualTo(10);

        clock.set(lockedAt.plus(Duration.ofMinutes(15)));
        assertThat(throttle.reserve(alice)).isInstanceOf(AttemptReservation.Reserved.class);
        throttle.recordSuccess(alice);
        assertThat(throttle.check(alice)).isEqualTo(AttemptState.CLEAR);
    }

    @Test
    void elevenFailuresCountedBackToBackLockTheAccount() {
        String alice = user("alice");
        AccountThrottle throttle = new AccountThrottle(store.attempts(), AttemptPolicy.defaults(), clock);

        for (int i = 0; i < 11; i++) {
            fail(alice, clock.instant());
        }

        assertThat(throttle.check(alice).failures()).isEqualTo(11);
        assertThat(throttle.check(alice).isLockedAt(clock.instant())).isTrue();
        assertThat(throttle.reserve(alice)).isInstanceOf(AttemptReservation.Locked.class);
    }

    @Test
    void thirtyTwoSimultaneousAttemptsAreCheckedOnlyAsThePolicyAllows() throws Exception {
        // Issue 10: 30 parallel wrong codes got 9 checked where the policy allows 3 before it delays. Each attempt
        // is counted before it is checked, in one atomic step, and only if the policy allows one now.
        String alice = user("alice");

        List<AttemptReservation> outcomes = Concurrently.run(32,
                () -> new AccountThrottle(store.attempts(), AttemptPolicy.defaults(), clock).reserve(alice));

        assertThat(outcomes).filteredOn(AttemptReservation.Reserved.class::isInstance).hasSize(3);
        assertThat(outcomes).filteredOn(AttemptReservation.TooSoon.class::isInstance).hasSize(29)
                .allSatisfy(r -> assertThat(((AttemptReservation.TooSoon) r).retryAfter())
                        .isEqualTo(Duration.ofSeconds(1)));
        assertThat(store.attempts().read(alice)).isEqualTo(new FailureCount(3, T0));
    }

    @Test
    void ofSimultaneousAttemptsThatReachTheLockoutExactlyOneLocks() throws Exception {
        // No delay before the lockout: 5 may be checked, the 5th locks if it is wrong, the rest are refused.
        String alice = user("alice");
        AttemptPolicy policy = new AttemptPolicy(5, Duration.ofMinutes(15), 5, Duration.ofSeconds(1),
                Duration.ofMinutes(5));

        List<AttemptReservation> outcomes = Concurrently.run(32,
                () -> new AccountThrottle(store.attempts(), policy, clock).reserve(alice));

        List<AttemptReservation.Reserved> reserved = outcomes.stream()
                .filter(AttemptReservation.Reserved.class::isInstance).map(AttemptReservation.Reserved.class::cast)
                .toList();
        assertThat(reserved).hasSize(5);
        assertThat(reserved).filteredOn(AttemptReservation.Reserved::locksIfRejected).hasSize(1)
                .allSatisfy(r -> assertThat(r.ifRejected().lockedUntil()).isEqualTo(T0.plus(Duration.ofMinutes(15))));
        assertThat(outcomes).filteredOn(AttemptReservation.Locked.class::isInstance).hasSize(27);
    }

    // ---------------------------------------------------------------- trusted devices

    TrustedDevice device(String id, String user, Instant created) {
        return new TrustedDevice(id, user, created, created, "Firefox 140 on Linux", created.plus(Duration.ofDays(30)), null);
    }

    @Test
    void aTrustedDeviceRoundTrips() {
        String alice = user("alice");
        TrustedDevice d = device("dev-1-" + alice, alice, T0);

        store.trustedDevices().create(d);

        assertThat(store.trustedDevices().find(d.deviceId())).contains(d);
        assertThat(store.trustedDevices().find("no-such-device")).isEmpty();
    }

    @Test
    void aDuplicateDeviceIdIsRefusedAndTheFirstKept() {
        String alice = user("alice");
        TrustedDevice first = device("dup", alice, T0);
        store.trustedDevices().create(first);

        assertThatThrownBy(() -> store.trustedDevices().create(device("dup", user("mallory"), T0.plusSeconds(1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.trustedDevices().find("dup")).contains(first);
    }

    @Test
    void touchMovesLastSeenForwardOnlyAndNeverOnARevokedDevice() {
        String alice = user("alice");
        store.trustedDevices().create(device("d1", alice, T0));
        store.trustedDevices().create(device("d2", alice, T0));

        assertThat(store.trustedDevices().touch("d1", T0.plusSeconds(60))).isTrue();
        assertThat(store.trustedDevices().touch("d1", T0.plusSeconds(30))).isTrue();
        assertThat(store.trustedDevices().find("d1").orElseThrow().lastSeenAt()).isEqualTo(T0.plusSeconds(60));

        store.trustedDevices().revoke(alice, "d2", T0.plusSeconds(10));
        assertThat(store.trustedDevices().touch("d2", T0.plusSeconds(60))).isFalse();
        assertThat(store.trustedDevices().find("d2").orElseThrow().lastSeenAt()).isEqualTo(T0);
        assertThat(store.trustedDevices().touch("unknown", T0)).isFalse();
    }

    @Test
    void listByUserShowsOnlyThatUsersDevicesNewestFirst() {
        String alice = user("alice");
        String bob = user("bob");
        store.trustedDevices().create(device("a-old", alice, T0));
        store.trustedDevices().create(device("a-new", alice, T0.plusSeconds(100)));
        store.trustedDevices().create(device("b-1", bob, T0.plusSeconds(50)));

        assertThat(store.trustedDevices().listByUser(alice)).extracting(TrustedDevice::deviceId)
                .containsExactly("a-new", "a-old");
        assertThat(store.trustedDevices().listByUser(user("nobody"))).isEmpty();
    }

    @Test
    void revokeIsScopedToTheOwnerAndHappensOnce() {
        String alice = user("alice");
        String mallory = user("mallory");
        store.trustedDevices().create(device("a1", alice, T0));

        assertThat(store.trustedDevices().revoke(mallory, "a1", T0.plusSeconds(1))).isFalse();
        assertThat(store.trustedDevices().find("a1").orElseThrow().isRevoked()).isFalse();

        assertThat(store.trustedDevices().revoke(alice, "a1", T0.plusSeconds(2))).isTrue();
        assertThat(store.trustedDevices().revoke(alice, "a1", T0.plusSeconds(3))).isFalse();
        assertThat(store.trustedDevices().find("a1").orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void revokeAllRevokesEveryLiveDeviceOfOneUser() {
        String alice = user("alice");
        String bob = user("bob");
        store.trustedDevices().create(device("a1", alice, T0));
        store.trustedDevices().create(device("a2", alice, T0));
        store.trustedDevices().create(device("a3", alice, T0));
        store.trustedDevices().create(device("b1", bob, T0));
        store.trustedDevices().revoke(alice, "a3", T0);

        assertThat(store.trustedDevices().revokeAll(alice, T0.plusSeconds(5))).isEqualTo(2);

        assertThat(store.trustedDevices().listByUser(alice)).allMatch(TrustedDevice::isRevoked);
        assertThat(store.trustedDevices().find("b1").orElseThrow().isRevoked()).isFalse();
    }

    @Test
    void deleteExpiredRemovesOnlyExpiredRecords() {
        String alice = user("alice");
        store.trustedDevices().create(device("old", alice, T0.minus(Duration.ofDays(31))));
        store.trustedDevices().create(device("live", alice, T0));

        assertThat(store.trustedDevices().deleteExpired(T0)).isEqualTo(1);

        assertThat(store.trustedDevices().listByUser(alice)).extracting(TrustedDevice::deviceId).containsExactly("live");
    }

    // ---------------------------------------------------------------- trust keys

    final TrustKeyRing ring = new TrustKeyRing(Duration.ofDays(90), Duration.ofDays(30));

    @Test
    void aTrustKeyRoundTripsAndIsSealedAtRest() throws SQLException {
        TrustKey key = ring.slotAt(T0).newKey(new SecureRandom());

        assertThat(store.trustKeys().addIfAbsent(key)).isTrue();

        assertThat(store.trustKeys().findAll()).containsExactly(key);
        byte[] stored = rawKeyBox(key.id());
        assertThat(indexOf(stored, key.secret())).as("key bytes in clear at rest").isEqualTo(-1);
        assertThat(stored[0]).isEqualTo(SecretBox.VERSION);
    }

    @Test
    void aSealedKeyMovedToAnotherRowDoesNotOpen() throws SQLException {
        SecureRandom random = new SecureRandom();
        TrustKey a = ring.slotAt(T0).newKey(random);
        TrustKey b = ring.next(ring.slotAt(T0)).newKey(random);
        store.trustKeys().addIfAbsent(a);
        store.trustKeys().addIfAbsent(b);
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE stepwise_trust_key SET key_box = ? WHERE key_id = ?")) {
            ps.setBytes(1, rawKeyBox(a.id()));
            ps.setString(2, b.id());
            ps.executeUpdate();
        }

        assertThatThrownBy(() -> store.trustKeys().findAll()).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void aSecondKeyForTheSameSlotIsNotStored() {
        SecureRandom random = new SecureRandom();
        TrustKey first = ring.slotAt(T0).newKey(random);
        TrustKey rival = ring.slotAt(T0).newKey(random);

        assertThat(store.trustKeys().addIfAbsent(first)).isTrue();
        assertThat(store.trustKeys().addIfAbsent(rival)).isFalse();
        assertThat(store.trustKeys().addIfAbsent(first)).isFalse();

        assertThat(store.trustKeys().findAll()).containsExactly(first);
    }

    @Test
    void eightNodesCreatingTheKeyOfOneSlotStoreExactlyOne() throws Exception {
        SecureRandom random = new SecureRandom();

        List<Boolean> added = Concurrently.run(THREADS,
                () -> store.trustKeys().addIfAbsent(ring.slotAt(T0).newKey(random)));

        assertThat(added).containsOnlyOnce(true);
        assertThat(store.trustKeys().findAll()).hasSize(1);
    }

    @Test
    void deleteExpiredKeysKeepsKeysThatStillVerify() {
        SecureRandom random = new SecureRandom();
        TrustKey old = ring.slotAt(T0.minus(Duration.ofDays(200))).newKey(random);
        TrustKey current = ring.slotAt(T0).newKey(random);
        store.trustKeys().addIfAbsent(old);
        store.trustKeys().addIfAbsent(current);

        assertThat(store.trustKeys().deleteExpired(T0)).isEqualTo(1);

        assertThat(store.trustKeys().findAll()).containsExactly(current);
    }

    // ---------------------------------------------------------------- trust this device, end to end

    TrustedDevices trustedDevices() {
        return new TrustedDevices(store.trustedDevices(), store.trustKeys(), clock, Duration.ofDays(30),
                Duration.ofDays(90), new SecureRandom());
    }

    @Test
    void aCookieIssuedOnOneNodeIsTrustedOnAnotherUntilRevoked() {
        String alice = user("alice");
        TrustedDevices nodeA = trustedDevices();
        TrustedDevices nodeB = trustedDevices();

        TrustedDevices.Issued issued = nodeA.issue(alice, "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
        clock.advance(Duration.ofDays(1));

        DeviceTrust onB = nodeB.check(issued.cookieValue(), alice);
        assertThat(onB).isInstanceOf(DeviceTrust.Trusted.class);
        assertThat(store.trustedDevices().find(issued.device().deviceId()).orElseThrow().lastSeenAt())
                .isEqualTo(clock.instant());

        assertThat(nodeB.revoke(alice, issued.device().deviceId())).isTrue();
        assertThat(nodeA.check(issued.cookieValue(), alice)).isEqualTo(new DeviceTrust.Untrusted(TrustRefusal.REVOKED));
    }

    @Test
    void revokeAllEndsEveryCookieOfTheUserOnly() {
        String alice = user("alice");
        String bob = user("bob");
        TrustedDevices trust = trustedDevices();
        String laptop = trust.issue(alice, "laptop").cookieValue();
        String phone = trust.issue(alice, "phone").cookieValue();
        String bobs = trust.issue(bob, "bob").cookieValue();

        assertThat(trust.revokeAll(alice)).isEqualTo(2);

        assertThat(trust.check(laptop, alice)).isEqualTo(new DeviceTrust.Untrusted(TrustRefusal.REVOKED));
        assertThat(trust.check(phone, alice)).isEqualTo(new DeviceTrust.Untrusted(TrustRefusal.REVOKED));
        assertThat(trust.check(bobs, bob)).isInstanceOf(DeviceTrust.Trusted.class);
    }

    @Test
    void aCookieWhoseRecordIsGoneIsNotTrusted() {
        String alice = user("alice");
        TrustedDevices trust = trustedDevices();
        String cookie = trust.issue(alice, "laptop").cookieValue();
        clock.advance(Duration.ofDays(31));
        assertThat(trust.deleteExpired()).isEqualTo(1);
        clock.set(T0.plusSeconds(1));

        assertThat(trust.check(cookie, alice)).isEqualTo(new DeviceTrust.Untrusted(TrustRefusal.UNKNOWN_DEVICE));
    }

    @Test
    void eightNodesIssuingAtTheStartOfASlotShareOneKey() throws Exception {
        TrustKeyRing.Slot slot = ring.slotAt(T0);
        clock.set(slot.signsFrom());
        AtomicInteger n = new AtomicInteger();

        List<String> cookies = Concurrently.run(THREADS,
                () -> trustedDevices().issue(user("u" + n.incrementAndGet()), "ua").cookieValue());

        List<TrustKey> keys = store.trustKeys().findAll();
        // the current slot's key and the next slot's, each once
        assertThat(keys).extracting(TrustKey::slot).containsExactlyInAnyOrder(slot.name(), ring.next(slot).name());
        Set<String> payloadKeyIds = new HashSet<>();
        for (String c : cookies) {
            payloadKeyIds.add(c.substring(0, 8));
        }
        assertThat(payloadKeyIds).as("every cookie signed by the one current key").hasSize(1);
    }

    // ---------------------------------------------------------------- TOTP enrolments

    /** RFC 6238 Appendix B, SHA1 secret; at Unix time 59 the 8-digit code is 94287082 (step 1). */
    static final TotpSecret RFC_SECRET = new TotpSecret("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void aTotpEnrolmentRoundTripsWithItsSecretSealedAtRest() throws SQLException {
        String alice = user("alice");
        TotpCredential pending = TotpCredential.pending(alice, RFC_SECRET);

        store.totpCredentials().save(pending);

        assertThat(store.totpCredentials().find(alice)).contains(pending);
        byte[] sealed = rawBytes("SELECT secret_box FROM stepwise_totp WHERE user_id = ?", alice);
        assertThat(indexOf(sealed, RFC_SECRET.bytes())).as("secret in clear at rest").isEqualTo(-1);
        assertThat(store.totpCredentials().find(user("nobody"))).isEmpty();
    }

    @Test
    void saveReplacesAndDeleteRemoves() {
        String alice = user("alice");
        store.totpCredentials().save(TotpCredential.pending(alice, TotpSecret.generate()));
        TotpCredential active = TotpCredential.pending(alice, RFC_SECRET).activated(7);

        store.totpCredentials().save(active);
        assertThat(store.totpCredentials().find(alice)).contains(active);

        store.totpCredentials().delete(alice);
        assertThat(store.totpCredentials().find(alice)).isEmpty();
        store.totpCredentials().delete(alice);
    }

    @Test
    void aSealedTotpSecretCopiedToAnotherUsersRowDoesNotOpen() throws SQLException {
        String alice = user("alice");
        String mallory = user("mallory");
        store.totpCredentials().save(TotpCredential.pending(alice, RFC_SECRET).activated(1));
        store.totpCredentials().save(TotpCredential.pending(mallory, TotpSecret.generate()).activated(1));
        byte[] alicesBox = rawBytes("SELECT secret_box FROM stepwise_totp WHERE user_id = ?", alice);
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE stepwise_totp SET secret_box = ? WHERE user_id = ?")) {
            ps.setBytes(1, alicesBox);
            ps.setString(2, mallory);
            ps.executeUpdate();
        }

        assertThatThrownBy(() -> store.totpCredentials().find(mallory)).isInstanceOf(SecretBoxException.class)
                .hasMessageNotContaining(mallory);
        assertThat(store.totpCredentials().find(alice)).isPresent();
    }

    @Test
    void aStoredTotpSecretOf128BitsIsRefusedWhenReadAndNeverUsed() throws SQLException {
        // A row written before 160 bits were required (or by hand): the store does not hand it to the factor.
        String alice = user("alice");
        store.totpCredentials().save(TotpCredential.pending(alice, RFC_SECRET).activated(1));
        byte[] weak = "1234567890123456".getBytes(StandardCharsets.US_ASCII);
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE stepwise_totp SET secret_box = ? WHERE user_id = ?")) {
            ps.setBytes(1, box.seal(weak, alice, JdbcTotpCredentialStore.PURPOSE));
            ps.setString(2, alice);
            ps.executeUpdate();
        }

        assertThatThrownBy(() -> store.totpCredentials().find(alice)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("too weak").hasMessageContaining("160 bits").hasMessageContaining("128 bits")
                .hasMessageNotContaining("MTIzNDU2").hasMessageNotContaining("GEZDGNBV");
    }

    @Test
    void theLastStepOnlyMovesForward() {
        String alice = user("alice");
        store.totpCredentials().save(TotpCredential.pending(alice, RFC_SECRET));

        assertThat(store.totpCredentials().advanceLastStep(alice, 0)).isTrue();
        assertThat(store.totpCredentials().advanceLastStep(alice, 0)).as("same step again").isFalse();
        assertThat(store.totpCredentials().advanceLastStep(alice, 5)).isTrue();
        assertThat(store.totpCredentials().advanceLastStep(alice, 4)).as("an older step").isFalse();
        assertThat(store.totpCredentials().advanceLastStep(alice, 66_666_666_667L)).as("beyond int range").isTrue();
        assertThat(store.totpCredentials().find(alice).orElseThrow().lastStep()).isEqualTo(66_666_666_667L);
        assertThat(store.totpCredentials().advanceLastStep(user("nobody"), 1)).isFalse();
    }

    @Test
    void eightNodesAdvancingToOneStepLetExactlyOneWin() throws Exception {
        String alice = user("alice");
        store.totpCredentials().save(TotpCredential.pending(alice, RFC_SECRET).activated(0));

        List<Boolean> won = Concurrently.run(THREADS, () -> store.totpCredentials().advanceLastStep(alice, 1));

        assertThat(won).containsOnlyOnce(true);
    }

    @Test
    void oneTotpCodeVerifiedConcurrentlyOnEightNodesIsAcceptedOnce() throws Exception {
        // docs/security-model.md, RFC 6238 §5.2: two concurrent verifies of one code — exactly one wins
        String alice = user("alice");
        store.totpCredentials().save(TotpCredential.pending(alice, RFC_SECRET).activated(0));
        clock.set(Instant.ofEpochSecond(59));
        TotpSettings eightDigits = new TotpSettings(8, Duration.ofSeconds(30), TotpAlgorithm.SHA1, 1);

        List<Verification> results = Concurrently.run(THREADS, () -> new TotpFactor(store.totpCredentials(), clock,
                eightDigits).verify(alice, Map.of(TotpFactor.INPUT_CODE, "94287082"), context()));

        assertThat(results).filteredOn(v -> v instanceof Verification.Accepted).hasSize(1);
        assertThat(results).filteredOn(v -> v instanceof Verification.Rejected).hasSize(THREADS - 1);
    }

    // ---------------------------------------------------------------- recovery codes

    static RecoveryCodeHash hash(String id, int fill) {
        byte[] salt = new byte[16];
        byte[] h = new byte[32];
        java.util.Arrays.fill(salt, (byte) fill);
        java.util.Arrays.fill(h, (byte) (fill + 1));
        return new RecoveryCodeHash(id, salt, 100_000, h);
    }

    static List<RecoveryCodeHash> set(String prefix, int n) {
        List<RecoveryCodeHash> hashes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hashes.add(hash(prefix + i, i));
        }
        return hashes;
    }

    @Test
    void recoveryHashesRoundTrip() {
        String alice = user("alice");
        List<RecoveryCodeHash> codes = set("a", 10);

        store.recoveryCodes().replaceAll(alice, codes);

        assertThat(store.recoveryCodes().list(alice)).containsExactlyInAnyOrderElementsOf(codes);
        assertThat(store.recoveryCodes().remaining(alice)).isEqualTo(10);
        assertThat(store.recoveryCodes().list(user("nobody"))).isEmpty();
    }

    @Test
    void aRecoveryCodeIsConsumedOnceAndOnlyByItsOwner() {
        String alice = user("alice");
        String mallory = user("mallory");
        store.recoveryCodes().replaceAll(alice, set("a", 3));

        assertThat(store.recoveryCodes().consume(mallory, "a1")).isFalse();
        assertThat(store.recoveryCodes().consume(alice, "a1")).isTrue();
        assertThat(store.recoveryCodes().consume(alice, "a1")).isFalse();
        assertThat(store.recoveryCodes().consume(alice, "zz")).isFalse();
        assertThat(store.recoveryCodes().remaining(alice)).isEqualTo(2);
    }

    @Test
    void regeneratingInvalidatesEveryOldCode() {
        String alice = user("alice");
        store.recoveryCodes().replaceAll(alice, set("old", 10));

        store.recoveryCodes().replaceAll(alice, set("new", 10));

        assertThat(store.recoveryCodes().consume(alice, "old3")).isFalse();
        assertThat(store.recoveryCodes().list(alice)).extracting(RecoveryCodeHash::id).allMatch(id -> id.startsWith("new"));
        store.recoveryCodes().replaceAll(alice, List.of());
        assertThat(store.recoveryCodes().remaining(alice)).isZero();
    }

    @Test
    void duplicateIdsAreRefusedBeforeAnythingIsWritten() {
        String alice = user("alice");
        store.recoveryCodes().replaceAll(alice, set("old", 2));

        assertThatThrownBy(() -> store.recoveryCodes().replaceAll(alice, List.of(hash("x", 1), hash("x", 2))))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(store.recoveryCodes().list(alice)).extracting(RecoveryCodeHash::id).containsExactlyInAnyOrder("old0", "old1");
    }

    @Test
    void aFailureWhileReplacingTheSetLeavesTheOldSetWhole() {
        String alice = user("alice");
        store.recoveryCodes().replaceAll(alice, set("old", 10));
        // replace = lock the set row (1), delete the old hashes (2), insert the new ones (3): fail the insert
        dataSource.failExecution(3);

        assertThatThrownBy(() -> store.recoveryCodes().replaceAll(alice, set("new", 10)))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("replace the recovery codes");

        assertThat(store.recoveryCodes().list(alice)).extracting(RecoveryCodeHash::id)
                .containsExactlyInAnyOrderElementsOf(set("old", 10).stream().map(RecoveryCodeHash::id).toList());
    }

    @Test
    void oneRecoveryCodeUsedFromEightThreadsIsConsumedOnce() throws Exception {
        String alice = user("alice");
        store.recoveryCodes().replaceAll(alice, set("a", 10));

        List<Boolean> won = Concurrently.run(THREADS, () -> store.recoveryCodes().consume(alice, "a4"));

        assertThat(won).containsOnlyOnce(true);
        assertThat(store.recoveryCodes().remaining(alice)).isEqualTo(9);
    }

    @Test
    void oneRecoveryCodeVerifiedConcurrentlyOnEightNodesIsAcceptedOnce() throws Exception {
        String alice = user("alice");
        RecoveryFactor factor = new RecoveryFactor(store.recoveryCodes(),
                new RecoveryCodeHasher(RecoveryCodeHasher.MIN_ITERATIONS, new SecureRandom()), used -> { },
                new SecureRandom());
        String code = factor.regenerate(alice).codes().get(3);

        List<Verification> results = Concurrently.run(THREADS,
                () -> factor.verify(alice, Map.of(RecoveryFactor.INPUT_CODE, code), context()));

        assertThat(results).filteredOn(v -> v instanceof Verification.Accepted).hasSize(1);
        assertThat(store.recoveryCodes().remaining(alice)).isEqualTo(9);
    }

    @Test
    void concurrentRegenerationsLeaveExactlyOneWholeSet() throws Exception {
        String alice = user("alice");
        store.recoveryCodes().replaceAll(alice, set("old", 10));
        AtomicInteger n = new AtomicInteger();

        Concurrently.run(THREADS, () -> {
            store.recoveryCodes().replaceAll(alice, set("s" + n.incrementAndGet() + "-", 10));
            return null;
        });

        List<RecoveryCodeHash> left = store.recoveryCodes().list(alice);
        assertThat(left).hasSize(10);
        assertThat(left).extracting(h -> h.id().substring(0, h.id().indexOf('-'))).containsOnly(
                left.get(0).id().substring(0, left.get(0).id().indexOf('-')));
    }

    /**
     * A user's very first set, generated from several requests at once: the row that serialises them does not exist
     * yet, and creating it must not let two of them deadlock (on MariaDB, two inserts that both found the duplicate
     * would each hold a shared lock on it and wait to update it).
     */
    @Test
    void concurrentFirstRegenerationsOfAUserLeaveExactlyOneWholeSet() throws Exception {
        for (int user = 0; user < 5; user++) {
            String alice = user("alice");
            AtomicInteger n = new AtomicInteger();

            Concurrently.run(THREADS, () -> {
                store.recoveryCodes().replaceAll(alice, set(alice + "/s" + n.incrementAndGet() + "-", 10));
                return null;
            });

            List<RecoveryCodeHash> left = store.recoveryCodes().list(alice);
            assertThat(left).hasSize(10);
            assertThat(left).extracting(h -> h.id().substring(0, h.id().lastIndexOf('-')))
                    .containsOnly(left.get(0).id().substring(0, left.get(0).id().lastIndexOf('-')));
        }
    }

    /**
     * Users whose ids sort next to each other regenerate at once: each transaction deletes and inserts its own
     * user's rows of one index, and must neither wait for nor deadlock with its neighbours' (MariaDB's default
     * REPEATABLE READ would lock the gaps between them).
     */
    @Test
    void concurrentRegenerationsOfNeighbouringUsersAllSucceed() throws Exception {
        String base = user("u");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            users.add(base + "-" + i);
            store.recoveryCodes().replaceAll(users.get(i), set(users.get(i) + "/old-", 10));
        }
        List<String> prefixes = new ArrayList<>();
        for (int round = 0; round < 20; round++) {   // MariaDB at REPEATABLE READ deadlocked within 20 in every trial
            prefixes.clear();   // random: a new set sorts before or after the old one
            for (String u : users) {
                prefixes.add(u + "/" + TestDatabase.randomSuffix() + "-");
            }
            AtomicInteger n = new AtomicInteger();
            Concurrently.run(THREADS, () -> {
                int i = n.getAndIncrement();
                store.recoveryCodes().replaceAll(users.get(i), set(prefixes.get(i), 10));
                return null;
            });
        }
        for (int i = 0; i < THREADS; i++) {
            String prefix = prefixes.get(i);
            assertThat(store.recoveryCodes().list(users.get(i))).hasSize(10)
                    .allSatisfy(h -> assertThat(h.id()).startsWith(prefix));
        }
    }

    // ---------------------------------------------------------------- WebAuthn credentials

    static WebAuthnCredential credential(String user, int id, Instant created) {
        byte[] credentialId = new byte[64];
        java.util.Arrays.fill(credentialId, (byte) id);
        byte[] data = new byte[300];
        java.util.Arrays.fill(data, (byte) (id + 7));
        return new WebAuthnCredential(user, credentialId, data, 0, Set.of("usb", "hybrid"),
                UUID.fromString("00000000-0000-0000-0000-00000000000" + (id % 10)), "Key " + id, false, true, false,
                created, null);
    }

    @Test
    void aWebAuthnCredentialRoundTrips() {
        String alice = user("alice");
        WebAuthnCredential cr = credential(alice, 1, T0);

        assertThat(store.webAuthnCredentials().add(cr)).isTrue();

        assertThat(store.webAuthnCredentials().find(cr.credentialId())).contains(cr);
        assertThat(store.webAuthnCredentials().find(new byte[]{9, 9})).isEmpty();
        WebAuthnCredential noTransports = new WebAuthnCredential(alice, new byte[]{1}, new byte[]{2}, 5, Set.of(),
                UUID.randomUUID(), "Phone", true, false, false, T0, T0.plusSeconds(1));
        store.webAuthnCredentials().add(noTransports);
        assertThat(store.webAuthnCredentials().find(new byte[]{1})).contains(noTransports);
    }

    @Test
    void aCredentialIdRegisteredBeforeIsRefusedForAnyUser() {
        // WebAuthn §7.1: an already known credentialId fails the registration
        String alice = user("alice");
        WebAuthnCredential cr = credential(alice, 1, T0);
        store.webAuthnCredentials().add(cr);

        assertThat(store.webAuthnCredentials().add(credential(user("mallory"), 1, T0.plusSeconds(1)))).isFalse();
        assertThat(store.webAuthnCredentials().find(cr.credentialId()).orElseThrow().user()).isEqualTo(alice);
    }

    @Test
    void credentialsAreListedPerUserOldestFirst() {
        String alice = user("alice");
        store.webAuthnCredentials().add(credential(alice, 2, T0.plusSeconds(10)));
        store.webAuthnCredentials().add(credential(alice, 1, T0));
        store.webAuthnCredentials().add(credential(user("bob"), 3, T0));

        assertThat(store.webAuthnCredentials().list(alice)).extracting(WebAuthnCredential::name)
                .containsExactly("Key 1", "Key 2");
    }

    @Test
    void theSignCountIsACompareAndSet() {
        String alice = user("alice");
        WebAuthnCredential cr = credential(alice, 1, T0);
        store.webAuthnCredentials().add(cr);

        assertThat(store.webAuthnCredentials().updateSignCount(cr.credentialId(), 0, 5, true, true, T0.plusSeconds(1)))
                .isTrue();
        assertThat(store.webAuthnCredentials().updateSignCount(cr.credentialId(), 0, 6, false, false, T0.plusSeconds(2)))
                .as("stale expected count").isFalse();
        assertThat(store.webAuthnCredentials().find(cr.credentialId())).contains(cr.used(5, true, true, T0.plusSeconds(1)));
        // uv_initialized only ever turns on
        store.webAuthnCredentials().updateSignCount(cr.credentialId(), 5, 6, false, false, T0.plusSeconds(3));
        assertThat(store.webAuthnCredentials().find(cr.credentialId()).orElseThrow().uvInitialized()).isTrue();
        assertThat(store.webAuthnCredentials().updateSignCount(new byte[]{42}, 0, 1, false, false, T0)).isFalse();
    }

    @Test
    void eightConcurrentSignInsMoveTheCounterFromOneValueOnce() throws Exception {
        String alice = user("alice");
        WebAuthnCredential cr = credential(alice, 1, T0);
        store.webAuthnCredentials().add(cr);
        AtomicInteger n = new AtomicInteger();

        List<Boolean> won = Concurrently.run(THREADS, () -> store.webAuthnCredentials()
                .updateSignCount(cr.credentialId(), 0, n.incrementAndGet(), false, false, T0));

        assertThat(won).containsOnlyOnce(true);
    }

    @Test
    void renameAndDeleteAreScopedToTheOwner() {
        String alice = user("alice");
        String mallory = user("mallory");
        WebAuthnCredential cr = credential(alice, 1, T0);
        store.webAuthnCredentials().add(cr);

        assertThat(store.webAuthnCredentials().rename(mallory, cr.credentialId(), "mine")).isFalse();
        assertThat(store.webAuthnCredentials().delete(mallory, cr.credentialId())).isFalse();
        assertThat(store.webAuthnCredentials().rename(alice, cr.credentialId(), "  YubiKey  ")).isTrue();
        assertThat(store.webAuthnCredentials().find(cr.credentialId()).orElseThrow().name()).isEqualTo("YubiKey");
        assertThatThrownBy(() -> store.webAuthnCredentials().rename(alice, cr.credentialId(), "bad\nname"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.webAuthnCredentials().delete(alice, cr.credentialId())).isTrue();
        assertThat(store.webAuthnCredentials().delete(alice, cr.credentialId())).isFalse();
        assertThat(store.webAuthnCredentials().find(cr.credentialId())).isEmpty();
    }

    @Test
    void removingOneKeyThirtyTwoTimesInParallelRemovesItOnce() throws Exception {
        String alice = user("alice");
        WebAuthnCredential first = credential(alice, 1, T0);
        store.webAuthnCredentials().add(first);
        store.webAuthnCredentials().add(credential(alice, 2, T0.plusSeconds(1)));

        List<Boolean> plain = Concurrently.run(32, () -> store.webAuthnCredentials().delete(alice,
                first.credentialId()));

        assertThat(plain).containsOnlyOnce(true);
        assertThat(store.webAuthnCredentials().list(alice)).extracting(WebAuthnCredential::name)
                .containsExactly("Key 2");
    }

    @Test
    void removingUnlessLastKeepsTheLastKeyAndLeavesOtherUsersAlone() {
        String alice = user("alice");
        String mallory = user("mallory");
        WebAuthnCredential first = credential(alice, 1, T0);
        WebAuthnCredential second = credential(alice, 2, T0.plusSeconds(1));
        WebAuthnCredential mallorys = credential(mallory, 3, T0);
        store.webAuthnCredentials().add(first);
        store.webAuthnCredentials().add(second);
        store.webAuthnCredentials().add(mallorys);
        store.webAuthnCredentials().add(credential(mallory, 4, T0));

        assertThat(store.webAuthnCredentials().deleteUnlessLast(alice, mallorys.credentialId())).isFalse();
        assertThat(store.webAuthnCredentials().deleteUnlessLast(alice, new byte[]{42})).isFalse();
        assertThat(store.webAuthnCredentials().deleteUnlessLast(alice, first.credentialId())).isTrue();
        assertThat(store.webAuthnCredentials().deleteUnlessLast(alice, first.credentialId())).isFalse();
        assertThat(store.webAuthnCredentials().deleteUnlessLast(alice, second.credentialId()))
                .as("the last one").isFalse();
        assertThat(store.webAuthnCredentials().list(alice)).extracting(WebAuthnCredential::name)
                .containsExactly("Key 2");
        assertThat(store.webAuthnCredentials().list(mallory)).hasSize(2);
    }

    @Test
    void twoKeysRemovedUnlessLastInParallelLeaveOne() throws Exception {
        for (int round = 0; round < 5; round++) {
            String alice = user("alice" + round);
            WebAuthnCredential first = credential(alice, 10 + 2 * round, T0);
            WebAuthnCredential second = credential(alice, 11 + 2 * round, T0.plusSeconds(1));
            store.webAuthnCredentials().add(first);
            store.webAuthnCredentials().add(second);
            AtomicInteger n = new AtomicInteger();

            List<Boolean> removed = Concurrently.run(THREADS, () -> store.webAuthnCredentials().deleteUnlessLast(alice,
                    (n.getAndIncrement() % 2 == 0 ? first : second).credentialId()));

            assertThat(removed).as("round %d", round).containsOnlyOnce(true);
            assertThat(store.webAuthnCredentials().list(alice)).as("round %d", round).hasSize(1);
        }
    }

    @Test
    void aNameInAnyScriptWithEmojiUpToSixtyFourCharactersRoundTrips() {
        String alice = user("alice");
        WebAuthnCredential cr = credential(alice, 1, T0);
        store.webAuthnCredentials().add(cr);
        String name = "Schlüssel 🔑 ключ " + "ü".repeat(64 - 18);

        assertThat(name).hasSize(64);
        assertThat(store.webAuthnCredentials().rename(alice, cr.credentialId(), name)).isTrue();
        assertThat(store.webAuthnCredentials().find(cr.credentialId()).orElseThrow().name()).isEqualTo(name);
        assertThatThrownBy(() -> store.webAuthnCredentials().rename(alice, cr.credentialId(), name + "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.webAuthnCredentials().rename(alice, cr.credentialId(), "evil\u202Eexe"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.webAuthnCredentials().find(cr.credentialId()).orElseThrow().name()).isEqualTo(name);
    }

    @Test
    void theFirstUserHandleStaysTheUsersHandle() throws Exception {
        String alice = user("alice");
        SecureRandom random = new SecureRandom();

        List<byte[]> handles = Concurrently.run(THREADS, () -> {
            byte[] candidate = new byte[32];
            random.nextBytes(candidate);
            return store.webAuthnCredentials().userHandle(alice, candidate);
        });

        byte[] first = handles.get(0);
        assertThat(handles).allSatisfy(h -> assertThat(h).isEqualTo(first));
        assertThat(store.webAuthnCredentials().userHandle(alice, new byte[32])).isEqualTo(first);
        assertThat(store.webAuthnCredentials().userHandle(user("bob"), new byte[]{1, 2})).containsExactly(1, 2);
    }

    /** Passkey sign-in reads a user's handle without creating one; another user's handle is never returned. */
    @Test
    void aUserHandleIsFoundOnlyOnceGivenOutAndOnlyForItsUser() {
        String alice = user("alice");
        String bob = user("bob");
        assertThat(store.webAuthnCredentials().findUserHandle(alice)).isEmpty();
        assertThat(store.webAuthnCredentials().findUserHandle(alice)).as("the read created nothing").isEmpty();

        byte[] given = store.webAuthnCredentials().userHandle(alice, new byte[]{7, 8, 9});

        assertThat(store.webAuthnCredentials().findUserHandle(alice)).get().isEqualTo(given);
        assertThat(store.webAuthnCredentials().findUserHandle(bob)).isEmpty();
    }

    // ---------------------------------------------------------------- pending email/SMS codes

    static byte[] codeHash(int fill) {
        byte[] h = new byte[32];
        java.util.Arrays.fill(h, (byte) fill);
        return h;
    }

    @Test
    void onlyTheNewestPendingCodeOfAChannelExists() {
        String alice = user("alice");
        Duration tenMinutes = Duration.ofMinutes(10);
        store.oneTimeCodes().replace(new PendingCode(alice, "email", codeHash(1), T0, T0.plus(tenMinutes)));
        store.oneTimeCodes().replace(new PendingCode(alice, "sms", codeHash(3), T0, T0.plus(tenMinutes)));

        store.oneTimeCodes().replace(new PendingCode(alice, "email", codeHash(2), T0.plusSeconds(40),
                T0.plusSeconds(40).plus(tenMinutes)));

        assertThat(store.oneTimeCodes().lastIssue(alice, "email"))
                .contains(new CodeIssue(T0.plusSeconds(40), T0.plusSeconds(40).plus(tenMinutes)));
        assertThat(store.oneTimeCodes().consume(alice, "email", codeHash(1), T0.plusSeconds(41))).as("older code").isFalse();
        assertThat(store.oneTimeCodes().consume(alice, "email", codeHash(2), T0.plusSeconds(41))).isTrue();
        assertThat(store.oneTimeCodes().consume(alice, "email", codeHash(2), T0.plusSeconds(42))).as("reuse").isFalse();
        assertThat(store.oneTimeCodes().lastIssue(alice, "email")).isEmpty();
        assertThat(store.oneTimeCodes().lastIssue(alice, "sms")).isPresent();
    }

    @Test
    void aWrongGuessBurnsNothingAndAnExpiredCodeIsRefused() {
        String alice = user("alice");
        Instant expires = T0.plus(Duration.ofMinutes(10));
        store.oneTimeCodes().replace(new PendingCode(alice, "email", codeHash(1), T0, expires));

        assertThat(store.oneTimeCodes().consume(alice, "email", codeHash(9), T0)).isFalse();
        assertThat(store.oneTimeCodes().consume(user("bob"), "email", codeHash(1), T0)).isFalse();
        assertThat(store.oneTimeCodes().consume(alice, "sms", codeHash(1), T0)).isFalse();
        assertThat(store.oneTimeCodes().consume(alice, "email", codeHash(1), expires)).as("expiry is exclusive").isFalse();
        assertThat(store.oneTimeCodes().consume(alice, "email", codeHash(1), expires.minusMillis(1))).isTrue();
    }

    @Test
    void removeAndPurge() {
        String alice = user("alice");
        String bob = user("bob");
        store.oneTimeCodes().replace(new PendingCode(alice, "email", codeHash(1), T0, T0.plusSeconds(60)));
        store.oneTimeCodes().replace(new PendingCode(bob, "email", codeHash(1), T0, T0.plusSeconds(600)));

        store.oneTimeCodes().remove(alice, "email");
        store.oneTimeCodes().remove(alice, "email");
        assertThat(store.oneTimeCodes().lastIssue(alice, "email")).isEmpty();

        store.oneTimeCodes().replace(new PendingCode(alice, "sms", codeHash(1), T0, T0.plusSeconds(60)));
        assertThat(store.oneTimeCodes().purgeExpired(T0.plusSeconds(60))).isEqualTo(1);
        assertThat(store.oneTimeCodes().lastIssue(bob, "email")).isPresent();
    }

    @Test
    void onePendingCodeUsedFromEightThreadsIsConsumedOnce() throws Exception {
        String alice = user("alice");
        store.oneTimeCodes().replace(new PendingCode(alice, "email", codeHash(1), T0, T0.plusSeconds(600)));

        List<Boolean> won = Concurrently.run(THREADS,
                () -> store.oneTimeCodes().consume(alice, "email", codeHash(1), T0.plusSeconds(5)));

        assertThat(won).containsOnlyOnce(true);
    }

    @Test
    void oneEmailCodeVerifiedConcurrentlyOnEightNodesIsAcceptedOnceAndResendingKeepsTheFailureCount()
            throws Exception {
        String alice = user("alice");
        CodeHasher hasher = new CodeHasher(BOX_KEY);
        OneTimeCodes codes = new OneTimeCodes("email", OneTimeCodeSettings.defaults(), store.oneTimeCodes(), hasher,
                clock);
        AccountThrottle throttle = new AccountThrottle(store.attempts(), AttemptPolicy.defaults(), clock);
        fail(alice, T0);
        fail(alice, T0);
        String[] sent = new String[1];

        codes.send(alice, (code, validFor) -> sent[0] = code.digits());
        clock.advance(Duration.ofMinutes(1));
        codes.send(alice, (code, validFor) -> sent[0] = code.digits());   // a resend: only this code is valid now

        // docs/security-model.md: sending a new code does not reset the failure count
        assertThat(throttle.check(alice).failures()).isEqualTo(2);
        List<Verification> results = Concurrently.run(THREADS, () -> codes.verify(alice, sent[0]));
        assertThat(results).filteredOn(v -> v instanceof Verification.Accepted).hasSize(1);
    }

    @Test
    void purgeExpiredDeletesOnlyWhatHasExpired() {
        String alice = user("alice");
        SecureRandom random = new SecureRandom();
        store.trustedDevices().create(device("old", alice, T0.minus(Duration.ofDays(31))));
        store.trustedDevices().create(device("live", alice, T0));
        store.trustKeys().addIfAbsent(ring.slotAt(T0.minus(Duration.ofDays(200))).newKey(random));
        store.trustKeys().addIfAbsent(ring.slotAt(T0).newKey(random));
        store.oneTimeCodes().replace(new PendingCode(alice, "email", codeHash(1), T0.minusSeconds(600), T0));
        store.oneTimeCodes().replace(new PendingCode(alice, "sms", codeHash(2), T0, T0.plusSeconds(600)));
        fail(alice, T0.minus(Duration.ofDays(365)));
        String bob = user("bob");
        store.exemptions().save(exemption(alice, T0.minus(Duration.ofDays(2)), T0.minus(Duration.ofDays(1))));
        store.exemptions().save(exemption(bob, T0.minusSeconds(60), T0.plusSeconds(60)));
        store.riskHistory().record(alice, RiskHistory.Kind.DEVICE, "device-1", T0.minus(Duration.ofDays(365)));
        store.enrolmentHolds().save(new EnrolmentHold(alice, "totp", T0.minus(Duration.ofDays(1)), T0));
        store.enrolmentHolds().save(new EnrolmentHold(alice, "webauthn", T0, T0.plus(Duration.ofDays(1))));

        assertThat(store.purgeExpired(T0)).isEqualTo(5);

        assertThat(store.trustedDevices().listByUser(alice)).extracting(TrustedDevice::deviceId).containsExactly("live");
        assertThat(store.trustKeys().findAll()).hasSize(1);
        assertThat(store.oneTimeCodes().lastIssue(alice, "sms")).isPresent();
        assertThat(store.attempts().read(alice).failures()).isEqualTo(1);
        assertThat(store.exemptions().list()).extracting(MfaExemption::user).containsExactly(bob);
        assertThat(store.enrolmentHolds().find(alice)).extracting(EnrolmentHold::factorId).containsExactly("webauthn");
        assertThat(store.riskHistory().lastSeen(alice, RiskHistory.Kind.DEVICE, "device-1"))
                .as("purgeExpired(now) does not know the memory: the history stays").isPresent();
    }

    @Test
    void purgeExpiredWithARiskMemoryAlsoForgetsOldDevicesAndNetworksButNotTheLastLogin() {
        String alice = user("alice");
        Duration memory = Duration.ofDays(90);
        Instant old = T0.minus(memory).minusMillis(1);
        store.riskHistory().record(alice, RiskHistory.Kind.DEVICE, "old-device", old);
        store.riskHistory().record(alice, RiskHistory.Kind.NETWORK, "203.0.113.0/24", old);
        store.riskHistory().record(alice, RiskHistory.Kind.DEVICE, "kept-device", T0.minus(memory));
        store.riskHistory().record(alice, RiskHistory.Kind.LOGIN, "", old);
        store.exemptions().save(exemption(alice, T0.minus(Duration.ofDays(2)), T0));

        assertThat(store.purgeExpired(T0, memory)).isEqualTo(3);

        assertThat(store.riskHistory().lastSeen(alice, RiskHistory.Kind.DEVICE, "old-device")).isEmpty();
        assertThat(store.riskHistory().lastSeen(alice, RiskHistory.Kind.NETWORK, "203.0.113.0/24")).isEmpty();
        assertThat(store.riskHistory().lastSeen(alice, RiskHistory.Kind.DEVICE, "kept-device"))
                .contains(T0.minus(memory));
        assertThat(store.riskHistory().lastLogin(alice)).contains(old);
        assertThat(store.exemptions().find(alice)).isEmpty();
        assertThatThrownBy(() -> store.purgeExpired(T0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- sign-in history (adaptive MFA)

    @Test
    void anUnknownEntryHasNoTimeAndEntriesRoundTripPerUserKindAndValue() {
        String alice = user("alice");
        String bob = user("bob");
        RiskHistory history = store.riskHistory();
        assertThat(history.lastSeen(alice, RiskHistory.Kind.DEVICE, "d1")).isEmpty();
        assertThat(history.lastLogin(alice)).isEmpty();

        String longDevice = "D".repeat(RiskContext.MAX_DEVICE_ID);
        history.record(alice, RiskHistory.Kind.DEVICE, longDevice, T0.plusMillis(1));
        history.record(alice, RiskHistory.Kind.NETWORK, "2001:db8:1234::/48", T0.plusMillis(2));
        history.record(alice, RiskHistory.Kind.LOGIN, "", T0.plusMillis(3));
        history.record(bob, RiskHistory.Kind.DEVICE, "d1", T0.plusMillis(4));

        assertThat(history.lastSeen(alice, RiskHistory.Kind.DEVICE, longDevice)).contains(T0.plusMillis(1));
        assertThat(history.lastSeen(alice, RiskHistory.Kind.NETWORK, "2001:db8:1234::/48")).contains(T0.plusMillis(2));
        assertThat(history.lastLogin(alice)).contains(T0.plusMillis(3));
        assertThat(history.lastSeen(alice, RiskHistory.Kind.DEVICE, "d1")).as("bob's device").isEmpty();
        assertThat(history.lastSeen(bob, RiskHistory.Kind.NETWORK, "d1")).as("another kind").isEmpty();
        assertThat(history.seenDevice(bob, "d1", T0.plusMillis(4))).isTrue();
        assertThat(history.seenDevice(bob, "d1", T0.plusMillis(5))).isFalse();
        assertThatThrownBy(() -> history.record(alice, RiskHistory.Kind.DEVICE, longDevice + "x", T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(longDevice);
    }

    @Test
    void recordLoginRemembersTheDeviceTheNetworkAndTheLoginTime() throws Exception {
        String alice = user("alice");
        RiskContext context = new RiskContext(alice, T0, "device-abc", InetAddress.getByName("203.0.113.77"), 0, null);

        store.riskHistory().recordLogin(context);

        assertThat(store.riskHistory().seenDevice(alice, "device-abc", T0)).isTrue();
        assertThat(store.riskHistory().seenNetwork(alice, "203.0.113.0/24", T0)).isTrue();
        assertThat(store.riskHistory().lastLogin(alice)).contains(T0);
    }

    @Test
    void recordLoginKeepsTheSignInWithItsLocationRoundedAndTheCountry() throws Exception {
        String alice = user("alice");
        GeoLocation exact = new GeoLocation("DE", new GeoPoint(52.51234, -13.40456, 5));
        RiskContext context = new RiskContext(alice, T0, "device-abc", InetAddress.getByName("2001:db8::7"), 0, null,
                exact);

        store.riskHistory().recordLogin(context);

        assertThat(store.riskHistory().signIns(alice))
                .containsExactly(new SignIn(T0, new GeoLocation("DE", new GeoPoint(52.5, -13.4, 5 + 2))));
        assertThat(store.riskHistory().lastSeen(alice, RiskHistory.Kind.COUNTRY, "DE")).contains(T0);
        assertThat(store.riskHistory().signIns(user("bob"))).isEmpty();
    }

    @Test
    void signInsAreNewestFirstWithoutOrWithPartialLocationsAndTheOldestBeyondTheLimitGo() {
        String alice = user("alice");
        RiskHistory history = store.riskHistory();
        history.recordSignIn(alice, new SignIn(T0, null));
        history.recordSignIn(alice, new SignIn(T0.plusSeconds(1), new GeoLocation("FR", null)));
        history.recordSignIn(alice, new SignIn(T0.plusSeconds(2), new GeoLocation(null, new GeoPoint(-90, 180, 0))));
        history.recordSignIn(alice, new SignIn(T0.plusSeconds(2), new GeoLocation("JP", null)));   // same instant

        assertThat(history.signIns(alice)).containsExactly(
                new SignIn(T0.plusSeconds(2), new GeoLocation(null, new GeoPoint(-90, 180, 0))),
                new SignIn(T0.plusSeconds(1), new GeoLocation("FR", null)),
                new SignIn(T0, null));

        for (int i = 3; i < RiskHistory.MAX_SIGN_INS + 3; i++) {
            history.recordSignIn(alice, new SignIn(T0.plusSeconds(i), null));
        }
        List<SignIn> kept = history.signIns(alice);
        assertThat(kept).hasSize(RiskHistory.MAX_SIGN_INS);
        assertThat(kept.get(0).at()).isEqualTo(T0.plusSeconds(RiskHistory.MAX_SIGN_INS + 2));
        assertThat(kept.get(kept.size() - 1).at()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void forgettingRemovesTheSignInsOfTheUserAndThoseOlderThanTheCutoff() {
        String alice = user("alice");
        String bob = user("bob");
        RiskHistory history = store.riskHistory();
        history.recordSignIn(alice, new SignIn(T0, new GeoLocation("DE", null)));
        history.recordSignIn(alice, new SignIn(T0.plusSeconds(60), new GeoLocation("DE", null)));
        history.recordSignIn(bob, new SignIn(T0, null));

        history.forgetBefore(T0.plusSeconds(60));
        assertThat(history.signIns(alice)).extracting(SignIn::at).containsExactly(T0.plusSeconds(60));
        assertThat(history.signIns(bob)).isEmpty();

        history.forget(alice);
        assertThat(history.signIns(alice)).isEmpty();
    }

    @Test
    void recordKeepsTheLaterTime() {
        String alice = user("alice");
        RiskHistory history = store.riskHistory();
        history.record(alice, RiskHistory.Kind.DEVICE, "d1", T0.plusSeconds(10));

        history.record(alice, RiskHistory.Kind.DEVICE, "d1", T0);
        assertThat(history.lastSeen(alice, RiskHistory.Kind.DEVICE, "d1")).contains(T0.plusSeconds(10));

        history.record(alice, RiskHistory.Kind.DEVICE, "d1", T0.plusSeconds(20));
        assertThat(history.lastSeen(alice, RiskHistory.Kind.DEVICE, "d1")).contains(T0.plusSeconds(20));
    }

    @Test
    void eightNodesRecordingOneEntryAtOnceKeepTheLatestTime() throws Exception {
        String alice = user("alice");
        for (int round = 0; round < 5; round++) {
            String device = "device-" + round;   // a new entry each round: the threads also race to insert it
            AtomicInteger next = new AtomicInteger();
            Concurrently.run(THREADS, () -> {
                int i = next.getAndIncrement();
                // the latest time is recorded by one thread in the middle, not necessarily last
                Instant at = T0.plusSeconds(i == THREADS / 2 ? 1000 : i);
                store.riskHistory().record(alice, RiskHistory.Kind.DEVICE, device, at);
                return null;
            });
            assertThat(store.riskHistory().lastSeen(alice, RiskHistory.Kind.DEVICE, device))
                    .as("round " + round).contains(T0.plusSeconds(1000));
        }
        // an existing entry with a later time is never moved back by concurrent earlier sign-ins
        Concurrently.run(THREADS, () -> {
            store.riskHistory().record(alice, RiskHistory.Kind.DEVICE, "device-0", T0);
            return null;
        });
        assertThat(store.riskHistory().lastSeen(alice, RiskHistory.Kind.DEVICE, "device-0"))
                .contains(T0.plusSeconds(1000));
    }

    @Test
    void forgetBeforeDeletesOldDevicesAndNetworksAndKeepsLoginEntries() {
        String alice = user("alice");
        String bob = user("bob");
        RiskHistory history = store.riskHistory();
        Instant cutoff = T0;
        history.record(alice, RiskHistory.Kind.DEVICE, "old", cutoff.minusMillis(1));
        history.record(alice, RiskHistory.Kind.NETWORK, "198.51.100.0/24", cutoff.minusSeconds(3600));
        history.record(alice, RiskHistory.Kind.DEVICE, "at-cutoff", cutoff);
        history.record(alice, RiskHistory.Kind.LOGIN, "", cutoff.minus(Duration.ofDays(400)));
        history.record(bob, RiskHistory.Kind.LOGIN, "", cutoff.minus(Duration.ofDays(400)));
        history.record(bob, RiskHistory.Kind.NETWORK, "198.51.100.0/24", cutoff.plusSeconds(1));

        assertThat(history.forgetBefore(cutoff)).isEqualTo(2);

        assertThat(history.lastSeen(alice, RiskHistory.Kind.DEVICE, "old")).isEmpty();
        assertThat(history.lastSeen(alice, RiskHistory.Kind.NETWORK, "198.51.100.0/24")).isEmpty();
        assertThat(history.lastSeen(alice, RiskHistory.Kind.DEVICE, "at-cutoff")).contains(cutoff);
        assertThat(history.lastLogin(alice)).contains(cutoff.minus(Duration.ofDays(400)));
        assertThat(history.lastLogin(bob)).contains(cutoff.minus(Duration.ofDays(400)));
        assertThat(history.lastSeen(bob, RiskHistory.Kind.NETWORK, "198.51.100.0/24")).isPresent();
        assertThat(history.forgetBefore(cutoff)).isZero();
    }

    @Test
    void forgetDeletesEverythingAboutOneUserOnly() {
        String alice = user("alice");
        String bob = user("bob");
        RiskHistory history = store.riskHistory();
        history.record(alice, RiskHistory.Kind.DEVICE, "d1", T0);
        history.record(alice, RiskHistory.Kind.LOGIN, "", T0);
        history.record(bob, RiskHistory.Kind.DEVICE, "d1", T0);

        history.forget(alice);

        assertThat(history.lastSeen(alice, RiskHistory.Kind.DEVICE, "d1")).isEmpty();
        assertThat(history.lastLogin(alice)).isEmpty();
        assertThat(history.lastSeen(bob, RiskHistory.Kind.DEVICE, "d1")).contains(T0);
    }

    // ---------------------------------------------------------------- MFA exemptions

    static MfaExemption exemption(String user, Instant createdAt, Instant until) {
        return new MfaExemption(user, until, "lost phone, ticket 4711", "admin-bob", createdAt);
    }

    @Test
    void anExemptionRoundTripsAndANewOneReplacesTheOld() {
        String alice = user("alice");
        assertThat(store.exemptions().find(alice)).isEmpty();
        MfaExemption first = new MfaExemption(alice, T0.plus(Duration.ofHours(24)),
                "Verlust des Telefons – Ticket 4711 ".repeat(20).substring(0, MfaExemption.MAX_REASON), "admin-bob",
                T0.plusMillis(7));
        store.exemptions().save(first);
        assertThat(store.exemptions().find(alice)).contains(first);

        MfaExemption second = new MfaExemption(alice, T0.plus(Duration.ofHours(48)), "extended", "admin-carol",
                T0.plusSeconds(60));
        store.exemptions().save(second);

        assertThat(store.exemptions().find(alice)).contains(second);
        assertThat(store.exemptions().list()).containsExactly(second);
    }

    @Test
    void anEndedExemptionIsStillFoundButNotActive() {
        String alice = user("alice");
        store.exemptions().save(exemption(alice, T0.minus(Duration.ofDays(2)), T0.minus(Duration.ofDays(1))));

        assertThat(store.exemptions().find(alice)).hasValueSatisfying(e -> assertThat(e.isActiveAt(T0)).isFalse());
    }

    @Test
    void revokeIsScopedToTheUserAndHappensOnce() {
        String alice = user("alice");
        String bob = user("bob");
        store.exemptions().save(exemption(alice, T0, T0.plus(Duration.ofHours(24))));
        store.exemptions().save(exemption(bob, T0, T0.plus(Duration.ofHours(24))));

        assertThat(store.exemptions().revoke(alice)).isTrue();
        assertThat(store.exemptions().revoke(alice)).isFalse();

        assertThat(store.exemptions().find(alice)).isEmpty();
        assertThat(store.exemptions().find(bob)).isPresent();
        assertThat(store.exemptions().revoke(user("nobody"))).isFalse();
    }

    @Test
    void exemptionsAreListedByUserName() {
        String suffix = TestDatabase.randomSuffix();
        for (String name : List.of("carol", "Bob", "alice", "bob")) {
            store.exemptions().save(exemption(name + suffix, T0, T0.plus(Duration.ofHours(1))));
        }

        assertThat(store.exemptions().list()).extracting(MfaExemption::user)
                .containsExactly("Bob" + suffix, "alice" + suffix, "bob" + suffix, "carol" + suffix);
    }

    @Test
    void deleteEndedBeforeRemovesExemptionsEndedByTheCutoffOnly() {
        String ended = user("ended");
        String endsAtCutoff = user("ends-at-cutoff");
        String live = user("live");
        Instant cutoff = Instant.parse("2026-03-05T00:00:00Z");
        store.exemptions().save(exemption(ended, T0, cutoff.minusMillis(1)));
        store.exemptions().save(exemption(endsAtCutoff, T0, cutoff));
        store.exemptions().save(exemption(live, T0, cutoff.plusMillis(1)));

        assertThat(store.exemptions().deleteEndedBefore(cutoff)).isEqualTo(2);

        assertThat(store.exemptions().list()).extracting(MfaExemption::user).containsExactly(live);
        assertThat(store.exemptions().deleteEndedBefore(cutoff)).isZero();
    }

    // ---------------------------------------------------------------- holds on factors enrolled under an exemption

    @Test
    void holdsRoundTripPerUserAndFactorAndEnrollingAgainReplacesTheHold() {
        String alice = user("alice");
        String bob = user("bob");
        EnrolmentHold totp = new EnrolmentHold(alice, "totp", T0.plusMillis(7), T0.plus(Duration.ofDays(1)));
        EnrolmentHold webauthn = new EnrolmentHold(alice, "webauthn", T0, T0.plus(Duration.ofHours(2)));
        assertThat(store.enrolmentHolds().find(alice)).isEmpty();

        store.enrolmentHolds().save(webauthn);
        store.enrolmentHolds().save(totp);
        store.enrolmentHolds().save(new EnrolmentHold(bob, "totp", T0, T0.plusSeconds(1)));
        assertThat(store.enrolmentHolds().find(alice)).containsExactly(totp, webauthn);

        EnrolmentHold again = new EnrolmentHold(alice, "totp", T0.plusSeconds(60), T0.plus(Duration.ofDays(2)));
        store.enrolmentHolds().save(again);

        assertThat(store.enrolmentHolds().find(alice)).containsExactly(again, webauthn);
        assertThat(store.enrolmentHolds().find(bob)).hasSize(1);
    }

    @Test
    void deleteEndedBeforeRemovesHoldsEndedByTheCutoffOnly() {
        String alice = user("alice");
        Instant cutoff = Instant.parse("2026-03-05T00:00:00Z");
        store.enrolmentHolds().save(new EnrolmentHold(alice, "ended", T0, cutoff.minusMillis(1)));
        store.enrolmentHolds().save(new EnrolmentHold(alice, "at-cutoff", T0, cutoff));
        store.enrolmentHolds().save(new EnrolmentHold(alice, "live", T0, cutoff.plusMillis(1)));

        assertThat(store.enrolmentHolds().deleteEndedBefore(cutoff)).isEqualTo(2);

        assertThat(store.enrolmentHolds().find(alice)).extracting(EnrolmentHold::factorId).containsExactly("live");
        assertThat(store.enrolmentHolds().find(alice).get(0).isActiveAt(cutoff)).isTrue();
    }

    @Test
    void aHoldWithAFactorIdTooLongForTheTableIsRefusedBeforeSql() {
        assertThatThrownBy(() -> store.enrolmentHolds().save(new EnrolmentHold(user("alice"), "f".repeat(65), T0,
                T0.plusSeconds(1)))).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- MFA preferences

    @Test
    void preferencesDefaultWhenAbsentAndRoundTripPerUser() {
        String alice = user("alice");
        String bob = user("bob");
        assertThat(store.preferences().of(alice)).isEqualTo(MfaPreferences.DEFAULTS);

        store.preferences().save(alice, new MfaPreferences(true));
        assertThat(store.preferences().of(alice).alwaysAskAtLogin()).isTrue();
        assertThat(store.preferences().of(bob)).isEqualTo(MfaPreferences.DEFAULTS);

        store.preferences().save(alice, store.preferences().of(alice).withAlwaysAskAtLogin(false));
        assertThat(store.preferences().of(alice)).isEqualTo(new MfaPreferences(false));

        store.preferences().save(alice, new MfaPreferences(true));
        store.preferences().forget(alice);
        assertThat(store.preferences().of(alice)).isEqualTo(MfaPreferences.DEFAULTS);
    }

    static ChallengeContext context() {
        Map<String, Object> values = new java.util.concurrent.ConcurrentHashMap<>();
        return new ChallengeContext(T0, java.util.Locale.ENGLISH, "127.0.0.1", "test", new ChallengeContext.Session() {
            @Override
            public Object get(String key) {
                return values.get(key);
            }

            @Override
            public void put(String key, java.io.Serializable value) {
                values.put(key, value);
            }

            @Override
            public Object remove(String key) {
                return values.remove(key);
            }
        });
    }

    private byte[] rawBytes(String sql, String param) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }

    private byte[] rawKeyBox(String keyId) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT key_box FROM stepwise_trust_key WHERE key_id = ?")) {
            ps.setString(1, keyId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    // ---------------------------------------------------------------- two nodes on one database

    static final int NODE_THREADS = 32;
    static final Duration COOLDOWN = Duration.ofSeconds(30);

    /** A second application node: a store of its own opened on the same database, as a node starting up does. */
    JdbcStore nodeB() {
        return JdbcStore.open(db.dataSource(), box, true, clock);
    }

    /** Runs {@code task} on {@link #NODE_THREADS} threads released together, alternately on node A and node B. */
    <T> List<T> onBothNodes(JdbcStore b, java.util.function.Function<JdbcStore, T> task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        return Concurrently.run(NODE_THREADS, () -> task.apply(next.getAndIncrement() % 2 == 0 ? store : b));
    }

    int rows(String table) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void thirtyTwoSendsSplitAcrossTwoNodesReserveOnceAndOnceMoreAfterTheCooldown() throws Exception {
        String alice = user("alice");
        JdbcStore b = nodeB();

        List<Boolean> first = onBothNodes(b, node -> node.oneTimeCodes().reserveSend(alice, "sms", T0, COOLDOWN));
        assertThat(first).containsOnlyOnce(true);

        Instant almost = T0.plus(COOLDOWN).minusMillis(1);
        List<Boolean> within = onBothNodes(b, node -> node.oneTimeCodes().reserveSend(alice, "sms", almost, COOLDOWN));
        assertThat(within).doesNotContain(true);

        Instant after = T0.plus(COOLDOWN);
        List<Boolean> second = onBothNodes(b, node -> node.oneTimeCodes().reserveSend(alice, "sms", after, COOLDOWN));
        assertThat(second).containsOnlyOnce(true);
        assertThat(store.oneTimeCodes().sendReservedUntil(alice, "sms")).contains(after.plus(COOLDOWN));
        assertThat(b.oneTimeCodes().sendReservedUntil(alice, "email")).isEmpty();
        assertThat(rows("stepwise_otp_send")).isEqualTo(1);
    }

    /**
     * Saving security questions is throttled through the send reservations (issue 17): of 32 simultaneous saves
     * of one user on two nodes exactly {@link dev.stepwise.mfa.core.SaveThrottle#SAVES} pass, and the user's codes
     * keep their own cooldown.
     */
    @Test
    void thirtyTwoQuestionSavesOnTwoNodesPassOnlyTheThrottlesSaves() throws Exception {
        String alice = user("alice");
        JdbcStore b = nodeB();

        List<Boolean> saves = onBothNodes(b, node -> new dev.stepwise.mfa.core.SaveThrottle(
                dev.stepwise.mfa.core.SaveThrottle.QUESTIONS, node.oneTimeCodes()::reserveSend, clock).reserve(alice));

        assertThat(saves.stream().filter(Boolean::booleanValue).count())
                .isEqualTo(dev.stepwise.mfa.core.SaveThrottle.SAVES);
        assertThat(store.oneTimeCodes().reserveSend(alice, "email", T0, COOLDOWN)).isTrue();
    }

    @Test
    void aReleasedReservationIsWonAtOnceByExactlyOneOfThirtyTwoSendsOnTwoNodes() throws Exception {
        String alice = user("alice");
        JdbcStore b = nodeB();
        assertThat(store.oneTimeCodes().reserveSend(alice, "email", T0, COOLDOWN)).isTrue();
        assertThat(b.oneTimeCodes().reserveSend(alice, "email", T0.plusSeconds(1), COOLDOWN)).isFalse();

        b.oneTimeCodes().releaseSend(alice, "email", T0.plusSeconds(1));   // not the reservation held: kept
        assertThat(store.oneTimeCodes().reserveSend(alice, "email", T0.plusSeconds(1), COOLDOWN)).isFalse();
        store.oneTimeCodes().releaseSend(alice, "email", T0);             // the delivery failed: given back

        Instant retry = T0.plusSeconds(2);
        List<Boolean> won = onBothNodes(b, node -> node.oneTimeCodes().reserveSend(alice, "email", retry, COOLDOWN));
        assertThat(won).containsOnlyOnce(true);
        assertThat(b.oneTimeCodes().sendReservedUntil(alice, "email")).contains(retry.plus(COOLDOWN));
    }

    @Test
    void aLosingReservationChangesNothingAfterTheClockWentBackAndPurgeDropsEndedReservations() throws Exception {
        String alice = user("alice");
        OneTimeCodeStore sends = store.oneTimeCodes();
        assertThat(sends.reserveSend(alice, "sms", T0, COOLDOWN)).isTrue();
        Instant back = T0.minus(Duration.ofHours(1));

        assertThat(sends.reserveSend(alice, "sms", back, COOLDOWN)).isFalse();
        assertThat(sends.sendReservedUntil(alice, "sms")).as("unmoved").contains(T0.plus(COOLDOWN));
        assertThat(sends.reserveSend(alice, "sms", back.plus(COOLDOWN), COOLDOWN)).isFalse();
        assertThat(sends.reserveSend(alice, "voice", back, Duration.ZERO)).isTrue();
        assertThat(sends.reserveSend(alice, "voice", back, Duration.ZERO)).as("no cooldown").isTrue();
        assertThat(sends.sendReservedUntil(alice, "voice")).as("a zero cooldown reserves nothing").isEmpty();

        assertThat(sends.purgeExpired(T0.plus(COOLDOWN).minusMillis(1))).isZero();
        assertThat(sends.purgeExpired(T0.plus(COOLDOWN))).isEqualTo(1);
        assertThat(rows("stepwise_otp_send")).isZero();
    }

    @Test
    void consumingACodeEndsItsSendReservationAndAWrongGuessDoesNot() {
        String alice = user("alice");
        OneTimeCodeStore codes = store.oneTimeCodes();
        byte[] hash = new byte[32];
        hash[0] = 7;
        assertThat(codes.reserveSend(alice, "email", T0, COOLDOWN)).isTrue();
        codes.replace(new PendingCode(alice, "email", hash, T0, T0.plus(Duration.ofMinutes(10))));

        assertThat(codes.consume(alice, "email", new byte[32], T0.plusSeconds(1))).isFalse();
        assertThat(codes.sendReservedUntil(alice, "email")).as("a wrong guess").contains(T0.plus(COOLDOWN));
        assertThat(codes.consume(alice, "email", hash, T0.plusSeconds(2))).isTrue();
        assertThat(codes.sendReservedUntil(alice, "email")).isEmpty();
        assertThat(nodeB().oneTimeCodes().reserveSend(alice, "email", T0.plusSeconds(3), COOLDOWN)).isTrue();
    }

    @Test
    void aLosingReservationOnANodeWhoseClockIsBehindDoesNotHandTheOtherNodeANewOne() {
        String alice = user("alice");
        JdbcStore b = nodeB();
        int wonOnA = 0;
        for (int s = 0; s < 10; s++) {
            Instant real = T0.plusSeconds(s);
            if (store.oneTimeCodes().reserveSend(alice, "sms", real.plus(COOLDOWN), COOLDOWN)) {   // A: 30 s ahead
                wonOnA++;
            }
            assertThat(b.oneTimeCodes().reserveSend(alice, "sms", real, COOLDOWN)).isFalse();
        }
        assertThat(wonOnA).as("reservations won on A in 10 s, cooldown 30 s").isEqualTo(1);
    }

    @Test
    void badSendReservationsAreRefusedClearlyAndStoreNothing() throws Exception {
        OneTimeCodeStore sends = store.oneTimeCodes();
        for (String bad : new String[] {null, "", "   ", "x".repeat(256)}) {
            assertThatThrownBy(() -> sends.reserveSend(bad, "email", T0, COOLDOWN))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user");
            assertThatThrownBy(() -> sends.releaseSend(bad, "email", T0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user");
        }
        for (String bad : new String[] {null, "", "\t", "c".repeat(33)}) {
            assertThatThrownBy(() -> sends.reserveSend("alice", bad, T0, COOLDOWN))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel");
        }
        assertThatThrownBy(() -> sends.reserveSend("alice", "email", T0, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cooldown");
        assertThatThrownBy(() -> sends.reserveSend("alice", "email", T0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cooldown");
        assertThatThrownBy(() -> sends.reserveSend("alice", "email", null, COOLDOWN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(rows("stepwise_otp_send")).isZero();
        assertThat(sends.reserveSend("x".repeat(255), "c".repeat(32), T0, COOLDOWN)).as("the longest fit").isTrue();
    }

    @Test
    void thirtyTwoSendsOfOneUserOnTwoNodesDeliverOneCode() throws Exception {
        String alice = user("alice");
        JdbcStore b = nodeB();
        CodeHasher hasher = new CodeHasher(BOX_KEY);
        OneTimeCodes onA = new OneTimeCodes("email", OneTimeCodeSettings.defaults(), store.oneTimeCodes(), hasher,
                clock);
        OneTimeCodes onB = new OneTimeCodes("email", OneTimeCodeSettings.defaults(), b.oneTimeCodes(), hasher, clock);
        AtomicInteger deliveries = new AtomicInteger();

        List<SendOutcome> outcomes = onBothNodes(b, node -> (node == store ? onA : onB).send(alice,
                (code, validFor) -> deliveries.incrementAndGet()));

        assertThat(deliveries).hasValue(1);
        assertThat(outcomes).filteredOn(o -> o instanceof SendOutcome.Sent).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof SendOutcome.CoolingDown).hasSize(NODE_THREADS - 1)
                .allSatisfy(o -> assertThat(((SendOutcome.CoolingDown) o).remainingSeconds()).isBetween(1L, 30L));
    }

    @Test
    void housekeepingOnTwoNodesAtOnceDeletesEachExpiredRowOnceAndKeepsLiveRows() throws Exception {
        JdbcStore b = nodeB();
        Duration memory = Duration.ofDays(90);
        int users = 32;
        int expired = seedExpiredAndLiveRows(users, memory);

        List<Integer> purged = onBothNodes(b, node -> node.purgeExpired(T0, memory));

        assertThat(purged.stream().mapToInt(Integer::intValue).sum()).isEqualTo(expired);
        assertThat(store.purgeExpired(T0, memory)).isZero();
        assertThat(rows("stepwise_trusted_device")).isEqualTo(users);
        assertThat(rows("stepwise_trust_key")).isEqualTo(1);
        assertThat(rows("stepwise_otp")).isEqualTo(users);
        assertThat(rows("stepwise_otp_send")).isEqualTo(users);
        assertThat(rows("stepwise_exemption")).isEqualTo(users);
        assertThat(rows("stepwise_enrol_hold")).isEqualTo(users);
        assertThat(rows("stepwise_risk_history")).as("live devices and every last login").isEqualTo(2 * users);
    }

    /** {@code users} users with an expired and a live row in every purged table; returns how many expired. */
    int seedExpiredAndLiveRows(int users, Duration memory) {
        SecureRandom random = new SecureRandom();
        TrustKeyRing.Slot slot = ring.slotAt(T0);
        for (int i = 1; i <= users; i++) {
            store.trustKeys().addIfAbsent(ring.slotAt(T0.minus(ring.rotation().multipliedBy(i + 1L))).newKey(random));
        }
        store.trustKeys().addIfAbsent(slot.newKey(random));
        for (int i = 0; i < users; i++) {
            String u = user("user" + i);
            store.trustedDevices().create(device("old-" + u, u, T0.minus(Duration.ofDays(31))));
            store.trustedDevices().create(device("live-" + u, u, T0));
            store.oneTimeCodes().replace(new PendingCode(u, "email", codeHash(1), T0.minusSeconds(600), T0));
            store.oneTimeCodes().replace(new PendingCode(u, "sms", codeHash(2), T0, T0.plusSeconds(600)));
            store.oneTimeCodes().reserveSend(u, "email", T0.minus(COOLDOWN), COOLDOWN);
            store.oneTimeCodes().reserveSend(u, "sms", T0, COOLDOWN);
            store.exemptions().save(exemption(u, T0.minus(Duration.ofDays(2)), T0));
            store.exemptions().save(exemption(u + "-live", T0, T0.plusSeconds(60)));
            store.enrolmentHolds().save(new EnrolmentHold(u, "totp", T0.minus(Duration.ofDays(1)), T0));
            store.enrolmentHolds().save(new EnrolmentHold(u, "webauthn", T0, T0.plus(Duration.ofDays(1))));
            store.riskHistory().record(u, RiskHistory.Kind.DEVICE, "old-device", T0.minus(memory).minusMillis(1));
            store.riskHistory().record(u, RiskHistory.Kind.DEVICE, "live-device", T0);
            store.riskHistory().record(u, RiskHistory.Kind.LOGIN, "", T0.minus(Duration.ofDays(365)));
        }
        return users * 7;
    }

    @Test
    void thirtyTwoThreadsOnTwoNodesStartingOnAnEmptyDatabaseMakeOneKeyPerSlotAndAllUseIt() throws Exception {
        JdbcStore b = nodeB();
        TrustKeyRing.Slot slot = ring.slotAt(T0);
        AtomicInteger n = new AtomicInteger();

        List<String[]> issued = onBothNodes(b, node -> {
            String u = user("u" + n.incrementAndGet());   // each thread a node that has just started
            TrustedDevices trust = new TrustedDevices(node.trustedDevices(), node.trustKeys(), clock,
                    Duration.ofDays(30), Duration.ofDays(90), new SecureRandom());
            return new String[] {u, trust.issue(u, "ua").cookieValue()};
        });

        List<TrustKey> keys = store.trustKeys().findAll();
        assertThat(keys).extracting(TrustKey::slot).containsExactlyInAnyOrder(slot.name(), ring.next(slot).name());
        assertThat(b.trustKeys().findAll()).isEqualTo(keys);
        Set<String> signers = new HashSet<>();
        TrustedDevices onA = new TrustedDevices(store.trustedDevices(), store.trustKeys(), clock, Duration.ofDays(30),
                Duration.ofDays(90), new SecureRandom());
        for (String[] userAndCookie : issued) {
            signers.add(userAndCookie[1].substring(0, 8));
            assertThat(onA.check(userAndCookie[1], userAndCookie[0])).isInstanceOf(DeviceTrust.Trusted.class);
        }
        assertThat(signers).as("every cookie signed by the one key of the current slot").hasSize(1);
    }

    /** A cookie for {@code user} signed with {@code key}, whose device record is stored: as a node issues one. */
    String cookieSignedWith(TrustKey key, String user, Instant at) {
        byte[] id = new byte[dev.stepwise.mfa.trust.TrustToken.ID_BYTES];
        new SecureRandom().nextBytes(id);
        String deviceId = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        Instant expires = at.plus(Duration.ofDays(30));
        store.trustedDevices().create(new TrustedDevice(deviceId, user, at, at, "ua", expires, null));
        return new dev.stepwise.mfa.trust.TrustTokenCodec().encode(
                dev.stepwise.mfa.trust.TrustToken.of(key.id(), user, deviceId, at, expires), key);
    }

    @Test
    void aKeyMadeByNodeAAfterARotationIsFoundByNodeBThatReadTheKeysJustBefore() {
        String alice = user("alice");
        JdbcStore b = nodeB();
        TrustedDevices onA = new TrustedDevices(store.trustedDevices(), store.trustKeys(), clock, Duration.ofDays(30),
                Duration.ofDays(90), new SecureRandom());
        TrustedDevices onB = new TrustedDevices(b.trustedDevices(), b.trustKeys(), clock, Duration.ofDays(30),
                Duration.ofDays(90), new SecureRandom());
        TrustKeyRing.Slot slot = ring.slotAt(T0);
        TrustKey old = slot.newKey(new SecureRandom());   // a quiet slot: its key, and no next key made ahead
        store.trustKeys().addIfAbsent(old);
        Instant rotation = slot.signsUntil();
        clock.set(rotation.minusSeconds(2));
        String before = cookieSignedWith(old, alice, clock.instant());
        assertThat(onB.check(before, alice)).isInstanceOf(DeviceTrust.Trusted.class);   // B has read the keys now

        clock.set(rotation.plusSeconds(1));
        String after = onA.issue(alice, "phone").cookieValue();   // A makes the new slot's key and signs with it

        assertThat(after.substring(0, 8)).isNotEqualTo(before.substring(0, 8));
        assertThat(onB.check(after, alice)).isInstanceOf(DeviceTrust.Trusted.class);
        assertThat(onB.check(before, alice)).isInstanceOf(DeviceTrust.Trusted.class);
    }

    @Test
    void aKeyMadeByNodeAIsFoundByNodeBThatFoundNoKeysAMomentBefore() {
        String alice = user("alice");
        JdbcStore b = nodeB();
        TrustedDevices onA = new TrustedDevices(store.trustedDevices(), store.trustKeys(), clock, Duration.ofDays(30),
                Duration.ofDays(90), new SecureRandom());
        TrustedDevices onB = new TrustedDevices(b.trustedDevices(), b.trustKeys(), clock, Duration.ofDays(30),
                Duration.ofDays(90), new SecureRandom());
        TrustKeyRing.Slot slot = ring.slotAt(T0);
        TrustKey elsewhere = slot.newKey(new SecureRandom());   // a cookie of another deployment: B reads no keys
        String foreign = new dev.stepwise.mfa.trust.TrustTokenCodec().encode(dev.stepwise.mfa.trust.TrustToken.of(
                elsewhere.id(), alice, "AAECAwQFBgcICQoLDA0ODw", T0, T0.plus(Duration.ofDays(30))), elsewhere);
        assertThat(onB.check(foreign, alice)).isEqualTo(new DeviceTrust.Untrusted(TrustRefusal.UNKNOWN_KEY));

        clock.advance(Duration.ofSeconds(1));
        String cookie = onA.issue(alice, "laptop").cookieValue();

        assertThat(onB.check(cookie, alice)).isInstanceOf(DeviceTrust.Trusted.class);
    }

    // ---------------------------------------------------------------- TOTP enrolment on two nodes

    @Test
    void thirtyTwoProvisionsOnTwoNodesActivateExactlyOneSecret() throws Exception {
        String bob = user("bob");
        JdbcStore b = nodeB();

        List<TotpCredential> saved = onBothNodes(b, node -> {
            TotpCredential mine = TotpCredential.pending(bob, TotpSecret.generate()).activated(TotpCredential.NO_STEP);
            return node.totpCredentials().saveUnlessActive(mine) ? mine : null;
        });

        List<TotpCredential> won = saved.stream().filter(java.util.Objects::nonNull).toList();
        assertThat(won).hasSize(1);
        assertThat(store.totpCredentials().find(bob)).contains(won.get(0));
        assertThat(rows("stepwise_totp")).isEqualTo(1);
    }

    @Test
    void pendingEnrolmentsRacingProvisionsOnTwoNodesNeverReplaceTheActiveCredential() throws Exception {
        String bob = user("bob");
        JdbcStore b = nodeB();
        AtomicInteger n = new AtomicInteger();

        List<TotpCredential> saved = onBothNodes(b, node -> {
            TotpCredential mine = TotpCredential.pending(bob, TotpSecret.generate());
            mine = n.getAndIncrement() % 4 < 2 ? mine : mine.activated(TotpCredential.NO_STEP);
            return node.totpCredentials().saveUnlessActive(mine) ? mine : null;
        });

        List<TotpCredential> activeWon = saved.stream().filter(c -> c != null && c.active()).toList();
        assertThat(activeWon).hasSize(1);
        assertThat(store.totpCredentials().find(bob)).contains(activeWon.get(0));
    }

    @Test
    void saveUnlessActiveCreatesOrReplacesOnlyWhileNothingIsActive() {
        String bob = user("bob");
        TotpCredential pending = TotpCredential.pending(bob, TotpSecret.generate());
        TotpCredential active = TotpCredential.pending(bob, RFC_SECRET).activated(3);

        assertThat(store.totpCredentials().saveUnlessActive(pending)).isTrue();
        assertThat(store.totpCredentials().find(bob)).contains(pending);
        assertThat(store.totpCredentials().saveUnlessActive(active)).isTrue();
        assertThat(nodeB().totpCredentials().saveUnlessActive(TotpCredential.pending(bob, TotpSecret.generate())))
                .isFalse();
        assertThat(store.totpCredentials().saveUnlessActive(active.withLastStep(9))).isFalse();
        assertThat(store.totpCredentials().find(bob)).contains(active);

        store.totpCredentials().delete(bob);
        assertThat(store.totpCredentials().saveUnlessActive(pending)).isTrue();
        assertThat(store.totpCredentials().find(bob)).contains(pending);
    }

    @Test
    void activatePendingActivatesOnlyThePendingSecretItWasGiven() {
        String bob = user("bob");
        TotpCredential first = TotpCredential.pending(bob, RFC_SECRET);
        TotpCredential second = TotpCredential.pending(bob, TotpSecret.generate());
        assertThat(store.totpCredentials().activatePending(first, 4)).isFalse();   // nothing pending
        assertThat(store.totpCredentials().find(bob)).isEmpty();

        store.totpCredentials().save(first);
        store.totpCredentials().save(second);   // a new enrolment replaced the first
        assertThat(store.totpCredentials().activatePending(first, 4)).isFalse();
        assertThat(store.totpCredentials().find(bob)).contains(second);

        assertThat(nodeB().totpCredentials().advanceLastStep(bob, 6)).isTrue();
        assertThat(store.totpCredentials().activatePending(second, 5)).isTrue();
        assertThat(store.totpCredentials().find(bob)).contains(new TotpCredential(bob, second.secret(), true, 6));
        assertThat(store.totpCredentials().activatePending(second, 7)).isFalse();   // active already
        assertThat(store.totpCredentials().find(bob)).contains(new TotpCredential(bob, second.secret(), true, 6));
    }
}
