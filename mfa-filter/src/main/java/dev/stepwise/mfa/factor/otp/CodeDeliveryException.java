package dev.stepwise.mfa.factor.otp;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A code could not be delivered (mail server down, SMS gateway refused or timed out). Checked, so every caller
 * decides what the user sees. The message is written for an operator and never contains the code, the message
 * body or a full address; the original exception is named by class only (its message may hold the address or
 * the body), and is deliberately not attached as the cause.
 *
 * <pre>{@code
 * throw new CodeDeliveryException(Reason.REJECTED, "gateway answered HTTP 500", 1, OptionalInt.of(500));
 * }</pre>
 */
public class CodeDeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, coarsely. */
    public enum Reason {
        /** No connection could be made (refused, unreachable, connect timeout, DNS). */
        CONNECT,
        /** Connected, but no answer in time — the message may or may not have gone out. */
        TIMEOUT,
        /** The server answered and refused (SMTP error, HTTP status other than 2xx). */
        REJECTED,
        /** Anything else (bad configuration, unexpected I/O error). */
        OTHER
    }

    /** The reason. */
    private final Reason reason;
    /** The attempts. */
    private final int attempts;
    /** The status. */
    private final int status;

    /**
     * @param reason   what went wrong
     * @param message  for the operator; no code, body or full address
     * @param attempts how many times delivery was tried (≥ 1)
     * @param status   the HTTP or SMTP status the server answered, if any
     */
    public CodeDeliveryException(Reason reason, String message, int attempts, OptionalInt status) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.attempts = attempts;
        this.status = Objects.requireNonNull(status, "status").orElse(-1);
    }

    /**
     * A failure after one attempt without a status.
     *
     * @param reason what went wrong
     * @param message for the operator; no code, body or full address
     */
    public CodeDeliveryException(Reason reason, String message) {
        this(reason, message, 1, OptionalInt.empty());
    }

    /** {@return the reason} */
    public Reason reason() {
        return reason;
    }

    /**
     * Whether a message may have gone out despite the failure: not when no connection was made
     * ({@link Reason#CONNECT}) or the server refused it ({@link Reason#REJECTED}); possibly after a timeout or any
     * other failure. A send that may have delivered keeps its resend cooldown.
     *
     * @return whether a message may have gone out despite the failure: not when no connection was made ({@link Reason#CONNECT}) or the server refused it ({@link Reason#REJECTED}); possibly after a timeout or any other failure
     */
    public boolean mayHaveDelivered() {
        return reason != Reason.CONNECT && reason != Reason.REJECTED;
    }

    /** {@return how many times delivery was tried} */
    public int attempts() {
        return attempts;
    }

    /** {@return the server's status code, if it answered with one} */
    public OptionalInt status() {
        return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }
}
