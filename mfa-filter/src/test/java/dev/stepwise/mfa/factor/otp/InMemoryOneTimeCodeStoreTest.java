package dev.stepwise.mfa.factor.otp;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryOneTimeCodeStoreTest {

    private static final Instant T = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant EXPIRY = T.plusSeconds(600);
    private static final byte[] HASH = {1, 2, 3, 4};

    private final InMemoryOneTimeCodeStore store = new InMemoryOneTimeCodeStore();

    private void put(String user, String channel, byte[] hash) {
        store.replace(new PendingCode(user, channel, hash, T, EXPIRY));
    }

    @Test
    void consumesTheRightHashOnce() {
        put("alice", "email", HASH);
        assertThat(store.consume("alice", "email", HASH.clone(), T)).isTrue();
        assertThat(store.consume("alice", "email", HASH.clone(), T)).isFalse();
        assertThat(store.lastIssue("alice", "email")).isEmpty();
    }

    @Test
    void aWrongHashChangesNothing() {
        put("alice", "email", HASH);
        assertThat(store.consume("alice", "email", new byte[] {1, 2, 3, 5}, T)).isFalse();
        assertThat(store.consume("alice", "email", new byte[] {1, 2, 3}, T)).isFalse();
        assertThat(store.consume("alice", "email", HASH, T)).isTrue();
    }

    @Test
    void refusesAtTheExpiryInstantAndAcceptsJustBefore() {
        put("alice", "email", HASH);
        assertThat(store.consume("alice", "email", HASH, EXPIRY)).isFalse();
        assertThat(store.consume("alice", "email", HASH, EXPIRY.minusNanos(1))).isTrue();
    }

    @Test
    void replacingInvalidatesTheOlderCode() {
        put("alice", "email", HASH);
        byte[] newer = {9, 9, 9, 9};
        store.replace(new PendingCode("alice", "email", newer, T.plusSeconds(40), EXPIRY.plusSeconds(40)));
        assertThat(store.consume("alice", "email", HASH, T.plusSeconds(41))).isFalse();
        assertThat(store.lastIssue("alice", "email")).contains(new CodeIssue(T.plusSeconds(40), EXPIRY.plusSeconds(40)));
        assertThat(store.consume("alice", "email", newer, T.plusSeconds(41))).isTrue();
    }

    @Test
    void usersAndChannelsAreSeparate() {
        put("alice", "email", HASH);
        assertThat(store.consume("bob", "email", HASH, T)).isFalse();
        assertThat(store.consume("alice", "sms", HASH, T)).isFalse();
        assertThat(store.lastIssue("alice", "sms")).isEmpty();
        assertThat(store.consume("alice", "email", HASH, T)).isTrue();
    }

    @Test
    void keepsAnExpiredIssueUntilPurged() {
        put("alice", "email", HASH);
        put("bob", "email", HASH);
        store.replace(new PendingCode("carol", "sms", HASH, T.plusSeconds(300), EXPIRY.plusSeconds(300)));
        assertThat(store.lastIssue("alice", "email")).isPresent();
        assertThat(store.purgeExpired(EXPIRY)).isEqualTo(2);
        assertThat(store.lastIssue("alice", "email")).isEmpty();
        assertThat(store.lastIssue("carol", "sms")).isPresent();
    }

    @Test
    void removeDropsThePendingCode() {
        put("alice", "email", HASH);
        store.remove("alice", "email");
        store.remove("nobody", "email");
        assertThat(store.consume("alice", "email", HASH, T)).isFalse();
    }

    @Test
    void ofManyConcurrentConsumersExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 50; round++) {
                put("alice", "email", HASH);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    Callable<Boolean> attempt = () -> {
                        start.await();
                        return store.consume("alice", "email", HASH.clone(), T);
                    };
                    results.add(pool.submit(attempt));
                }
                start.countDown();
                int wins = 0;
                for (Future<Boolean> f : results) {
                    wins += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(wins).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneSendReservationPerCooldownAndARelease() {
        java.time.Duration cooldown = java.time.Duration.ofSeconds(30);
        assertThat(store.reserveSend("alice", "email", T, cooldown)).isTrue();
        assertThat(store.reserveSend("alice", "email", T.plusSeconds(29), cooldown)).isFalse();
        assertThat(store.reserveSend("alice", "sms", T, cooldown)).as("another channel").isTrue();
        assertThat(store.sendReservedUntil("alice", "email")).contains(T.plusSeconds(30));
        assertThat(store.reserveSend("alice", "email", T.plusSeconds(30), cooldown)).isTrue();
        store.releaseSend("alice", "email", T);   // not the current reservation: nothing happens
        assertThat(store.reserveSend("alice", "email", T.plusSeconds(31), cooldown)).isFalse();
        store.releaseSend("alice", "email", T.plusSeconds(30));
        assertThat(store.reserveSend("alice", "email", T.plusSeconds(31), cooldown)).isTrue();
        assertThat(store.purgeExpired(T.plusSeconds(61))).isEqualTo(2);
        assertThat(store.sendReservedUntil("alice", "email")).isEmpty();
    }

    @Test
    void badSendReservationsAreRefusedAndStoreNothing() {
        java.time.Duration cooldown = java.time.Duration.ofSeconds(30);
        for (String bad : new String[] {null, "", " ", "x".repeat(256)}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.reserveSend(bad, "email", T, cooldown))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user");
        }
        for (String bad : new String[] {null, "", "\t", "x".repeat(33)}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.reserveSend("alice", bad, T, cooldown))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.reserveSend("alice", "email", T,
                cooldown.negated())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cooldown");
        assertThat(store.purgeExpired(T.plusSeconds(3600))).isZero();
    }
}
