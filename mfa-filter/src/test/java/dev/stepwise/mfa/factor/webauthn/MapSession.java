package dev.stepwise.mfa.factor.webauthn;

import dev.stepwise.mfa.factor.ChallengeContext;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/** A {@link ChallengeContext.Session} backed by a {@link HashMap}, as one user's HTTP session. */
final class MapSession implements ChallengeContext.Session {

    final Map<String, Object> values = new HashMap<>();

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
        return values.remove(key);
    }
}
