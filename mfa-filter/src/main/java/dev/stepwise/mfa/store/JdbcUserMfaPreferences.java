package dev.stepwise.mfa.store;

import dev.stepwise.mfa.core.preference.MfaPreferences;
import dev.stepwise.mfa.core.preference.UserMfaPreferences;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Objects;

/**
 * Each user's own MFA choices in {@code stepwise_preferences}: one row per user who chose something; no row means
 * {@link MfaPreferences#DEFAULTS}.
 *
 * <pre>{@code
 * LoginFacts facts = LoginFacts.NONE.withAlwaysAsk(jdbcStore.preferences().of(user).alwaysAskAtLogin());
 * }</pre>
 *
 * <p>Atomicity: {@link #save} is one upsert on the user, {@link #forget} one {@code DELETE}.
 */
public final class JdbcUserMfaPreferences implements UserMfaPreferences {

    private final Jdbc jdbc;

    JdbcUserMfaPreferences(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public MfaPreferences of(String user) {
        Jdbc.requireUser(user);
        return jdbc.autocommit("read MFA preferences", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT always_ask_login FROM stepwise_preferences WHERE user_id = ?")) {
                ps.setString(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new MfaPreferences(rs.getBoolean(1)) : MfaPreferences.DEFAULTS;
                }
            }
        });
    }

    @Override
    public void save(String user, MfaPreferences preferences) {
        Jdbc.requireUser(user);
        Objects.requireNonNull(preferences, "preferences");
        jdbc.autocommit("store MFA preferences", c -> jdbc.upsert(c, "stepwise_preferences", List.of("user_id"),
                List.of("always_ask_login"), ps -> {
                    ps.setString(1, user);
                    ps.setBoolean(2, preferences.alwaysAskAtLogin());
                }));
    }

    @Override
    public void forget(String user) {
        Jdbc.requireUser(user);
        jdbc.update("forget MFA preferences", "DELETE FROM stepwise_preferences WHERE user_id = ?",
                ps -> ps.setString(1, user));
    }
}
