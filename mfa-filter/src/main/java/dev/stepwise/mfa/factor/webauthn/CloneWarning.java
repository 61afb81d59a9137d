package dev.stepwise.mfa.factor.webauthn;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A signed assertion whose signature counter did not move forward: the authenticator may have been cloned
 * (WebAuthn L2 §6.1.1 and §7.2 step 21). The sign-in was refused; the CDI layer turns this into an event so the
 * application can tell the user and an administrator, and perhaps disable the credential.
 *
 * <pre>{@code
 * WebAuthnFactor factor = new WebAuthnFactor(config, store, warning -> cloneEvents.fire(warning));
 * }</pre>
 *
 * @param user               the user who tried to sign in (the credential's owner)
 * @param credentialId       the credential concerned; copied in and out; kept out of {@link #toString()}
 * @param credentialName     the name the user gave it
 * @param storedSignCount    the counter the store held
 * @param presentedSignCount the counter in the assertion (not greater than the stored one)
 * @param at                 when it happened
 * @param clientAddress      the client's address as the library determined it; empty when unknown
 */
public record CloneWarning(String user, byte[] credentialId, String credentialName, long storedSignCount,
                           long presentedSignCount, Instant at, String clientAddress) {

    /**
     * Checks the components and copies the mutable ones.
     * @param user the user who tried to sign in (the credential's owner)
     * @param credentialId the credential concerned; copied in and out; kept out of {@link #toString()}
     * @param credentialName the name the user gave it
     * @param storedSignCount the counter the store held
     * @param presentedSignCount the counter in the assertion (not greater than the stored one)
     * @param at when it happened
     * @param clientAddress the client's address as the library determined it; empty when unknown
     */
    public CloneWarning {
        Objects.requireNonNull(user, "user");
        credentialId = Objects.requireNonNull(credentialId, "credentialId").clone();
        Objects.requireNonNull(credentialName, "credentialName");
        Objects.requireNonNull(at, "at");
        clientAddress = clientAddress == null ? "" : clientAddress;
    }

    /** {@return the credential ID (a copy)} */
    @Override
    public byte[] credentialId() {
        return credentialId.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CloneWarning w && user.equals(w.user) && Arrays.equals(credentialId, w.credentialId)
                && credentialName.equals(w.credentialName) && storedSignCount == w.storedSignCount
                && presentedSignCount == w.presentedSignCount && at.equals(w.at)
                && clientAddress.equals(w.clientAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, Arrays.hashCode(credentialId), storedSignCount, presentedSignCount, at);
    }

    /** Names user, credential name and counters; the credential id stays out of logs. */
    @Override
    public String toString() {
        return "CloneWarning[user=" + user + ", credentialName=" + credentialName + ", storedSignCount="
                + storedSignCount + ", presentedSignCount=" + presentedSignCount + ", at=" + at
                + ", clientAddress=" + clientAddress + "]";
    }
}
