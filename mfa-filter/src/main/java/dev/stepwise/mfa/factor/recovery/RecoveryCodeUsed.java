package dev.stepwise.mfa.factor.recovery;

import java.time.Instant;
import java.util.Objects;

/**
 * A recovery code was just used to sign in. docs/security-model.md: using one fires an event, so the user can be told
 * (someone else may have their codes) and prompted to regenerate when few are left. The CDI layer turns this
 * into a CDI event.
 *
 * <pre>{@code
 * new RecoveryFactor(store, used -> events.fire(used));
 * }</pre>
 *
 * @param user      who used a code
 * @param remaining unused codes left after this one
 * @param at        when (the challenge's clock)
 */
public record RecoveryCodeUsed(String user, int remaining, Instant at) {

    /**
     * Checks the components.
     * @param user who used a code
     * @param remaining unused codes left after this one
     * @param at when (the challenge's clock)
     */
    public RecoveryCodeUsed {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(at, "at");
        if (remaining < 0) {
            throw new IllegalArgumentException("remaining must not be negative");
        }
    }
}
