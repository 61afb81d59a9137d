package dev.stepwise.mfa.cdi;

import dev.stepwise.mfa.event.EventHeader;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.MfaStorage;
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
 *     mfa.revokeTrustedDevices(user);   // first: if the store is away this throws, and the password stays
 *     users.setPassword(user, password);
 * }
 * }</pre>
 */
@ApplicationScoped
public class MfaAccounts {

    private final MfaStorage storage;
    private final MfaRuntime enforcement;

    /**
     * Creates the MFA accounts from its parts.
     *
     * @param storage the storage
     * @param enforcement the enforcement
     */
    @Inject
    public MfaAccounts(MfaStorage storage, MfaRuntime enforcement) {
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
     * @param user the user name (the container's caller principal name)
     * @return how many devices were trusted until now
     */
    public int revokeTrustedDevices(String user) {
        int revoked = storage.trust().revokeAll(user);
        enforcement.fire(new MfaEvent.DeviceRevoked(EventHeader.withoutClient(user, enforcement.clock().instant()),
                "all", "by the application"));
        return revoked;
    }

    /**
     * Activates a TOTP secret {@code user} already has in an authenticator app (accounts moved from another
     * system, demo accounts), if they have none yet. Audited as {@link MfaEvent.FactorEnrolled}. Safe to call from
     * several nodes at once (all seeding one demo user at start-up): exactly one returns {@code true}.
     *
     * @param base32Secret the secret as authenticator apps show it (base32, spaces allowed), at least 160 bits
     * @param user the user name (the container's caller principal name)
     * @return whether it was activated ({@code false}: TOTP is not offered, or the user already has it)
     * @throws IllegalArgumentException if the secret is not base32 or too short; the message never repeats it
     */
    public boolean provisionTotp(String user, String base32Secret) {
        var totp = enforcement.factor(dev.stepwise.mfa.Factors.TOTP);
        var key = totp.flatMap(f -> f.capability(dev.stepwise.mfa.factor.KeyEnrolment.class));
        if (key.isEmpty() || totp.get().isEnrolled(user)) {
            return false;
        }
        try {
            key.get().provisionKey(user, base32Secret);
        } catch (dev.stepwise.mfa.factor.KeyEnrolment.ActiveKeyException meanwhile) {
            return false;   // provisioned since the check by another request or node (several nodes starting)
        } finally {
            enforcement.factsChanged();
        }
        enforcement.fire(new MfaEvent.FactorEnrolled(EventHeader.withoutClient(user, enforcement.clock().instant()),
                dev.stepwise.mfa.Factors.TOTP));
        return true;
    }
}
