package dev.stepwise.mfa.factor.webauthn;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link WebAuthnCredentialStore} in memory: for tests and single-node demos. Lost on restart and not shared
 * between nodes.
 *
 * <pre>{@code
 * WebAuthnFactor webauthn = new WebAuthnFactor(config, new InMemoryWebAuthnCredentialStore(), warning -> { });
 * }</pre>
 *
 * <p>Thread-safe: every check-and-change runs inside one {@link ConcurrentHashMap} atomic operation on the
 * credential's key ({@code putIfAbsent}, {@code computeIfPresent}), so two threads can never both win the
 * same compare-and-set; removals also hold one lock, so that {@link #deleteUnlessLast} cannot race another removal.
 */
public final class InMemoryWebAuthnCredentialStore implements WebAuthnCredentialStore {

    /** Keyed by the credential id; a read-only {@link ByteBuffer} over a private copy compares by content. */
    private final ConcurrentMap<ByteBuffer, WebAuthnCredential> credentials = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, byte[]> userHandles = new ConcurrentHashMap<>();
    /** Held by every removal, so that "unless it is the last" holds against concurrent removals. */
    private final Object removals = new Object();

    private static ByteBuffer key(byte[] credentialId) {
        Objects.requireNonNull(credentialId, "credentialId");
        return ByteBuffer.wrap(credentialId.clone()).asReadOnlyBuffer();
    }

    @Override
    public boolean add(WebAuthnCredential credential) {
        Objects.requireNonNull(credential, "credential");
        return credentials.putIfAbsent(key(credential.credentialId()), credential) == null;
    }

    @Override
    public Optional<WebAuthnCredential> find(byte[] credentialId) {
        return Optional.ofNullable(credentials.get(key(credentialId)));
    }

    @Override
    public List<WebAuthnCredential> list(String user) {
        Objects.requireNonNull(user, "user");
        return credentials.values().stream()
                .filter(c -> c.user().equals(user))
                .sorted(Comparator.comparing(WebAuthnCredential::createdAt)
                        .thenComparing(WebAuthnCredential::credentialIdBase64Url))
                .toList();
    }

    @Override
    public boolean updateSignCount(byte[] credentialId, long expectedSignCount, long newSignCount, boolean backedUp,
                                   boolean uvPerformed, Instant lastUsedAt) {
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        boolean[] updated = {false};
        // computeIfPresent runs atomically per key: the compare and the set cannot interleave with another call
        credentials.computeIfPresent(key(credentialId), (k, current) -> {
            if (current.signCount() != expectedSignCount) {
                return current;
            }
            updated[0] = true;
            return current.used(newSignCount, backedUp, uvPerformed, lastUsedAt);
        });
        return updated[0];
    }

    @Override
    public boolean rename(String user, byte[] credentialId, String name) {
        Objects.requireNonNull(user, "user");
        String checked = WebAuthnCredential.checkName(name);
        boolean[] renamed = {false};
        credentials.computeIfPresent(key(credentialId), (k, current) -> {
            if (!current.user().equals(user)) {
                return current;
            }
            renamed[0] = true;
            return current.renamed(checked);
        });
        return renamed[0];
    }

    @Override
    public boolean delete(String user, byte[] credentialId) {
        synchronized (removals) {
            return deleteOwned(user, credentialId);
        }
    }

    /** Under {@link #removals}: no other removal of this store can run between the count and the delete. */
    @Override
    public boolean deleteUnlessLast(String user, byte[] credentialId) {
        Objects.requireNonNull(user, "user");
        synchronized (removals) {
            return list(user).size() > 1 && deleteOwned(user, credentialId);
        }
    }

    private boolean deleteOwned(String user, byte[] credentialId) {
        Objects.requireNonNull(user, "user");
        boolean[] deleted = {false};
        credentials.computeIfPresent(key(credentialId), (k, current) -> {
            if (!current.user().equals(user)) {
                return current;
            }
            deleted[0] = true;
            return null;
        });
        return deleted[0];
    }

    @Override
    public byte[] userHandle(String user, byte[] candidate) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(candidate, "candidate");
        return userHandles.computeIfAbsent(user, u -> candidate.clone()).clone();
    }

    @Override
    public Optional<byte[]> findUserHandle(String user) {
        Objects.requireNonNull(user, "user");
        byte[] handle = userHandles.get(user);
        return handle == null ? Optional.empty() : Optional.of(handle.clone());
    }
}
