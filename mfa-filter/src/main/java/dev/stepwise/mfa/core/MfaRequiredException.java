package dev.stepwise.mfa.core;

import java.util.Objects;

/**
 * Thrown by the interceptor when a {@code @RequiresMfa} or {@code @StepUp} method is called by a caller who
 * has not proven what it asks. The servlet filter and the JAX-RS exception mapper turn it into the same
 * answer as the filter path: a {@code 303} to the challenge page for browsers, a {@code 401} for API clients.
 * Applications normally let it propagate.
 */
public class MfaRequiredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Decision decision;

    /**
     * Creates the MFA required exception from its parts.
     *
     * @param decision the decision
     */
    public MfaRequiredException(Decision decision) {
        super("multi-factor authentication required: " + Objects.requireNonNull(decision, "decision")
                .getClass().getSimpleName(), null, false, false);
        if (decision.isGranted()) {
            throw new IllegalArgumentException("a granted decision is not an error");
        }
        this.decision = decision;
    }

    /**
     * Why the call was refused.
     *
     * @return the decision
     */
    public Decision decision() {
        return decision;
    }

    /**
     * The {@code MfaRequiredException} in {@code t}'s cause chain, or {@code null}.
     *
     * @param t the throwable whose cause chain is searched
     * @return the {@code MfaRequiredException} in {@code t}'s cause chain, or {@code null}
     */
    public static MfaRequiredException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MfaRequiredException m) {
                return m;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
