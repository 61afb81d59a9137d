package dev.stepwise.mfa.store;

import dev.stepwise.mfa.factor.push.PushSubscription;
import dev.stepwise.mfa.factor.push.PushSubscriptionStore;
import dev.stepwise.mfa.factor.push.StoredPushSubscription;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

import static dev.stepwise.mfa.store.PushSubscriptionStoreContractTest.T0;
import static dev.stepwise.mfa.store.PushSubscriptionStoreContractTest.subscription;
import static dev.stepwise.mfa.store.PushSubscriptionStoreContractTest.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the JDBC push subscription store keeps of a device's {@code auth} secret, checked on the database's own
 * column: sealed (never the secret), old plain rows still read and sealed when next written, a tampered or moved
 * seal refused for that device only. Run by {@link PushSubscriptionStoreContractTest} on each database.
 */
final class PushAuthSealChecks {

    private final DataSource dataSource;
    private final PushSubscriptionStore store;

    PushAuthSealChecks(DataSource dataSource, PushSubscriptionStore store) {
        this.dataSource = dataSource;
        this.store = store;
    }

    void theAuthColumnDoesNotHoldTheSecret() throws Exception {
        String alice = user("alice");
        PushSubscription phone = subscription("sealed");
        StoredPushSubscription entry = StoredPushSubscription.of(phone, "Phone", T0);
        store.add(alice, entry, 10);

        byte[] column = authColumn(alice, entry.id());
        assertThat(column.length).as("a sealed value, not the 16 octets").isGreaterThan(16);
        assertThat(contains(column, phone.auth())).as("the secret is not in the column").isFalse();
        assertThat(store.subscriptions(alice)).singleElement()
                .satisfies(s -> assertThat(s.subscription().auth()).isEqualTo(phone.auth()));
    }

    void anOldPlainRowIsReadAndSealedWhenNextWritten() throws Exception {
        String alice = user("alice");
        PushSubscription phone = subscription("plain");
        StoredPushSubscription entry = StoredPushSubscription.of(phone, "Old phone", T0);
        insertPlain(alice, entry);

        assertThat(store.subscriptions(alice)).singleElement()
                .satisfies(s -> assertThat(s.subscription()).isEqualTo(phone));
        store.add(alice, StoredPushSubscription.of(phone, "Phone", T0.plusSeconds(1)), 10);

        byte[] column = authColumn(alice, entry.id());
        assertThat(column.length).isGreaterThan(16);
        assertThat(contains(column, phone.auth())).isFalse();
        assertThat(store.subscriptions(alice)).singleElement()
                .satisfies(s -> assertThat(s.subscription()).isEqualTo(phone));
    }

    void aTamperedOrMovedSealIsRefusedForThatDeviceOnly() throws Exception {
        String alice = user("alice");
        StoredPushSubscription tampered = StoredPushSubscription.of(subscription("tampered"), "Tampered", T0);
        StoredPushSubscription moved = StoredPushSubscription.of(subscription("moved"), "Moved", T0);
        StoredPushSubscription good = StoredPushSubscription.of(subscription("good"), "Good", T0);
        store.add(alice, tampered, 10);
        store.add(alice, moved, 10);
        store.add(alice, good, 10);
        byte[] flipped = authColumn(alice, tampered.id());
        flipped[flipped.length - 1] ^= 1;
        setAuthColumn(alice, tampered.id(), flipped);
        setAuthColumn(alice, moved.id(), authColumn(alice, good.id()));   // another device's seal

        assertThat(store.subscriptions(alice)).extracting(StoredPushSubscription::label).containsExactly("Good");
        String bob = user("bob");
        store.add(bob, StoredPushSubscription.of(good.subscription(), "Bob's", T0), 10);
        setAuthColumn(bob, good.id(), authColumn(alice, good.id()));       // the same device id, another user
        assertThat(store.subscriptions(bob)).isEmpty();
        // the same browser registering again replaces the refused row
        store.add(alice, tampered, 10);
        assertThat(store.subscriptions(alice)).extracting(StoredPushSubscription::label)
                .containsExactlyInAnyOrder("Good", "Tampered");
    }

    private byte[] authColumn(String user, String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT auth FROM stepwise_push_subscription WHERE user_id = ? AND id = ?")) {
            ps.setString(1, user);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }

    private void setAuthColumn(String user, String id, byte[] value) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE stepwise_push_subscription SET auth = ? WHERE user_id = ? AND id = ?")) {
            ps.setBytes(1, value);
            ps.setString(2, user);
            ps.setString(3, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    /** A row as the store wrote it before the secret was sealed: the 16 octets as they are. */
    private void insertPlain(String user, StoredPushSubscription s) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO stepwise_push_subscription (user_id, id, label, endpoint, p256dh, auth, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, user);
            ps.setString(2, s.id());
            ps.setString(3, s.label());
            ps.setString(4, s.subscription().endpoint().toString());
            ps.setBytes(5, s.subscription().p256dh());
            ps.setBytes(6, s.subscription().auth());
            ps.setLong(7, s.created().toEpochMilli());
            ps.executeUpdate();
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
