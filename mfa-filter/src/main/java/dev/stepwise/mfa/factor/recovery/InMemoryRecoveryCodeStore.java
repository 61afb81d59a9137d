package dev.stepwise.mfa.factor.recovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link RecoveryCodeStore} in memory: for tests and single-node demos; lost on restart.
 *
 * <p>Each user's codes are an immutable map swapped with {@link ConcurrentHashMap#compute}, so
 * {@link #consume} and {@link #replaceAll} are atomic with respect to each other: a code consumed concurrently
 * with a regeneration is either consumed from the old set before it is replaced, or not found.
 *
 * <pre>{@code
 * RecoveryFactor recovery = new RecoveryFactor(new InMemoryRecoveryCodeStore(), used -> { });
 * }</pre>
 */
public final class InMemoryRecoveryCodeStore implements RecoveryCodeStore {

    private final ConcurrentMap<String, Map<String, RecoveryCodeHash>> codes = new ConcurrentHashMap<>();

    @Override
    public void replaceAll(String user, List<RecoveryCodeHash> hashes) {
        Objects.requireNonNull(user, "user");
        Map<String, RecoveryCodeHash> fresh = new LinkedHashMap<>();
        for (RecoveryCodeHash hash : hashes) {
            if (fresh.put(hash.id(), hash) != null) {
                throw new IllegalArgumentException("duplicate recovery code id");
            }
        }
        if (fresh.isEmpty()) {
            codes.remove(user);
        } else {
            codes.put(user, Map.copyOf(fresh));
        }
    }

    @Override
    public List<RecoveryCodeHash> list(String user) {
        Map<String, RecoveryCodeHash> set = codes.get(Objects.requireNonNull(user, "user"));
        return set == null ? List.of() : List.copyOf(set.values());
    }

    @Override
    public boolean consume(String user, String hashId) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(hashId, "hashId");
        boolean[] consumed = {false};
        // compute runs atomically per user: check-and-remove cannot interleave with another consume or a replace
        codes.computeIfPresent(user, (key, set) -> {
            if (!set.containsKey(hashId)) {
                return set;
            }
            consumed[0] = true;
            Map<String, RecoveryCodeHash> rest = new LinkedHashMap<>(set);
            rest.remove(hashId);
            return rest.isEmpty() ? null : Map.copyOf(rest);
        });
        return consumed[0];
    }

    @Override
    public int remaining(String user) {
        Map<String, RecoveryCodeHash> set = codes.get(Objects.requireNonNull(user, "user"));
        return set == null ? 0 : set.size();
    }
}
