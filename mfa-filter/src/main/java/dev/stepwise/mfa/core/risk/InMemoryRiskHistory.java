package dev.stepwise.mfa.core.risk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RiskHistory} in memory, for development, tests and single-node applications that accept losing it on
 * restart (everyone's devices become new once). Thread-safe: each entry is updated atomically with
 * {@link ConcurrentHashMap#merge}.
 *
 * <pre>{@code
 * RiskHistory history = new InMemoryRiskHistory();
 * history.recordLogin(context);
 * history.forgetBefore(clock.instant().minus(settings.memory()));   // from a timer, now and then
 * }</pre>
 */
public final class InMemoryRiskHistory implements RiskHistory {

    private record Key(String user, Kind kind, String value) {
    }

    private final Map<Key, Instant> entries = new ConcurrentHashMap<>();
    private final Map<String, List<SignIn>> signIns = new ConcurrentHashMap<>();

    @Override
    public List<SignIn> signIns(String user) {
        return signIns.getOrDefault(Objects.requireNonNull(user, "user"), List.of());
    }

    @Override
    public void recordSignIn(String user, SignIn signIn) {
        Objects.requireNonNull(signIn, "signIn");
        signIns.merge(Objects.requireNonNull(user, "user"), List.of(signIn), (old, one) -> {
            List<SignIn> all = new ArrayList<>(old);
            all.add(signIn);
            all.sort(Comparator.comparing(SignIn::at).reversed());
            return List.copyOf(all.subList(0, Math.min(all.size(), MAX_SIGN_INS)));
        });
    }

    @Override
    public Optional<Instant> lastSeen(String user, Kind kind, String value) {
        return Optional.ofNullable(entries.get(key(user, kind, value)));
    }

    @Override
    public void record(String user, Kind kind, String value, Instant at) {
        Objects.requireNonNull(at, "at");
        entries.merge(key(user, kind, value), at, (old, now) -> now.isAfter(old) ? now : old);
    }

    @Override
    public int forgetBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        int removed = 0;
        for (Map.Entry<Key, Instant> e : entries.entrySet()) {
            // remove(key, value): an entry refreshed by a concurrent sign-in in the meantime stays
            if (e.getKey().kind() != Kind.LOGIN && e.getValue().isBefore(cutoff)
                    && entries.remove(e.getKey(), e.getValue())) {
                removed++;
            }
        }
        for (String user : signIns.keySet()) {
            signIns.computeIfPresent(user, (u, list) -> {
                List<SignIn> kept = list.stream().filter(x -> !x.at().isBefore(cutoff)).toList();
                return kept.isEmpty() ? null : kept;
            });
        }
        return removed;
    }

    @Override
    public void forget(String user) {
        Objects.requireNonNull(user, "user");
        entries.keySet().removeIf(k -> k.user().equals(user));
        signIns.remove(user);
    }

    private static Key key(String user, Kind kind, String value) {
        return new Key(Objects.requireNonNull(user, "user"), Objects.requireNonNull(kind, "kind"),
                Objects.requireNonNull(value, "value"));
    }
}
