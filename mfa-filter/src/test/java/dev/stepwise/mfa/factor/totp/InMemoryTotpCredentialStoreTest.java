package dev.stepwise.mfa.factor.totp;

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

class InMemoryTotpCredentialStoreTest {

    private final InMemoryTotpCredentialStore store = new InMemoryTotpCredentialStore();
    private final TotpSecret secret = TotpSecret.generate();

    @Test
    void advanceLastStepWhenLaterStepThenTrueAndStored() {
        store.save(TotpCredential.pending("alice", secret));

        assertThat(store.advanceLastStep("alice", 5)).isTrue();
        assertThat(store.advanceLastStep("alice", 6)).isTrue();
        assertThat(store.find("alice").orElseThrow().lastStep()).isEqualTo(6);
    }

    @Test
    void advanceLastStepWhenEqualOrEarlierStepThenFalseAndUnchanged() {
        store.save(TotpCredential.pending("alice", secret).withLastStep(10));

        assertThat(store.advanceLastStep("alice", 10)).isFalse();
        assertThat(store.advanceLastStep("alice", 9)).isFalse();
        assertThat(store.find("alice").orElseThrow().lastStep()).isEqualTo(10);
    }

    @Test
    void advanceLastStepWhenNoCredentialThenFalseAndNothingCreated() {
        assertThat(store.advanceLastStep("nobody", 1)).isFalse();
        assertThat(store.find("nobody")).isEmpty();
    }

    @Test
    void advanceLastStepKeepsSecretAndActiveFlag() {
        store.save(TotpCredential.pending("alice", secret).activated(3));

        store.advanceLastStep("alice", 4);

        TotpCredential stored = store.find("alice").orElseThrow();
        assertThat(stored.active()).isTrue();
        assertThat(stored.secret()).isEqualTo(secret);
    }

    @Test
    void saveReplacesAndDeleteRemoves() {
        store.save(TotpCredential.pending("alice", secret));
        TotpSecret other = TotpSecret.generate();
        store.save(TotpCredential.pending("alice", other).activated(1));

        assertThat(store.find("alice").orElseThrow().secret()).isEqualTo(other);
        store.delete("alice");
        assertThat(store.find("alice")).isEmpty();
        store.delete("alice");   // idempotent
    }

    @Test
    void advanceLastStepWhenCalledConcurrentlyForOneStepThenExactlyOneTrue() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 50; round++) {
                store.save(TotpCredential.pending("alice", secret).withLastStep(round));
                long step = round + 1;
                CountDownLatch start = new CountDownLatch(1);
                Callable<Boolean> attempt = () -> {
                    start.await();
                    return store.advanceLastStep("alice", step);
                };
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    results.add(pool.submit(attempt));
                }
                start.countDown();
                int wins = 0;
                for (Future<Boolean> result : results) {
                    wins += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(wins).as("round %d", round).isEqualTo(1);
                assertThat(store.find("alice").orElseThrow().lastStep()).isEqualTo(step);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void activatedNeverMovesTheStepBack() {
        TotpCredential credential = TotpCredential.pending("alice", secret).withLastStep(7);
        assertThat(credential.activated(5).lastStep()).isEqualTo(7);
        assertThat(credential.activated(8).lastStep()).isEqualTo(8);
        assertThat(credential.activated(8).active()).isTrue();
    }

    @Test
    void saveUnlessActiveFromThirtyTwoThreadsActivatesExactlyOneAndPendingOnesNeverReplaceIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<TotpCredential>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                boolean active = i % 2 == 0;
                results.add(pool.submit(() -> {
                    TotpCredential mine = TotpCredential.pending("bob", TotpSecret.generate());
                    mine = active ? mine.activated(TotpCredential.NO_STEP) : mine;
                    start.await();
                    return store.saveUnlessActive(mine) ? mine : null;
                }));
            }
            start.countDown();
            List<TotpCredential> activeWon = new ArrayList<>();
            for (Future<TotpCredential> result : results) {
                TotpCredential saved = result.get(30, TimeUnit.SECONDS);
                if (saved != null && saved.active()) {
                    activeWon.add(saved);
                }
            }
            assertThat(activeWon).hasSize(1);
            assertThat(store.find("bob")).contains(activeWon.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void activatePendingOnlyForTheSecretStillPending() {
        TotpCredential first = TotpCredential.pending("alice", secret);
        TotpCredential second = TotpCredential.pending("alice", TotpSecret.generate());
        assertThat(store.activatePending(first, 4)).isFalse();
        assertThat(store.find("alice")).isEmpty();

        store.save(first);
        store.save(second);
        assertThat(store.activatePending(first, 4)).isFalse();
        assertThat(store.find("alice")).contains(second);

        assertThat(store.activatePending(second, 4)).isTrue();
        assertThat(store.activatePending(second, 5)).isFalse();
        assertThat(store.find("alice")).contains(second.activated(4));
    }
}
