package dev.stepwise.mfa.store;

/**
 * The database is reachable but its Stepwise tables do not fit this library: missing (and
 * {@code create-schema} is off), written by a newer release, or the database product is not supported. Thrown at
 * startup so the deployment fails with a message that says what to do.
 *
 * <pre>{@code
 * the Stepwise MFA tables are missing in this database: set create-schema=true or run
 * dev/stepwise/mfa/store/schema-postgresql.sql from the mfa-filter jar
 * }</pre>
 */
public class StoreSchemaException extends RuntimeException {

    /** @param message what is wrong and what to do about it */
    public StoreSchemaException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what to do about it
     * @param cause   the driver's exception
     */
    public StoreSchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
