package dev.stepwise.mfa.factor.push;

import dev.stepwise.mfa.core.ApprovalRules;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Push approvals in memory, for tests and a single node; every change is atomic per user. */
public final class InMemoryPushApprovalStore implements PushApprovalStore {

    private final ConcurrentMap<String, PushApproval> byUser = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryPushApprovalStore() {
    }

    @Override
    public void put(PushApproval approval) {
        Objects.requireNonNull(approval, "approval");
        byUser.put(approval.user(), approval);
    }

    @Override
    public boolean putUnlessPending(PushApproval approval, Instant keepPendingAfter) {
        Objects.requireNonNull(approval, "approval");
        Objects.requireNonNull(keepPendingAfter, "keepPendingAfter");
        boolean[] stored = {false};
        byUser.compute(approval.user(), (user, last) -> {
            if (last != null && last.state() == ApprovalRules.State.PENDING
                    && last.expiresAt().isAfter(keepPendingAfter)) {
                return last;
            }
            stored[0] = true;
            return approval;
        });
        return stored[0];
    }

    @Override
    public Optional<PushApproval> byToken(String tokenHash) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        return byUser.values().stream().filter(a -> a.tokenHash().equals(tokenHash)).findFirst();
    }

    @Override
    public Optional<PushApproval> of(String user) {
        return Optional.ofNullable(byUser.get(Objects.requireNonNull(user, "user")));
    }

    @Override
    public boolean decide(String tokenHash, ApprovalRules.State to, Instant now) {
        Objects.requireNonNull(now, "now");
        Optional<PushApproval> found = byToken(tokenHash);
        if (found.isEmpty()) {
            return false;
        }
        PushApproval a = found.get();
        return a.state() == ApprovalRules.State.PENDING && now.isBefore(a.expiresAt())
                && byUser.replace(a.user(), a, with(a, to));
    }

    @Override
    public boolean use(String user, String sessionHash, Instant now) {
        Objects.requireNonNull(sessionHash, "sessionHash");
        Optional<PushApproval> found = of(user);
        if (found.isEmpty()) {
            return false;
        }
        PushApproval a = found.get();
        return a.state() == ApprovalRules.State.APPROVED && a.sessionHash().equals(sessionHash)
                && now.isBefore(a.expiresAt()) && byUser.replace(user, a, with(a, ApprovalRules.State.USED));
    }

    private static PushApproval with(PushApproval a, ApprovalRules.State state) {
        return new PushApproval(a.user(), a.tokenHash(), a.sessionHash(), a.choices(), state, a.expiresAt());
    }

    @Override
    public void remove(String user) {
        byUser.remove(Objects.requireNonNull(user, "user"));
    }

    @Override
    public int purgeExpired(Instant now) {
        int before = byUser.size();
        byUser.values().removeIf(a -> !now.isBefore(a.expiresAt()));
        return Math.max(0, before - byUser.size());
    }
}
