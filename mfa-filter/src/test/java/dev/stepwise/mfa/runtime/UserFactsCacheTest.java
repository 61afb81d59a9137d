package dev.stepwise.mfa.runtime;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserFactsCacheTest {

    private static final UserFactsCache.Key<Set<String>> ENROLLED = new UserFactsCache.Key<>("enrolled");
    private static final UserFactsCache.Key<Boolean> ALWAYS_ASK = new UserFactsCache.Key<>("always-ask");

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final UserFactsCache cache = new UserFactsCache(Duration.ofSeconds(5), nanos::get);
    private final AtomicInteger loads = new AtomicInteger();

    private Set<String> enrolled(String user, Set<String> stored) {
        return cache.get(user, ENROLLED, () -> {
            loads.incrementAndGet();
            return stored;
        });
    }

    @Test
    void aFactIsReadOnceWithinTheStalenessBound() {
        assertThat(enrolled("alice", Set.of())).isEmpty();
        nanos.addAndGet(Duration.ofMillis(4_999).toNanos());

        assertThat(enrolled("alice", Set.of("totp"))).as("kept").isEmpty();
        assertThat(loads).hasValue(1);
    }

    @Test
    void aFactOlderThanTheBoundIsReadAgain() {
        enrolled("alice", Set.of());
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());

        assertThat(enrolled("alice", Set.of("totp"))).containsExactly("totp");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aChangeOnThisNodeIsSeenAtOnce() {
        enrolled("alice", Set.of());

        cache.changed();

        assertThat(enrolled("alice", Set.of("totp"))).containsExactly("totp");
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aValueReadBeforeAChangeButOfferedAfterItIsNotKept() {
        Set<String> old = cache.get("alice", ENROLLED, () -> {
            cache.changed(); // the change is stored while the old value is being read
            return Set.of();
        });

        assertThat(old).isEmpty();
        assertThat(enrolled("alice", Set.of("totp"))).containsExactly("totp");
    }

    @Test
    void eachUserAndEachFactIsItsOwn() {
        enrolled("alice", Set.of("totp"));
        assertThat(enrolled("bob", Set.of())).isEmpty();
        assertThat(cache.get("alice", ALWAYS_ASK, () -> true)).isTrue();
        assertThat(cache.get("bob", ALWAYS_ASK, () -> false)).isFalse();
        assertThat(enrolled("alice", Set.of())).containsExactly("totp");
    }

    @Test
    void zeroMeansNeverKept() {
        UserFactsCache off = new UserFactsCache(Duration.ZERO, nanos::get);
        AtomicInteger reads = new AtomicInteger();

        off.get("alice", ALWAYS_ASK, () -> reads.incrementAndGet() > 0);
        off.get("alice", ALWAYS_ASK, () -> reads.incrementAndGet() > 0);

        assertThat(reads).hasValue(2);
        assertThat(off.size()).isZero();
    }

    @Test
    void aFailedReadKeepsNothing() {
        assertThatThrownBy(() -> cache.get("alice", ALWAYS_ASK, () -> {
            throw new IllegalStateException("database gone");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(cache.size()).isZero();
        assertThat(cache.get("alice", ALWAYS_ASK, () -> true)).isTrue();
    }

    @Test
    void theNumberOfUsersKeptIsBounded() {
        for (int i = 0; i < UserFactsCache.MAX_USERS + 500; i++) {
            enrolled("user" + i, Set.of());
        }

        assertThat(cache.size()).isLessThanOrEqualTo(UserFactsCache.MAX_USERS);
    }

    @Test
    void whenFullStaleEntriesGoFirst() {
        for (int i = 0; i < UserFactsCache.MAX_USERS; i++) {
            enrolled("user" + i, Set.of());
        }
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());

        enrolled("newcomer", Set.of("totp"));

        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aNegativeBoundIsRefused() {
        assertThatThrownBy(() -> new UserFactsCache(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
