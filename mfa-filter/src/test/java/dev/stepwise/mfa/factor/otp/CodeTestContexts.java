package dev.stepwise.mfa.factor.otp;

import dev.stepwise.mfa.factor.ChallengeContext;

import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Challenge contexts for the code factors' tests: a map-backed session, nothing servlet. */
public final class CodeTestContexts {

    private CodeTestContexts() {
    }

    public static ChallengeContext in(Locale locale, Instant now) {
        Map<String, Object> values = new HashMap<>();
        ChallengeContext.Session session = new ChallengeContext.Session() {
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
        return new ChallengeContext(now, locale, "192.0.2.1", "JUnit", session);
    }
}
