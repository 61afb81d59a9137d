package dev.stepwise.mfa.core.risk;

import dev.stepwise.mfa.core.net.IpLiteral;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.stepwise.mfa.core.risk.RiskHistory.Kind.DEVICE;
import static dev.stepwise.mfa.core.risk.RiskHistory.Kind.LOGIN;
import static dev.stepwise.mfa.core.risk.RiskHistory.Kind.NETWORK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link InMemoryRiskHistory}: one entry per (user, kind, value), later time wins, memory expiry.
 */
class InMemoryRiskHistoryTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private final InMemoryRiskHistory history = new InMemoryRiskHistory();

    @Test
    void recordKeepsTheLaterTime() {
        history.record("alice", DEVICE, "d1", T0);
        history.record("alice", DEVICE, "d1", T0.minusSeconds(60));   // an older sign-in arriving late

        assertThat(history.lastSeen("alice", DEVICE, "d1")).contains(T0);

        history.record("alice", DEVICE, "d1", T0.plusSeconds(60));
        assertThat(history.lastSeen("alice", DEVICE, "d1")).contains(T0.plusSeconds(60));
    }

    @Test
    void entriesAreSeparatePerUserKindAndValue() {
        history.record("alice", DEVICE, "x", T0);

        assertThat(history.lastSeen("bob", DEVICE, "x")).isEmpty();
        assertThat(history.lastSeen("alice", NETWORK, "x")).isEmpty();
        assertThat(history.lastSeen("alice", DEVICE, "y")).isEmpty();
    }

    @Test
    void recordLoginStoresDeviceNetworkAndLoginTime() {
        history.recordLogin(new RiskContext("alice", T0, "d1", IpLiteral.parse("2001:db8:1:2::3").orElseThrow(), 0, ""));

        assertThat(history.seenDevice("alice", "d1", T0)).isTrue();
        assertThat(history.seenNetwork("alice", "2001:db8:1::/48", T0)).isTrue();
        assertThat(history.lastLogin("alice")).contains(T0);
        assertThat(history.seenDevice("alice", "d1", T0.plusMillis(1))).isFalse();
    }

    @Test
    void recordLoginWithoutDeviceOrAddressStoresOnlyLoginTime() {
        history.recordLogin(new RiskContext("alice", T0, null, null, 0, null));

        assertThat(history.lastLogin("alice")).contains(T0);
        assertThat(history.forgetBefore(T0.plusSeconds(1))).isZero();
    }

    @Test
    void forgetBeforeDeletesOldDevicesAndNetworksButKeepsLogins() {
        history.record("alice", DEVICE, "old", T0.minus(Duration.ofDays(91)));
        history.record("alice", DEVICE, "new", T0.minus(Duration.ofDays(89)));
        history.record("alice", NETWORK, "203.0.113.0/24", T0.minus(Duration.ofDays(91)));
        history.record("alice", LOGIN, "", T0.minus(Duration.ofDays(400)));

        int removed = history.forgetBefore(T0.minus(Duration.ofDays(90)));

        assertThat(removed).isEqualTo(2);
        assertThat(history.lastSeen("alice", DEVICE, "old")).isEmpty();
        assertThat(history.lastSeen("alice", DEVICE, "new")).isPresent();
        assertThat(history.lastSeen("alice", NETWORK, "203.0.113.0/24")).isEmpty();
        assertThat(history.lastLogin("alice")).isPresent();
    }

    @Test
    void forgetUserDeletesOnlyThatUser() {
        history.record("alice", DEVICE, "d", T0);
        history.record("alice", LOGIN, "", T0);
        history.record("bob", DEVICE, "d", T0);

        history.forget("alice");

        assertThat(history.lastSeen("alice", DEVICE, "d")).isEmpty();
        assertThat(history.lastLogin("alice")).isEmpty();
        assertThat(history.lastSeen("bob", DEVICE, "d")).contains(T0);
    }

    @Test
    void concurrentRecordsKeepTheLatestTime() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 1_000; i++) {
                    history.record("alice", DEVICE, "d", T0.plusSeconds(i * threads + offset));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(history.lastSeen("alice", DEVICE, "d")).contains(T0.plusSeconds(999L * threads + threads - 1));
    }
}
