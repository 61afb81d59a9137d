package dev.stepwise.mfa.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the enforcement asks of a user's stored state (enrolled factors, exemption, "always ask"), kept on
 * this node for at most {@code stepwise.mfa.store.facts-cache} (README, "Performance"), so that a caller without a
 * session, or one whose challenge is pending, does not read them on every request.
 *
 * <ul>
 *   <li><b>Bounded staleness:</b> an entry is used for at most the configured time after it was read, measured
 *       with a monotonic clock (moving the library's clock does not stretch it). A change made on another node
 *       is seen here within that time.</li>
 *   <li><b>Changes on this node:</b> {@link #changed()} — called after the library stored a change of a user's
 *       factors, exemption or preferences — makes every entry stale at once, and a value read before the change
 *       but offered after it is not kept.</li>
 *   <li><b>Never here:</b> enrolment holds, the lockout, one-time codes, replay guards, trusted devices and the sign-in risk: they
 *       are read from the store on every request that needs them.</li>
 *   <li><b>Bounded size:</b> at most {@link #MAX_USERS} users; when full, stale entries are dropped, and if none
 *       is stale, all.</li>
 * </ul>
 */
public final class UserFactsCache {

    /** The most users whose facts one node keeps. */
    public static final int MAX_USERS = 10_000;

    /** One kind of fact, with its type. */
    public static final class Key<T> {
        private final String name;

        /**
         * Creates the key from its parts.
         *
         * @param name the name
         */
        public Key(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private record Entry(long readAt, long generation, Map<Key<?>, Object> values) {
    }

    private final long ttlNanos;
    private final LongSupplier ticker;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    /** @param ttl how long a value may be reused; zero: never cached */
    public UserFactsCache(Duration ttl) {
        this(ttl, System::nanoTime);
    }

    /**
     * @param ticker a monotonic nanosecond clock (a test's)
     * @param ttl the time to live
     */
    public UserFactsCache(Duration ttl, LongSupplier ticker) {
        if (Objects.requireNonNull(ttl, "ttl").isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative: " + ttl);
        }
        this.ttlNanos = ttl.toNanos();
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /**
     * The user's {@code key} fact: the value kept on this node when it is fresh, otherwise {@code load}'s (kept
     * unless a change was stored meanwhile). A load that throws keeps nothing.
     *
     * @param user the user name (the container's caller principal name)
     * @param key the key
     * @param load the load
     * @param <T> the type of the value
     * @return the user's {@code key} fact: the value kept on this node when it is fresh, otherwise {@code load}'s (kept unless a change was stored meanwhile)
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String user, Key<T> key, Supplier<T> load) {
        Objects.requireNonNull(user, "user");
        if (ttlNanos == 0) {
            return load.get();
        }
        long seen = generation.get();
        long now = ticker.getAsLong();
        Entry entry = entries.get(user);
        if (entry != null && isFresh(entry, seen, now)) {
            Object kept = entry.values().get(key);
            if (kept != null) {
                return (T) kept;
            }
        }
        T value = Objects.requireNonNull(load.get(), "a fact is never null");
        keep(user, key, value, seen, now);
        return value;
    }

    /** A user's factors, exemption or preferences changed on this node: nothing kept before is used again. */
    public void changed() {
        generation.incrementAndGet();
        entries.clear();
    }

    /** {@return how many users' facts are kept (for tests and the README's memory figure)} */
    public int size() {
        return entries.size();
    }

    private void keep(String user, Key<?> key, Object value, long seen, long readAt) {
        if (entries.size() >= MAX_USERS && !entries.containsKey(user)) {
            long now = ticker.getAsLong();
            entries.values().removeIf(e -> !isFresh(e, generation.get(), now));
            if (entries.size() >= MAX_USERS) {
                entries.clear();
            }
        }
        Entry entry = entries.compute(user, (u, old) -> old != null && old.generation() == seen
                && isFresh(old, seen, readAt) ? old : new Entry(readAt, seen, new ConcurrentHashMap<>()));
        entry.values().putIfAbsent(key, value);
        if (generation.get() != seen) {
            entries.remove(user, entry); // a change was stored while this value was read: it may be older
        }
    }

    private boolean isFresh(Entry entry, long currentGeneration, long now) {
        return entry.generation() == currentGeneration && now - entry.readAt() < ttlNanos;
    }
}
