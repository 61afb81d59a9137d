package dev.stepwise.mfa.factor.webauthn;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link DecodedCredentials}: what a stored credential decodes to, kept by its whole bytes, bounded, shared
 * safely between threads.
 */
class DecodedCredentialsTest {

    private final AtomicInteger decodes = new AtomicInteger();

    /** A "decoding" that is a pure function of the bytes and counts how often it runs. */
    private String decode(byte[] bytes) {
        decodes.incrementAndGet();
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void sameBytesThenDecodedOnce() {
        DecodedCredentials<String> cache = new DecodedCredentials<>(4, this::decode);

        assertThat(cache.get(bytes("key-a"))).isEqualTo("key-a");
        assertThat(cache.get(bytes("key-a"))).isEqualTo("key-a");

        assertThat(decodes).hasValue(1);
    }

    @Test
    void changedBytesThenDecodedAfreshEvenIfOnlyTheLastByteDiffers() {
        DecodedCredentials<String> cache = new DecodedCredentials<>(4, this::decode);
        cache.get(bytes("credential-1|key-a"));

        // same credential id, another public key: the record changed, so the key used must be the new one
        assertThat(cache.get(bytes("credential-1|key-b"))).isEqualTo("credential-1|key-b");
        assertThat(decodes).hasValue(2);
    }

    @Test
    void callerChangingItsArrayAfterwardsThenTheKeptEntryIsUnaffected() {
        DecodedCredentials<String> cache = new DecodedCredentials<>(4, this::decode);
        byte[] stored = bytes("key-a");
        cache.get(stored);

        stored[4] = 'b';   // the caller reuses its buffer

        assertThat(cache.get(bytes("key-a"))).isEqualTo("key-a");
        assertThat(cache.get(stored)).isEqualTo("key-b");
        assertThat(decodes).hasValue(2);
    }

    @Test
    void moreDistinctValuesThanTheBoundThenSizeStaysAtTheBoundAndLeastRecentlyUsedGoes() {
        DecodedCredentials<String> cache = new DecodedCredentials<>(3, this::decode);
        cache.get(bytes("a"));
        cache.get(bytes("b"));
        cache.get(bytes("c"));
        cache.get(bytes("a"));   // a used again: b is now the least recently used
        for (int i = 0; i < 100; i++) {
            cache.get(bytes("x" + i));
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
        DecodedCredentials<String> small = new DecodedCredentials<>(2, this::decode);
        small.get(bytes("a"));
        small.get(bytes("b"));
        small.get(bytes("a"));
        small.get(bytes("c"));   // evicts b, keeps a
        decodes.set(0);
        small.get(bytes("a"));
        assertThat(decodes).hasValue(0);
        small.get(bytes("b"));
        assertThat(decodes).hasValue(1);
    }

    @Test
    void decodingFailsThenNothingIsKeptAndTheFailureReachesTheCaller() {
        DecodedCredentials<String> cache = new DecodedCredentials<>(4, b -> {
            decodes.incrementAndGet();
            throw new IllegalArgumentException("not CBOR");
        });

        assertThatThrownBy(() -> cache.get(bytes("junk"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.get(bytes("junk"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(cache.size()).isZero();
        assertThat(decodes).hasValue(2);
    }

    @Test
    void boundOfZeroOrLessRefused() {
        assertThatThrownBy(() -> new DecodedCredentials<>(0, this::decode))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thirtyTwoThreadsOnOverlappingValuesThenEachGetsWhatItsBytesDecodeTo() throws Exception {
        DecodedCredentials<String> cache = new DecodedCredentials<>(8, this::decode);
        AtomicInteger next = new AtomicInteger();

        List<Boolean> results = race(32, () -> {
            int me = next.getAndIncrement();
            for (int i = 0; i < 2_000; i++) {
                String value = "user-" + ((me + i) % 12);   // 12 values over a bound of 8: hits, misses, evictions
                if (!cache.get(bytes(value)).equals(value)) {
                    return false;
                }
            }
            return true;
        });

        assertThat(results).hasSize(32).containsOnly(true);
        assertThat(cache.size()).isLessThanOrEqualTo(8);
    }

    static <T> List<T> race(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await(30, TimeUnit.SECONDS);
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
