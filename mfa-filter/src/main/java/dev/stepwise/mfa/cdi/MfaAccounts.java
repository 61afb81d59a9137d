package dev.stepwise.mfa.cdi;

import dev.stepwise.mfa.web.MfaStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What an application does to a user's MFA state from its own code. Call {@link #revokeTrustedDevices} when the
 * user changes their password (a remembered browser must not outlive the credential it was remembered with):
 *
 * <pre>{@code
 * @Inject MfaAccounts mfa;
 *
 * void changePassword(String user, char[] password) {
 *     users.setPassword(user, password);
 *     mfa.revokeTrustedDevices(user);
 * }
 * }</pre>
 */
@ApplicationScoped
public class MfaAccounts {

    private final MfaStorage storage;

    @Inject
    public MfaAccounts(MfaStorage storage) {
        this.storage = storage;
    }

    /** For CDI's proxy only. */
    protected MfaAccounts() {
        this(null);
    }

    /**
     * Stops trusting every device of {@code user}: their next sign-in on any browser asks for a second factor.
     *
     * @return how many devices were trusted until now
     */
    public int revokeTrustedDevices(String user) {
        return storage.trust().revokeAll(user);
    }
}
