package dev.stepwise.mfa.core.exemption;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link ExemptionStore} in memory, for development, tests and single-node applications. Thread-safe.
 *
 * <pre>{@code
 * ExemptionStore exemptions = new InMemoryExemptionStore();
 * exemptions.save(MfaExemption.grant("alice", "bob", "lost phone", Duration.ofHours(24), now, max));
 * }</pre>
 */
public final class InMemoryExemptionStore implements ExemptionStore {

    private final Map<String, MfaExemption> byUser = new ConcurrentHashMap<>();

    @Override
    public void save(MfaExemption exemption) {
        Objects.requireNonNull(exemption, "exemption");
        byUser.put(exemption.user(), exemption);
    }

    @Override
    public Optional<MfaExemption> find(String user) {
        return Optional.ofNullable(byUser.get(Objects.requireNonNull(user, "user")));
    }

    @Override
    public boolean revoke(String user) {
        return byUser.remove(Objects.requireNonNull(user, "user")) != null;
    }

    @Override
    public List<MfaExemption> list() {
        return byUser.values().stream().sorted(Comparator.comparing(MfaExemption::user)).toList();
    }

    @Override
    public int deleteEndedBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        int removed = 0;
        for (Map.Entry<String, MfaExemption> e : byUser.entrySet()) {
            // remove(key, value): an exemption replaced in the meantime stays
            if (!e.getValue().until().isAfter(cutoff) && byUser.remove(e.getKey(), e.getValue())) {
                removed++;
            }
        }
        return removed;
    }
}
