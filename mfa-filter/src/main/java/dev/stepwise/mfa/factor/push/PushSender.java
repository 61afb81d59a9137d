package dev.stepwise.mfa.factor.push;

/**
 * Delivers a small payload to a user's push subscription. The library ships {@link WebPushSender} (Web Push,
 * RFC 8030/8291/8292); an application may provide its own, e.g. for a native app through its vendor's service.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class NativeAppPushSender implements PushSender {
 *     public PushResult send(PushSubscription s, PushMessage m) {
 *         // hand m.payload() to the vendor's SDK; map its answer:
 *         return new PushResult.Delivered(201);
 *     }
 * }
 * }</pre>
 *
 * <p>Rules for implementations: thread-safe; report outcomes as a {@link PushResult}, never by throwing for an
 * answer of the push service; bound every network call with timeouts; check the endpoint before contacting it
 * (it comes from a browser: {@link PushEndpointPolicy}); never retry after a timeout (the user could get two
 * prompts); never log or put into a result the payload, the subscription's keys or the endpoint's path.
 */
public interface PushSender {

    /**
     * Sends {@code message} to {@code subscription}.
     *
     * @param subscription where to
     * @param message      what
     * @return what became of it
     */
    PushResult send(PushSubscription subscription, PushMessage message);
}
