package dev.stepwise.mfa.bench.micro;

import dev.stepwise.mfa.factor.webauthn.WebAuthnCredential;
import dev.stepwise.mfa.factor.webauthn.WebAuthnCredentialStore;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The in-memory credential store of one registered key whose stored signature counter never moves: a counter
 * update succeeds without being kept, so the same assertion passes the counter rule every time.
 */
final class FrozenCounterStore implements WebAuthnCredentialStore {

    private final WebAuthnCredentialStore registered;
    private final WebAuthnCredential credential;

    FrozenCounterStore(WebAuthnCredentialStore registered, WebAuthnCredential credential) {
        this.registered = registered;
        this.credential = credential;
    }

    @Override
    public boolean add(WebAuthnCredential c) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public Optional<WebAuthnCredential> find(byte[] credentialId) {
        return Arrays.equals(credentialId, credential.credentialId()) ? Optional.of(credential) : Optional.empty();
    }

    @Override
    public List<WebAuthnCredential> list(String user) {
        return credential.user().equals(user) ? List.of(credential) : List.of();
    }

    @Override
    public boolean updateSignCount(byte[] credentialId, long expectedSignCount, long newSignCount, boolean backedUp,
                                   boolean uvPerformed, Instant lastUsedAt) {
        return Arrays.equals(credentialId, credential.credentialId()) && expectedSignCount == credential.signCount();
    }

    @Override
    public boolean rename(String user, byte[] credentialId, String name) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public boolean delete(String user, byte[] credentialId) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public boolean deleteUnlessLast(String user, byte[] credentialId) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public byte[] userHandle(String user, byte[] candidate) {
        return registered.userHandle(user, candidate);
    }

    @Override
    public java.util.Optional<byte[]> findUserHandle(String user) {
        return registered.findUserHandle(user);
    }
}
