package dev.stepwise.mfa.factor.push;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What became of one push: accepted by the push service, the subscription gone (delete it), refused, or not
 * delivered for a fault. Details name statuses and causes, never the payload, the keys or the endpoint's path.
 *
 * <pre>{@code
 * PushResult result = sender.send(subscription, message);
 * if (result.delivered()) {
 *     showWaitingPage();
 * } else {
 *     if (result instanceof PushResult.Gone) {
 *         subscriptions.delete(subscription);
 *     }
 *     offerAnotherFactor();       // Rejected or Failed: log result, it holds no secret
 * }
 * }</pre>
 */
public sealed interface PushResult {

    /**
     * The push service accepted the message (RFC 8030 §5: {@code 201 Created}); the device gets it when it is
     * reachable within the TTL.
     *
     * @param status the HTTP status, 2xx
     */
    record Delivered(int status) implements PushResult {
    }

    /**
     * The subscription no longer exists (404 or 410, RFC 8030 §7.3 and §6.2): the user unsubscribed, cleared the
     * site's data, or it expired. Delete it; never send to it again.
     *
     * @param status 404 or 410
     */
    record Gone(int status) implements PushResult {
    }

    /**
     * The push service refused this message and sending it again unchanged will not help, except where
     * {@link #retryLater()} says so (429: too many messages).
     *
     * @param status the HTTP status, e.g. 400, 401, 403 (VAPID key not the one subscribed with), 413, 429
     * @param reason what the status means, for the log
     */
    record Rejected(int status, String reason) implements PushResult {
        /**
         * Checks the components.
         *
         * @param status the HTTP status
         * @param reason what the status means
         */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }

        /** {@return whether the push service asked to slow down (429) rather than refused for good} */
        public boolean retryLater() {
            return status == 429;
        }
    }

    /**
     * Not delivered for a fault, or not sent at all ({@link Failure#ENDPOINT_REFUSED}).
     *
     * @param failure what went wrong
     * @param status  the HTTP status when the push service answered with an error (5xx), else empty
     * @param detail  what happened, for the log (never a secret or the payload)
     */
    record Failed(Failure failure, OptionalInt status, String detail) implements PushResult {
        /**
         * Checks the components.
         *
         * @param failure what went wrong
         * @param status  the HTTP status, or empty
         * @param detail  what happened
         */
        public Failed {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why a push was not delivered. */
    enum Failure {
        /** The endpoint may not be contacted (not https, a loopback or private address): nothing was sent. */
        ENDPOINT_REFUSED,
        /** No connection to the push service: nothing was sent. */
        CONNECT,
        /** Connected, but no answer in time: the push service may have taken the message. */
        TIMEOUT,
        /** The push service answered with a server error (5xx); a later try may work. */
        SERVICE_ERROR,
        /** Anything else (an I/O error mid-request, an interrupted thread). */
        OTHER
    }

    /** {@return whether the message was accepted} */
    default boolean delivered() {
        return this instanceof Delivered;
    }
}
