package dev.stepwise.mfa.core.preference;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link UserMfaPreferences} in memory, for development, tests and single-node applications. Thread-safe.
 *
 * <pre>{@code
 * UserMfaPreferences preferences = new InMemoryUserMfaPreferences();
 * preferences.save("alice", MfaPreferences.DEFAULTS.withAlwaysAskAtLogin(true));
 * }</pre>
 */
public final class InMemoryUserMfaPreferences implements UserMfaPreferences {

    private final Map<String, MfaPreferences> byUser = new ConcurrentHashMap<>();

    @Override
    public MfaPreferences of(String user) {
        return byUser.getOrDefault(Objects.requireNonNull(user, "user"), MfaPreferences.DEFAULTS);
    }

    @Override
    public void save(String user, MfaPreferences preferences) {
        byUser.put(Objects.requireNonNull(user, "user"), Objects.requireNonNull(preferences, "preferences"));
    }

    @Override
    public void forget(String user) {
        byUser.remove(Objects.requireNonNull(user, "user"));
    }
}
