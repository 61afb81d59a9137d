package dev.stepwise.mfa.factor.recovery;

import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.TestChallengeContexts;
import dev.stepwise.mfa.factor.Verification;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecoveryFactorTest {

    private static final Instant NOW = Instant.parse("2025-01-15T10:00:00Z");
    private static final Verification WRONG = Verification.rejected("stepwise.mfa.error.code");

    private final InMemoryRecoveryCodeStore store = new InMemoryRecoveryCodeStore();
    // the NIST minimum keeps the suite fast; the default count is exercised in its own test
    private final RecoveryCodeHasher hasher = new RecoveryCodeHasher(RecoveryCodeHasher.MIN_ITERATIONS,
            new SecureRandom());
    private final List<RecoveryCodeUsed> used = new CopyOnWriteArrayList<>();
    private final RecoveryFactor recovery = new RecoveryFactor(store, hasher, used::add, new SecureRandom());
    private final ChallengeContext ctx = TestChallengeContexts.at(NOW);

    @Test
    void idIsRecovery() {
        assertThat(recovery.id()).isEqualTo("recovery");
    }

    @Test
    void regenerateWhenNewUserThenTenHashedCodesAndEnrolled() {
        assertThat(recovery.isEnrolled("alice")).isFalse();

        RecoveryCodeSet set = recovery.regenerate("alice");

        assertThat(set.codes()).hasSize(10);
        assertThat(recovery.remaining("alice")).isEqualTo(10);
        assertThat(recovery.isEnrolled("alice")).isTrue();
        // the store holds hashes only, never a plain code
        for (RecoveryCodeHash stored : store.list("alice")) {
            for (String code : set.codes()) {
                assertThat(stored.id()).doesNotContainIgnoringCase(code.replace("-", ""));
            }
        }
    }

    @Test
    void verifyWhenEachCodeUsedThenAcceptedOnceAndCountGoesDown() {
        RecoveryCodeSet set = recovery.regenerate("alice");

        int left = 10;
        for (String code : set.codes()) {
            assertThat(verify("alice", code)).isEqualTo(Verification.accepted());
            left--;
            assertThat(recovery.remaining("alice")).isEqualTo(left);
            assertThat(verify("alice", code)).isEqualTo(WRONG);   // recovery-code reuse
        }
        assertThat(recovery.isEnrolled("alice")).isFalse();
    }

    @Test
    void verifyWhenAcceptedThenListenerHearsUserRemainingAndTime() {
        RecoveryCodeSet set = recovery.regenerate("alice");

        verify("alice", set.codes().get(3));
        verify("alice", set.codes().get(7));

        assertThat(used).containsExactly(new RecoveryCodeUsed("alice", 9, NOW), new RecoveryCodeUsed("alice", 8, NOW));
    }

    @Test
    void verifyWhenRefusedThenListenerNotCalled() {
        RecoveryCodeSet set = recovery.regenerate("alice");
        verify("alice", set.codes().get(0));
        used.clear();

        verify("alice", set.codes().get(0));
        verify("alice", "0000-0000-0000-0000");
        verify("alice", "garbage");

        assertThat(used).isEmpty();
    }

    @Test
    void regenerateWhenCalledAgainThenOldCodesRefused() {
        RecoveryCodeSet old = recovery.regenerate("alice");
        RecoveryCodeSet fresh = recovery.regenerate("alice");

        for (String code : old.codes()) {
            assertThat(verify("alice", code)).isEqualTo(WRONG);
        }
        assertThat(recovery.remaining("alice")).isEqualTo(10);
        assertThat(verify("alice", fresh.codes().get(0))).isEqualTo(Verification.accepted());
    }

    @Test
    void verifyWhenWrongOrOtherUsersCodeThenRefusedAndNothingConsumed() {
        recovery.regenerate("alice");
        RecoveryCodeSet bobs = recovery.regenerate("bob");

        assertThat(verify("alice", "0000-0000-0000-0000")).isEqualTo(WRONG);
        assertThat(verify("alice", bobs.codes().get(0))).isEqualTo(WRONG);
        assertThat(recovery.remaining("alice")).isEqualTo(10);
        assertThat(recovery.remaining("bob")).isEqualTo(10);
    }

    @Test
    void verifyWhenTypedWithOtherCaseSpacesAndLookAlikesThenAccepted() {
        store.replaceAll("alice", List.of(hasher.hash("0123456789ABCDEF"), hasher.hash("1100110011001100")));

        assertThat(verify("alice", " O123 4567 89AB CDEF ")).isEqualTo(Verification.accepted());
        assertThat(verify("alice", "iL00-l1oo-I1Oo-11OO")).isEqualTo(Verification.accepted());
        assertThat(recovery.remaining("alice")).isZero();
    }

    @Test
    void verifyWhenMalformedThenRefusedWithoutException() {
        recovery.regenerate("alice");
        Map<String, String> nullCode = new HashMap<>();
        nullCode.put("code", null);

        assertThatCode(() -> {
            assertThat(recovery.verify("alice", Map.of(), ctx)).isEqualTo(WRONG);
            assertThat(recovery.verify("alice", nullCode, ctx)).isEqualTo(WRONG);
            for (String input : List.of("", "   ", "123456", "٧k2m-9xq4-h3vd-05tr", "uuuu-uuuu-uuuu-uuuu",
                    "x".repeat(100_000), "'; DROP TABLE codes; --")) {
                assertThat(verify("alice", input)).isEqualTo(WRONG);
            }
        }).doesNotThrowAnyException();
        assertThat(recovery.remaining("alice")).isEqualTo(10);
    }

    @Test
    void verifyWhenNoCodesThenRefused() {
        assertThat(verify("nobody", "0000-0000-0000-0000")).isEqualTo(WRONG);
    }

    @Test
    void verifyWhenDefaultHasherThenRoundTrips() {
        RecoveryFactor defaults = new RecoveryFactor(store, used::add);
        RecoveryCodeSet set = defaults.regenerate("alice");

        assertThat(store.list("alice")).allSatisfy(h -> assertThat(h.iterations()).isEqualTo(100_000));
        assertThat(defaults.verify("alice", Map.of("code", set.codes().get(0)), ctx))
                .isEqualTo(Verification.accepted());
    }

    @Test
    void removeAllWhenCalledThenNotEnrolled() {
        RecoveryCodeSet set = recovery.regenerate("alice");

        recovery.removeAll("alice");

        assertThat(recovery.isEnrolled("alice")).isFalse();
        assertThat(verify("alice", set.codes().get(0))).isEqualTo(WRONG);
    }

    @Test
    void verifyWhenListenerThrowsThenExceptionPropagatesAndCodeStaysUsed() {
        RecoveryFactor failing = new RecoveryFactor(store, hasher, u -> {
            throw new IllegalStateException("mail down");
        }, new SecureRandom());
        RecoveryCodeSet set = failing.regenerate("alice");

        assertThatThrownBy(() -> failing.verify("alice", Map.of("code", set.codes().get(0)), ctx))
                .isInstanceOf(IllegalStateException.class);
        assertThat(verify("alice", set.codes().get(0))).isEqualTo(WRONG);
    }

    @Test
    void verifyWhenOneCodeSubmittedConcurrentlyThenExactlyOneAccepted() throws Exception {
        int threads = 8;
        int attempts = 100;
        // the first eight verifications all read the unused codes before any of them may consume one, so they
        // all match the hash and then race on consume: only its atomicity can keep the winners to one
        CountDownLatch allHaveListed = new CountDownLatch(threads);
        RecoveryCodeStore racing = new RecoveryCodeStore() {
            @Override
            public void replaceAll(String user, List<RecoveryCodeHash> hashes) {
                store.replaceAll(user, hashes);
            }

            @Override
            public List<RecoveryCodeHash> list(String user) {
                List<RecoveryCodeHash> unused = store.list(user);
                allHaveListed.countDown();
                try {
                    allHaveListed.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return unused;
            }

            @Override
            public boolean consume(String user, String hashId) {
                return store.consume(user, hashId);
            }

            @Override
            public int remaining(String user) {
                return store.remaining(user);
            }
        };
        RecoveryFactor factor = new RecoveryFactor(racing, hasher, used::add, new SecureRandom());
        String code = factor.regenerate("alice").codes().get(4);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Callable<Verification> attempt = () -> {
                start.await();
                return factor.verify("alice", Map.of("code", code), ctx);
            };
            List<Future<Verification>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                results.add(pool.submit(attempt));
            }
            start.countDown();

            int accepted = 0;
            for (Future<Verification> result : results) {
                if (result.get(60, TimeUnit.SECONDS).equals(Verification.accepted())) {
                    accepted++;
                }
            }
            assertThat(accepted).isEqualTo(1);
            assertThat(used).hasSize(1);
            assertThat(factor.remaining("alice")).isEqualTo(9);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void constructorWhenCollaboratorMissingThenNullPointer() {
        assertThatThrownBy(() -> new RecoveryFactor(null, used::add)).hasMessage("store");
        assertThatThrownBy(() -> new RecoveryFactor(store, null)).hasMessage("onUse");
        assertThatThrownBy(() -> new RecoveryFactor(store, null, used::add, new SecureRandom()))
                .hasMessage("hasher");
    }

    private Verification verify(String user, String code) {
        return recovery.verify(user, Map.of("code", code), ctx);
    }
}
