package dev.stepwise.mfa.factor.recovery;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryRecoveryCodeStoreTest {

    private final InMemoryRecoveryCodeStore store = new InMemoryRecoveryCodeStore();

    @Test
    void consumeWhenPresentThenOnceOnly() {
        store.replaceAll("alice", List.of(hash("a"), hash("b")));

        assertThat(store.consume("alice", "a")).isTrue();
        assertThat(store.consume("alice", "a")).isFalse();
        assertThat(store.remaining("alice")).isEqualTo(1);
        assertThat(store.list("alice")).extracting(RecoveryCodeHash::id).containsExactly("b");
    }

    @Test
    void consumeWhenOtherUsersIdThenFalse() {
        store.replaceAll("alice", List.of(hash("a")));
        store.replaceAll("bob", List.of(hash("b")));

        assertThat(store.consume("alice", "b")).isFalse();
        assertThat(store.consume("carol", "a")).isFalse();
        assertThat(store.remaining("bob")).isEqualTo(1);
    }

    @Test
    void replaceAllWhenCalledAgainThenOldIdsGone() {
        store.replaceAll("alice", List.of(hash("a"), hash("b")));
        store.replaceAll("alice", List.of(hash("c")));

        assertThat(store.consume("alice", "a")).isFalse();
        assertThat(store.list("alice")).extracting(RecoveryCodeHash::id).containsExactly("c");
    }

    @Test
    void replaceAllWhenEmptyThenNothingLeft() {
        store.replaceAll("alice", List.of(hash("a")));
        store.replaceAll("alice", List.of());

        assertThat(store.remaining("alice")).isZero();
        assertThat(store.list("alice")).isEmpty();
    }

    @Test
    void consumeWhenLastCodeThenUserHasNone() {
        store.replaceAll("alice", List.of(hash("a")));

        assertThat(store.consume("alice", "a")).isTrue();
        assertThat(store.remaining("alice")).isZero();
        assertThat(store.consume("alice", "a")).isFalse();
    }

    @Test
    void replaceAllWhenDuplicateIdsThenRefusedAndOldSetKept() {
        store.replaceAll("alice", List.of(hash("a")));

        assertThatThrownBy(() -> store.replaceAll("alice", List.of(hash("x"), hash("x"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.list("alice")).extracting(RecoveryCodeHash::id).containsExactly("a");
    }

    @Test
    void consumeWhenCalledConcurrentlyForOneIdThenExactlyOneTrue() throws Exception {
        int rounds = 50;
        int attempts = 100;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < rounds; round++) {
                store.replaceAll("alice", List.of(hash("a"), hash("b")));
                CountDownLatch start = new CountDownLatch(1);
                Callable<Boolean> attempt = () -> {
                    start.await();
                    return store.consume("alice", "a");
                };
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < attempts; i++) {
                    results.add(pool.submit(attempt));
                }
                start.countDown();
                int wins = 0;
                for (Future<Boolean> result : results) {
                    wins += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(wins).as("round %d", round).isEqualTo(1);
                assertThat(store.list("alice")).extracting(RecoveryCodeHash::id).containsExactly("b");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void consumeWhenRacingWithReplaceAllThenOldCodeNeverSurvivesTheReplacement() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 200; round++) {
                store.replaceAll("alice", List.of(hash("old")));
                CountDownLatch start = new CountDownLatch(1);
                Future<Boolean> consume = pool.submit(() -> {
                    start.await();
                    return store.consume("alice", "old");
                });
                Future<?> replace = pool.submit(() -> {
                    start.await();
                    store.replaceAll("alice", List.of(hash("new")));
                    return null;
                });
                start.countDown();
                consume.get(30, TimeUnit.SECONDS);
                replace.get(30, TimeUnit.SECONDS);
                // whichever ran first, the new set is intact afterwards
                assertThat(store.list("alice")).extracting(RecoveryCodeHash::id).containsExactly("new");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static RecoveryCodeHash hash(String id) {
        return new RecoveryCodeHash(id, new byte[] {1}, 10_000, new byte[] {2});
    }
}
