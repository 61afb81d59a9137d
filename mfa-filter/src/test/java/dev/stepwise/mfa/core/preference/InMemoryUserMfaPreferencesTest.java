package dev.stepwise.mfa.core.preference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link InMemoryUserMfaPreferences}: defaults until chosen, per user.
 */
class InMemoryUserMfaPreferencesTest {

    private final InMemoryUserMfaPreferences preferences = new InMemoryUserMfaPreferences();

    @Test
    void defaultsUntilChosen() {
        assertThat(preferences.of("alice")).isEqualTo(MfaPreferences.DEFAULTS);
        assertThat(MfaPreferences.DEFAULTS.alwaysAskAtLogin()).isFalse();
    }

    @Test
    void savedPerUserAndForgotten() {
        preferences.save("alice", MfaPreferences.DEFAULTS.withAlwaysAskAtLogin(true));

        assertThat(preferences.of("alice").alwaysAskAtLogin()).isTrue();
        assertThat(preferences.of("bob").alwaysAskAtLogin()).isFalse();

        preferences.forget("alice");
        assertThat(preferences.of("alice")).isEqualTo(MfaPreferences.DEFAULTS);
    }
}
