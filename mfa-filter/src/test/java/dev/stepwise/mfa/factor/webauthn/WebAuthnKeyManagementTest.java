package dev.stepwise.mfa.factor.webauthn;

import dev.stepwise.mfa.core.KeyRules;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.KeyManagement;
import dev.stepwise.mfa.factor.KeyManagement.Removal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link WebAuthnByOrigin} as {@link KeyManagement} over the in-memory store: ids, owners, races. */
class WebAuthnKeyManagementTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final InMemoryWebAuthnCredentialStore store = new InMemoryWebAuthnCredentialStore();
    private final WebAuthnByOrigin factor = new WebAuthnByOrigin(null, "Bank", store, w -> { });
    private final KeyManagement keys = ((Factor) factor).capability(KeyManagement.class).orElseThrow();

    private WebAuthnCredential add(String user, int id, Set<String> transports, boolean backupEligible) {
        byte[] credentialId = new byte[16];
        Arrays.fill(credentialId, (byte) id);
        WebAuthnCredential c = new WebAuthnCredential(user, credentialId, new byte[]{9}, 0, transports, new UUID(0, 0),
                "Key " + id, false, backupEligible, false, T0.plusSeconds(id), null);
        store.add(c);
        return c;
    }

    @Test
    void theKeysAreListedWithoutMaterialOldestFirst() {
        WebAuthnCredential usb = add("alice", 1, Set.of("usb", "nfc"), false);
        add("alice", 2, Set.of("internal"), true);
        add("bob", 3, Set.of("usb"), false);

        List<KeyManagement.ManagedKey> list = keys.keys("alice");

        assertThat(list).extracting(KeyManagement.ManagedKey::name).containsExactly("Key 1", "Key 2");
        assertThat(list).extracting(KeyManagement.ManagedKey::kind)
                .containsExactly(KeyRules.KeyKind.SECURITY_KEY, KeyRules.KeyKind.PASSKEY);
        assertThat(list.get(0).id()).isEqualTo(usb.credentialIdBase64Url());
        assertThat(list.get(0).addedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(list.get(0).lastUsedAt()).isNull();
    }

    @Test
    void anotherUsersKeyAndMalformedIdsAreNotFound() {
        add("alice", 1, Set.of("usb"), false);
        add("alice", 2, Set.of("usb"), false);
        WebAuthnCredential bobs = add("bob", 3, Set.of("usb"), false);

        assertThat(keys.removeKey("alice", bobs.credentialIdBase64Url(), true)).isEqualTo(Removal.NOT_FOUND);
        assertThat(keys.renameKey("alice", bobs.credentialIdBase64Url(), "mine")).isFalse();
        for (String bad : new String[]{null, "", "a", "!!!!", "a+b/", "A".repeat(1400)}) {
            assertThat(keys.removeKey("alice", bad, true)).as(bad).isEqualTo(Removal.NOT_FOUND);
            assertThat(keys.renameKey("alice", bad, "x")).as(bad).isFalse();
        }
        assertThat(store.find(bobs.credentialId())).isPresent();
        assertThat(keys.keys("alice")).hasSize(2);
    }

    @Test
    void theLastKeyGoesOnlyWhenItMay() {
        WebAuthnCredential only = add("alice", 1, Set.of("usb"), false);

        assertThat(keys.removeKey("alice", only.credentialIdBase64Url(), false)).isEqualTo(Removal.LAST_KEY);
        assertThat(keys.removeKey("alice", only.credentialIdBase64Url(), true)).isEqualTo(Removal.REMOVED);
        assertThat(keys.removeKey("alice", only.credentialIdBase64Url(), true)).isEqualTo(Removal.NOT_FOUND);
    }

    @Test
    void theSameRemovalThirtyTwoTimesInParallelRemovesOnce() throws Exception {
        WebAuthnCredential first = add("alice", 1, Set.of("usb"), false);
        add("alice", 2, Set.of("usb"), false);

        List<Removal> results = race(32, i -> keys.removeKey("alice", first.credentialIdBase64Url(), false));

        assertThat(results).containsOnlyOnce(Removal.REMOVED);
        assertThat(keys.keys("alice")).hasSize(1);
    }

    @Test
    void twoKeysRemovedInParallelWhenTheLastMayNotGoLeaveOne() throws Exception {
        for (int round = 0; round < 20; round++) {
            String user = "alice" + round;
            WebAuthnCredential first = add(user, 10 + 2 * round, Set.of("usb"), false);
            WebAuthnCredential second = add(user, 11 + 2 * round, Set.of("usb"), false);

            List<Removal> results = race(16, i -> keys.removeKey(user,
                    (i % 2 == 0 ? first : second).credentialIdBase64Url(), false));

            assertThat(results).containsOnlyOnce(Removal.REMOVED);
            assertThat(keys.keys(user)).hasSize(1);
        }
    }

    private static <T> List<T> race(int threads, IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.apply(n);
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
