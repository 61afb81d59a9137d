package dev.stepwise.mfa.cdi;

import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.web.MfaEnforcement;
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
    private final MfaEnforcement enforcement;

    @Inject
    public MfaAccounts(MfaStorage storage, MfaEnforcement enforcement) {
        this.storage = storage;
        this.enforcement = enforcement;
    }

    /** For CDI's proxy only. */
    protected MfaAccounts() {
        this(null, null);
    }

    /**
     * Stops trusting every device of {@code user}: their next sign-in on any browser asks for a second factor.
     *
     * @return how many devices were trusted until now
     */
    public int revokeTrustedDevices(String user) {
        int revoked = storage.trust().revokeAll(user);
        enforcement.fire(new MfaEvent.DeviceRevoked(user, enforcement.clock().instant(), "", "", "all",
                "by the application"));
        return revoked;
    }
}
