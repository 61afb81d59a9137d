package dev.stepwise.mfa.core.preference;

/**
 * Where each user's {@link MfaPreferences} are kept: one row per user who chose something.
 *
 * <pre>{@code
 * CREATE TABLE stepwise_preferences (
 *     user_name          VARCHAR(255) PRIMARY KEY,
 *     always_ask_login   BOOLEAN      NOT NULL);
 * }</pre>
 *
 * <pre>{@code
 * LoginFacts facts = LoginFacts.NONE.withAlwaysAsk(preferences.of(user).alwaysAskAtLogin());
 * }</pre>
 *
 * <p>Turning a protection <em>off</em> ({@code alwaysAskAtLogin} from true to false) lowers the account's
 * security, so the settings page puts it behind a step-up, like removing a factor. Implementations are
 * thread-safe.
 */
public interface UserMfaPreferences {

    /**
     * The preferences of {@code user}; {@link MfaPreferences#DEFAULTS} when they chose nothing.
     *
     * @param user the user name (the container's caller principal name)
     * @return the preferences of {@code user}; {@link MfaPreferences#DEFAULTS} when they chose nothing
     */
    MfaPreferences of(String user);

    /**
     * Stores the preferences of {@code user}.
     *
     * @param user the user name (the container's caller principal name)
     * @param preferences the preferences
     */
    void save(String user, MfaPreferences preferences);

    /**
     * Forgets the preferences of {@code user} (account deleted); they fall back to the defaults.
     *
     * @param user the user name (the container's caller principal name)
     */
    void forget(String user);
}
