package dev.stepwise.mfa.factor.webauthn;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A challenge handed to the browser and kept in the user's session until the answer comes back. Taken out of
 * the session (never just read) when the answer is checked, so each challenge is answered at most once.
 *
 * @param user      who the challenge was issued to; an answer for another user is refused
 * @param challenge the random challenge bytes; copied in and out
 * @param expiresAt the end of its validity (issue time + the configured timeout), exclusive
 */
record PendingCeremony(String user, byte[] challenge, Instant expiresAt) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    PendingCeremony {
        Objects.requireNonNull(user, "user");
        challenge = Objects.requireNonNull(challenge, "challenge").clone();
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public byte[] challenge() {
        return challenge.clone();
    }

    /** Whether this challenge may be answered by {@code answeringUser} at {@code now}. */
    boolean isValidFor(String answeringUser, Instant now) {
        return user.equals(answeringUser) && now.isBefore(expiresAt);
    }

    /** Keeps the challenge bytes out of logs. */
    @Override
    public String toString() {
        return "PendingCeremony[user=" + user + ", expiresAt=" + expiresAt + "]";
    }
}
