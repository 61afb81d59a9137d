package dev.stepwise.mfa.factor.otp;

import java.time.Instant;
import java.util.Objects;

/**
 * When the pending code of a (user, channel) was sent and until when it is valid: what the resend cooldown and
 * the challenge page need to know, without the code hash.
 *
 * <pre>{@code
 * store.lastIssue("alice", "email")
 *      .filter(issue -> issue.isLiveAt(clock.instant()))
 *      .ifPresent(issue -> ...);   // "a code was sent to a***@example.com"
 * }</pre>
 *
 * @param issuedAt  when the code was sent
 * @param expiresAt when it stops being accepted
 */
public record CodeIssue(Instant issuedAt, Instant expiresAt) {

    /**
     * Checks the components.
     * @param issuedAt when the code was sent
     * @param expiresAt when it stops being accepted
     */
    public CodeIssue {
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Whether a code issued so is still accepted at {@code now} (expiry is exclusive).
     *
     * @param now the current instant
     * @return whether a code issued so is still accepted at {@code now} (expiry is exclusive)
     */
    public boolean isLiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
