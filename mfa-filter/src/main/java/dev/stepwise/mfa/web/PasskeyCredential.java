package dev.stepwise.mfa.web;

import jakarta.security.enterprise.credential.Credential;

import java.time.Instant;
import java.util.Objects;

/**
 * The Jakarta Security {@link Credential} of a user who just signed in with a passkey (README "Passkey sign-in"):
 * the library checked the assertion (signature, origin, challenge, user verification, signature counter) and hands
 * the user it names to the application's {@code IdentityStore} through {@code SecurityContext.authenticate}. The
 * store decides whether that user may sign in (exists, is not disabled) and gives the groups:
 *
 * <pre>{@code
 * public CredentialValidationResult validate(Credential credential) {
 *     if (credential instanceof PasskeyCredential passkey) {
 *         return users.find(passkey.caller())
 *                 .map(u -> new CredentialValidationResult(u.name(), u.groups()))
 *                 .orElse(CredentialValidationResult.INVALID_RESULT);
 *     }
 *     ...
 * }
 * }</pre>
 *
 * <p>Only the library creates one, after a verified assertion; nothing in a request can.
 */
public final class PasskeyCredential implements Credential {

    private final String caller;
    private final Instant verifiedAt;

    PasskeyCredential(String caller, Instant verifiedAt) {
        this.caller = Objects.requireNonNull(caller, "caller");
        this.verifiedAt = Objects.requireNonNull(verifiedAt, "verifiedAt");
    }

    /**
     * The user the passkey belongs to, as registered (the caller principal name of the registration).
     *
     * @return the user the passkey belongs to
     */
    public String caller() {
        return caller;
    }

    /**
     * When the library verified the passkey.
     *
     * @return when the library verified the passkey
     */
    public Instant verifiedAt() {
        return verifiedAt;
    }

    @Override
    public String toString() {
        return "PasskeyCredential[caller=" + caller + "]";
    }
}
