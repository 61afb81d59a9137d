package dev.stepwise.mfa.core.preference;

/**
 * What a user chose for their own account, beyond what the application requires.
 *
 * <pre>{@code
 * MfaPreferences p = preferences.of("alice");
 * if (p.alwaysAskAtLogin()) { ... }      // the policy challenges her at every sign-in
 * preferences.save("alice", p.withAlwaysAskAtLogin(false));   // behind a step-up: it lowers her protection
 * }</pre>
 *
 * @param alwaysAskAtLogin "always ask for a second factor when I sign in": challenge at every sign-in whatever
 *                         the login policy ({@code off}, {@code enrolled} with a trusted device, {@code adaptive}
 *                         with low risk), as long as the user has a factor
 */
public record MfaPreferences(boolean alwaysAskAtLogin) {

    /** What a user who never chose anything gets. */
    public static final MfaPreferences DEFAULTS = new MfaPreferences(false);

    /**
     * These preferences with {@code alwaysAskAtLogin} changed.
     *
     * @param value the value
     * @return these preferences with {@code alwaysAskAtLogin} changed
     */
    public MfaPreferences withAlwaysAskAtLogin(boolean value) {
        return new MfaPreferences(value);
    }
}
