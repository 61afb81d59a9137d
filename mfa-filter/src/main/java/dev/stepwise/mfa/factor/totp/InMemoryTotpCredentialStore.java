package dev.stepwise.mfa.factor.totp;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link TotpCredentialStore} in memory: for tests and single-node demos. Lost on restart and not shared
 * between nodes, so it is no replay guard for a cluster.
 *
 * <pre>{@code
 * TotpFactor totp = new TotpFactor(new InMemoryTotpCredentialStore(), Clock.systemUTC(), TotpSettings.defaults());
 * }</pre>
 */
public final class InMemoryTotpCredentialStore implements TotpCredentialStore {

    private final ConcurrentMap<String, TotpCredential> credentials = new ConcurrentHashMap<>();

    @Override
    public Optional<TotpCredential> find(String user) {
        return Optional.ofNullable(credentials.get(Objects.requireNonNull(user, "user")));
    }

    @Override
    public void save(TotpCredential credential) {
        credentials.put(credential.user(), credential);
    }

    @Override
    public boolean saveUnlessActive(TotpCredential credential) {
        Objects.requireNonNull(credential, "credential");
        boolean[] saved = {false};
        // ConcurrentHashMap.compute runs atomically per key: the check and the set cannot interleave
        credentials.compute(credential.user(), (key, current) -> {
            if (current != null && current.active()) {
                return current;
            }
            saved[0] = true;
            return credential;
        });
        return saved[0];
    }

    @Override
    public boolean activatePending(TotpCredential pending, long acceptedStep) {
        Objects.requireNonNull(pending, "pending");
        boolean[] activated = {false};
        credentials.computeIfPresent(pending.user(), (key, current) -> {
            if (current.active() || !current.secret().equals(pending.secret())) {
                return current;
            }
            activated[0] = true;
            return current.activated(acceptedStep);
        });
        return activated[0];
    }

    @Override
    public void delete(String user) {
        credentials.remove(Objects.requireNonNull(user, "user"));
    }

    @Override
    public boolean advanceLastStep(String user, long step) {
        Objects.requireNonNull(user, "user");
        boolean[] advanced = {false};
        // ConcurrentHashMap.compute runs atomically per key: the check and the set cannot interleave
        credentials.computeIfPresent(user, (key, current) -> {
            if (step > current.lastStep()) {
                advanced[0] = true;
                return current.withLastStep(step);
            }
            return current;
        });
        return advanced[0];
    }
}
