package dev.stepwise.mfa.factor;

import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Challenge contexts for factor tests: a map-backed session, nothing servlet. */
public final class TestChallengeContexts {

    private TestChallengeContexts() {
    }

    public static ChallengeContext at(Instant now) {
        return in(Locale.ENGLISH, now);
    }

    /** A context in {@code locale} at {@code now}, with a fresh map-backed session. */
    public static ChallengeContext in(Locale locale, Instant now) {
        return new ChallengeContext(now, locale, "192.0.2.1", "JUnit", session());
    }

    /** A fresh map-backed session store, as one user's HTTP session. */
    public static ChallengeContext.Session session() {
        Map<String, Object> values = new HashMap<>();
        return new ChallengeContext.Session() {
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
        };
    }
}
