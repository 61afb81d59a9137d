package dev.stepwise.mfa.bench.micro;

import dev.stepwise.mfa.factor.ChallengeContext;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A factor's session storage; once {@link #replaying}, {@link #remove} hands out the value without removing it,
 * so that a benchmark can answer the same challenge again and again (the library takes it out on every answer).
 */
final class ReplayingSession implements ChallengeContext.Session {

    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private volatile boolean replaying;

    /** From now on, {@link #remove} keeps the value. */
    void replaying() {
        replaying = true;
    }

    @Override
    public Object get(String key) {
        return values.get(key);
    }

    @Override
    public void put(String key, Serializable value) {
        values.put(key, value);
    }

    @Override
    public Object remove(String key) {
        return replaying ? values.get(key) : values.remove(key);
    }
}
