package dev.stepwise.mfa.factor.webauthn;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link InMemoryWebAuthnCredentialStore}: the SPI contract, including the atomic compare-and-set under
 * contention.
 */
class InMemoryWebAuthnCredentialStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final int THREADS = 16;

    private final InMemoryWebAuthnCredentialStore store = new InMemoryWebAuthnCredentialStore();

    private static WebAuthnCredential credential(String user, byte[] id, long signCount, Instant createdAt) {
        return new WebAuthnCredential(user, id, new byte[] {7, 7}, signCount, Set.of("usb"), new UUID(1, 2),
                "Key " + id[0], false, true, false, createdAt, null);
    }

    @Test
    void addThenFindByIdAndListByUser() {
        WebAuthnCredential a = credential("alice", new byte[] {1}, 3, T0);

        assertThat(store.add(a)).isTrue();

        assertThat(store.find(new byte[] {1})).contains(a);
        assertThat(store.find(new byte[] {2})).isEmpty();
        assertThat(store.list("alice")).containsExactly(a);
        assertThat(store.list("bob")).isEmpty();
    }

    @Test
    void addWhenIdKnownForAnyUserThenFalseAndFirstKept() {
        WebAuthnCredential alices = credential("alice", new byte[] {1}, 3, T0);
        store.add(alices);

        assertThat(store.add(credential("bob", new byte[] {1}, 0, T0))).isFalse();
        assertThat(store.add(credential("alice", new byte[] {1}, 9, T0))).isFalse();
        assertThat(store.find(new byte[] {1})).contains(alices);
        assertThat(store.list("bob")).isEmpty();
    }

    @Test
    void findWhenCallerChangesArraysAfterwardsThenStoreUnaffected() {
        byte[] id = {1, 2, 3};
        store.add(credential("alice", id, 0, T0));
        id[0] = 9;

        assertThat(store.find(new byte[] {1, 2, 3})).isPresent();
        assertThat(store.find(id)).isEmpty();
    }

    @Test
    void listThenOldestFirstAndOnlyThatUsers() {
        WebAuthnCredential later = credential("alice", new byte[] {1}, 0, T0.plusSeconds(60));
        WebAuthnCredential earlier = credential("alice", new byte[] {2}, 0, T0);
        store.add(later);
        store.add(credential("bob", new byte[] {3}, 0, T0));
        store.add(earlier);

        assertThat(store.list("alice")).containsExactly(earlier, later);
    }

    @Test
    void updateSignCountWhenExpectedMatchesThenUpdatedWithFlagsAndTime() {
        store.add(credential("alice", new byte[] {1}, 3, T0));

        assertThat(store.updateSignCount(new byte[] {1}, 3, 4, true, true, T0.plusSeconds(5))).isTrue();

        WebAuthnCredential after = store.find(new byte[] {1}).orElseThrow();
        assertThat(after.signCount()).isEqualTo(4);
        assertThat(after.backedUp()).isTrue();
        assertThat(after.uvInitialized()).isTrue();
        assertThat(after.lastUsedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(after.name()).isEqualTo("Key 1");
        assertThat(after.createdAt()).isEqualTo(T0);
    }

    @Test
    void updateSignCountWhenUvNotPerformedThenUvInitializedStaysAsItWas() {
        store.add(credential("alice", new byte[] {1}, 3, T0));
        store.updateSignCount(new byte[] {1}, 3, 4, false, true, T0);

        store.updateSignCount(new byte[] {1}, 4, 5, false, false, T0);

        assertThat(store.find(new byte[] {1}).orElseThrow().uvInitialized()).isTrue();
    }

    @Test
    void updateSignCountWhenExpectedStaleOrUnknownIdThenFalseAndUnchanged() {
        WebAuthnCredential a = credential("alice", new byte[] {1}, 3, T0);
        store.add(a);

        assertThat(store.updateSignCount(new byte[] {1}, 2, 10, false, false, T0)).isFalse();
        assertThat(store.updateSignCount(new byte[] {2}, 3, 10, false, false, T0)).isFalse();
        assertThat(store.find(new byte[] {1})).contains(a);
    }

    @Test
    void updateSignCountWhenManyThreadsRaceFromSameValueThenExactlyOneWins() throws Exception {
        store.add(credential("alice", new byte[] {1}, 3, T0));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                long newCount = 4 + i;
                Callable<Boolean> race = () -> {
                    start.await();
                    return store.updateSignCount(new byte[] {1}, 3, newCount, false, false, T0);
                };
                results.add(pool.submit(race));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertThat(winners).isEqualTo(1);
            assertThat(store.find(new byte[] {1}).orElseThrow().signCount()).isBetween(4L, 4L + THREADS - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void renameWhenOwnCredentialThenRenamedElseFalse() {
        store.add(credential("alice", new byte[] {1}, 0, T0));

        assertThat(store.rename("bob", new byte[] {1}, "Mine now")).isFalse();
        assertThat(store.rename("alice", new byte[] {2}, "Nothing")).isFalse();
        assertThat(store.rename("alice", new byte[] {1}, " Phone ")).isTrue();

        assertThat(store.find(new byte[] {1}).orElseThrow().name()).isEqualTo("Phone");
    }

    @Test
    void renameWhenNameUnacceptableThenIllegalArgumentAndUnchanged() {
        store.add(credential("alice", new byte[] {1}, 0, T0));

        assertThatIllegalArgumentException().isThrownBy(() -> store.rename("alice", new byte[] {1}, "x".repeat(65)))
                .withMessageContaining("name");
        assertThat(store.find(new byte[] {1}).orElseThrow().name()).isEqualTo("Key 1");
    }

    @Test
    void deleteWhenOwnCredentialThenGoneButAnotherUsersStays() {
        store.add(credential("alice", new byte[] {1}, 0, T0));

        assertThat(store.delete("bob", new byte[] {1})).isFalse();
        assertThat(store.find(new byte[] {1})).isPresent();
        assertThat(store.delete("alice", new byte[] {1})).isTrue();
        assertThat(store.find(new byte[] {1})).isEmpty();
        assertThat(store.delete("alice", new byte[] {1})).isFalse();
    }

    @Test
    void userHandleWhenFirstCallThenCandidateStoredAndLaterCallsGetIt() {
        byte[] candidate = {1, 2, 3};

        byte[] first = store.userHandle("alice", candidate);
        candidate[0] = 9;
        first[1] = 9;

        assertThat(store.userHandle("alice", new byte[] {4, 5, 6})).containsExactly(1, 2, 3);
        assertThat(store.userHandle("bob", new byte[] {4, 5, 6})).containsExactly(4, 5, 6);
    }

    @Test
    void userHandleWhenManyThreadsAskFirstTimeThenAllGetTheSame() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                byte[] candidate = {(byte) i};
                results.add(pool.submit(() -> {
                    start.await();
                    return store.userHandle("alice", candidate);
                }));
            }
            start.countDown();
            byte[] expected = store.userHandle("alice", new byte[] {-1});
            for (Future<byte[]> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
