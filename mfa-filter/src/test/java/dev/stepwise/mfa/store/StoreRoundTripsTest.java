package dev.stepwise.mfa.store;

import dev.stepwise.mfa.MutableClock;
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
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Statements per store operation on the hot paths, counted on every supported database (H2 always, PostgreSQL
 * on CI), with what each must still refuse. Counts, not timings.
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

    @Test
    void aTrustedDeviceSignInIsOneStatement() {
        String alice = user("alice");
        TrustedDevices trust = trust();
        TrustedDevices.Issued issued = trust.issue(alice, "laptop");
        clock.advance(Duration.ofDays(1));
        trust.check(issued.cookieValue(), alice); // reloads the signing keys (cached for minutes, not counted)
        clock.advance(Duration.ofMinutes(1));
        statements.reset();

        DeviceTrust t = trust.check(issued.cookieValue(), alice);

        assertThat(t).isInstanceOf(DeviceTrust.Trusted.class);
        assertThat(statements.count()).as("%s", statements.sql()).isEqualTo(1);
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
        assertThat(store.trustedDevices().touchIfActive(alice, issued.device().deviceId(), clock.instant())).isEmpty();
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
}
