package dev.stepwise.mfa.store;

/**
 * The store could not be read or written: the database is down, unreachable, rejects the connection, or a
 * statement failed. Callers must fail closed (docs/security-model.md "Failure behaviour"): grant nothing, show the user a
 * "try again later" page and log this for the operator.
 *
 * <p>The message names the operation and the SQLState only; it never contains a user's secret, code, hash or
 * cookie value. The cause is the driver's exception, for the operator's log.
 *
 * <pre>{@code
 * try {
 *     state = throttle.check(user);
 * } catch (StoreUnavailableException e) {
 *     LOG.log(WARNING, "MFA store unavailable", e);
 *     return Verification.unavailable("stepwise.mfa.error.store");
 * }
 * }</pre>
 */
public class StoreUnavailableException extends RuntimeException {

    /**
     * @param message what could not be done, without any secret
     * @param cause   the driver's exception, or {@code null}
     */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
