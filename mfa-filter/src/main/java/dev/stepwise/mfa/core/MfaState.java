package dev.stepwise.mfa.core;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one user session has proven so far. Immutable: each change returns a new state, which the adapter
 * stores back in the session (so replicated sessions see whole values, never half an update).
 *
 * @param user          the principal this state belongs to; a state of another user is never used
 * @param primaryAuthAt when the adapter first saw this principal in this session
 * @param verifiedAt    factor id → when it was last verified in this session
 * @param trust         a verified "trust this device" cookie, or {@code null}
 * @param loginCleared  the login policy was evaluated and asked nothing of this session
 */
public record MfaState(String user, Instant primaryAuthAt, Map<String, Instant> verifiedAt,
                       TrustedDeviceGrant trust, boolean loginCleared) implements Serializable {

    public MfaState {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(primaryAuthAt, "primaryAuthAt");
        verifiedAt = Map.copyOf(Objects.requireNonNull(verifiedAt, "verifiedAt"));
    }

    /** A fresh state for a user who has just passed primary authentication. */
    public static MfaState start(String user, Instant primaryAuthAt) {
        return new MfaState(user, primaryAuthAt, Map.of(), null, false);
    }

    /** This state with {@code factorId} verified at {@code at}. */
    public MfaState withVerified(String factorId, Instant at) {
        Map<String, Instant> copy = new HashMap<>(verifiedAt);
        copy.put(Objects.requireNonNull(factorId, "factorId"), Objects.requireNonNull(at, "at"));
        return new MfaState(user, primaryAuthAt, copy, trust, loginCleared);
    }

    /** This state with a verified trusted-device grant (or none). */
    public MfaState withTrust(TrustedDeviceGrant grant) {
        return new MfaState(user, primaryAuthAt, verifiedAt, grant, loginCleared);
    }

    /** This state remembering that the login policy asked nothing of it. */
    public MfaState withLoginCleared() {
        return loginCleared ? this : new MfaState(user, primaryAuthAt, verifiedAt, trust, true);
    }

    /** The latest verification among {@code factorIds}, if any of them was verified in this session. */
    public Optional<Instant> lastVerified(Collection<String> factorIds) {
        Instant latest = null;
        for (String id : factorIds) {
            Instant at = verifiedAt.get(id);
            if (at != null && (latest == null || at.isAfter(latest))) {
                latest = at;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** Whether any factor at all was verified in this session. */
    public boolean anyVerified() {
        return !verifiedAt.isEmpty();
    }
}
