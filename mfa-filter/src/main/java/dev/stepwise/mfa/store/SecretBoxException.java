package dev.stepwise.mfa.store;

/**
 * A sealed value did not open: it was altered, sealed with another key, or belongs to another owner or purpose.
 * For a stored secret this means tampering or a wrong key configuration; fail closed. The message says which
 * check failed, never the value.
 *
 * <pre>{@code
 * box.open(sealedForAlice, "bob", "totp");   // throws SecretBoxException
 * }</pre>
 */
public class SecretBoxException extends RuntimeException {

    /** @param message which check failed */
    public SecretBoxException(String message) {
        super(message);
    }
}
