package dev.stepwise.mfa.core;

/**
 * The library could not decide whether a {@code @RequiresMfa} or {@code @StepUp} method may run: its store could
 * not be reached, or the library or code it calls failed while deciding. The method did not run (fail closed).
 * The servlet filter and the JAX-RS exception mapper turn it into the library's answer, as for a failure of the
 * filter's own decision: 503 when the store is unreachable, else 500; the operator gets one log line. Applications
 * normally let it propagate.
 */
public class MfaCheckFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param failure what failed while deciding (never the application's method: it did not run) */
    public MfaCheckFailedException(Throwable failure) {
        super("Stepwise MFA could not decide whether the protected method may run", failure);
    }

    /**
     * The {@code MfaCheckFailedException} in {@code t}'s cause chain, or {@code null}.
     *
     * @param t the throwable whose cause chain is searched
     * @return the {@code MfaCheckFailedException} in {@code t}'s cause chain, or {@code null}
     */
    public static MfaCheckFailedException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MfaCheckFailedException f) {
                return f;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
