package dev.stepwise.mfa.store;

/**
 * The database is reachable but its Stepwise tables do not fit this library: versions missing (and
 * {@code create-schema} does not migrate), written by a newer release, a version left failed half-way, an applied
 * script that this jar has edited, a migration script that failed, or the database product is not supported.
 * Thrown at startup so the deployment fails with a message that says what to do (docs/schema-migrations.md).
 *
 * <pre>{@code
 * the Stepwise MFA schema cannot be used: missing version 5 (dev/stepwise/mfa/store/migration/postgresql/
 * V5__code_send_reservation.sql in the mfa-filter jar); run the missing scripts in order (or set
 * create-schema=true); docs/schema-migrations.md
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
