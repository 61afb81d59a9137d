package dev.stepwise.mfa.store;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.factor.push.InMemoryPushSubscriptionStore;
import dev.stepwise.mfa.factor.push.PushSubscription;
import dev.stepwise.mfa.factor.push.PushSubscriptionStore;
import dev.stepwise.mfa.factor.push.StoredPushSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The push subscription store contract, on the JDBC store of each database (its tables come from schema versions 9
 * and 10, {@code V9__push_subscriptions} and {@code V10__push_auth_sealed}) and on the in-memory store. What the JDBC store keeps of the {@code auth} secret
 * (sealed, old plain rows, tampered rows) is in {@link PushAuthSealChecks}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PushSubscriptionStoreContractTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final byte[] BOX_KEY = "0123456789abcdef0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    TestDatabase db;
    FaultyDataSource dataSource;
    PushAuthSealChecks seal;
    PushSubscriptionStore store;

    /** A new, empty database of the kind under test; {@code null} for the in-memory store. */
    abstract TestDatabase newDatabase();

    @BeforeAll
    void open() throws Exception {
        db = newDatabase();
        if (db == null) {
            return;
        }
        dataSource = new FaultyDataSource(db.dataSource());
        JdbcStore jdbc = JdbcStore.open(dataSource, new SecretBox(BOX_KEY), true, new MutableClock(T0));
        store = jdbc.pushSubscriptions();
        seal = new PushAuthSealChecks(db.dataSource(), store);
    }

    @AfterAll
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void fresh() {
        if (db == null) {
            store = new InMemoryPushSubscriptionStore();
        } else {
            dataSource.heal();
        }
    }

    static PushSubscription subscription(String path) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        ECPublicKey key = (ECPublicKey) g.generateKeyPair().getPublic();
        byte[] point = new byte[65];
        point[0] = 4;
        copy(key.getW().getAffineX(), point, 1);
        copy(key.getW().getAffineY(), point, 33);
        byte[] auth = new byte[16];
        new SecureRandom().nextBytes(auth);
        return new PushSubscription(URI.create("https://push.example.net/wpush/v2/" + path), point, auth);
    }

    private static void copy(BigInteger n, byte[] into, int at) {
        byte[] b = n.toByteArray();
        int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, into, at + 32 - len, len);
    }

    static String user(String name) {
        return name + "-" + TestDatabase.randomSuffix();
    }

    @Test
    void addedSubscriptionsComeBackWhole() throws Exception {
        String alice = user("alice");
        PushSubscription phone = subscription("phone");
        StoredPushSubscription entry = StoredPushSubscription.of(phone, "Téléphone", T0);

        assertThat(store.add(alice, entry, 10)).isTrue();

        assertThat(store.subscriptions(alice)).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(entry.id());
            assertThat(s.label()).isEqualTo("Téléphone");
            assertThat(s.subscription()).isEqualTo(phone);
            assertThat(s.created()).isEqualTo(T0);
        });
        assertThat(store.subscriptions(user("bob"))).isEmpty();
    }

    @Test
    void theSameBrowserReplacesItsEntryAndTheLimitHolds() throws Exception {
        String alice = user("alice");
        PushSubscription first = subscription("a");
        store.add(alice, StoredPushSubscription.of(first, "One", T0), 2);
        store.add(alice, StoredPushSubscription.of(subscription("b"), "Two", T0.plusSeconds(1)), 2);

        assertThat(store.add(alice, StoredPushSubscription.of(subscription("c"), "Three", T0), 2)).isFalse();
        assertThat(store.add(alice, StoredPushSubscription.of(first, "Renamed", T0.plusSeconds(2)), 2)).isTrue();
        assertThat(store.subscriptions(alice)).extracting(StoredPushSubscription::label)
                .containsExactly("Two", "Renamed");
    }

    @Test
    void thirtyTwoParallelRegistrationsNeverPassTheLimit() throws Exception {
        String alice = user("alice");
        List<StoredPushSubscription> entries = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            entries.add(StoredPushSubscription.of(subscription("p" + i), "Device " + i, T0));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> adds = new ArrayList<>();
            entries.forEach(e -> adds.add(() -> store.add(alice, e, 10)));
            int added = 0;
            for (Future<Boolean> f : pool.invokeAll(adds)) {
                added += f.get() ? 1 : 0;
            }
            assertThat(added).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.subscriptions(alice)).hasSize(10);
    }

    @Test
    void removeTouchesOnlyTheUsersOwnEntry() throws Exception {
        String alice = user("alice");
        String bob = user("bob");
        PushSubscription shared = subscription("same-endpoint");
        StoredPushSubscription a = StoredPushSubscription.of(shared, "Phone", T0);
        store.add(alice, a, 10);
        store.add(bob, StoredPushSubscription.of(shared, "Phone", T0), 10);

        assertThat(store.remove(bob, a.id())).isTrue();
        assertThat(store.remove(bob, a.id())).isFalse();
        assertThat(store.subscriptions(alice)).hasSize(1);
        store.add(alice, StoredPushSubscription.of(subscription("x"), "Laptop", T0), 10);
        assertThat(store.removeAll(alice)).isEqualTo(2);
        assertThat(store.subscriptions(alice)).isEmpty();
    }

    @Test
    void aDatabaseThatIsDownFailsClosed() throws Exception {
        if (db == null) {
            return;   // memory cannot go down
        }
        String alice = user("alice");
        store.add(alice, StoredPushSubscription.of(subscription("p"), "Phone", T0), 10);
        dataSource.goDown();

        assertThatThrownBy(() -> store.subscriptions(alice)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.add(alice, StoredPushSubscription.of(subscription("q"), "Q", T0), 10))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.remove(alice, "AAAAAAAAAAAAAAAAAAAAAA"))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void theAuthColumnDoesNotHoldTheSecret() throws Exception {
        if (db != null) {
            seal.theAuthColumnDoesNotHoldTheSecret();
        }
    }

    @Test
    void anOldPlainRowIsReadAndSealedWhenNextWritten() throws Exception {
        if (db != null) {
            seal.anOldPlainRowIsReadAndSealedWhenNextWritten();
        }
    }

    @Test
    void aTamperedOrMovedSealIsRefusedForThatDeviceOnly() throws Exception {
        if (db != null) {
            seal.aTamperedOrMovedSealIsRefusedForThatDeviceOnly();
        }
    }
}
