package dev.stepwise.mfa.event;

import java.util.List;

/**
 * Fired once when the library has read its configuration and opened its store, so an application can seed
 * data that needs it (e.g. demo accounts) without racing the library's own start:
 *
 * <pre>{@code
 * void seed(@Observes MfaStarted started) { accounts.provisionTotp("bob", DEMO_SECRET); }
 * }</pre>
 *
 * <p>Not an audit event.
 *
 * @param factors the factors offered
 */
public record MfaStarted(List<String> factors) {

    /**
     * Copies the mutable components.
     *
     * @param factors the factors offered
     */
    public MfaStarted {
        factors = List.copyOf(factors);
    }
}
