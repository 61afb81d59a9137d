package dev.stepwise.mfa.factor.push;

import dev.stepwise.mfa.factor.push.PushResult.Failure;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The built-in {@link PushSender}: Web Push as browsers and installed web apps receive it. One {@code POST} per
 * message to the subscription's endpoint (RFC 8030 §5) with {@code TTL}, {@code Urgency}, optional {@code Topic},
 * the payload encrypted for the user agent (RFC 8291, {@code Content-Encoding: aes128gcm}) and a VAPID
 * {@code Authorization} (RFC 8292) whose token is valid for {@link #TOKEN_LIFETIME}. JDK only: {@code java.net.http}
 * and JDK crypto.
 *
 * <pre>{@code
 * PushSender sender = new WebPushSender(VapidKeys.parse(privateKey, publicKey), "mailto:security@bank.example");
 * PushResult r = sender.send(subscription, PushMessage.of(payload, Duration.ofMinutes(2)));
 * }</pre>
 *
 * <p>Before any request the endpoint passes the {@link PushEndpointPolicy} (strict by default: https, port 443,
 * public addresses only). Redirects are never followed. Nothing is retried: a timeout may have delivered the
 * prompt. Log lines and results name the endpoint's origin and the status only. Thread-safe.
 */
public final class WebPushSender implements PushSender {

    /** How long a VAPID token is valid: half of RFC 8292's 24-hour limit, so clock skew cannot exceed it. */
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(12);
    /** The default time to connect. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The default time for the whole request once connected. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(WebPushSender.class.getName());

    private final VapidKeys keys;
    private final String subject;
    private final PushEndpointPolicy policy;
    private final Duration requestTimeout;
    private final Clock clock;
    private final HttpClient client;
    private final SecureRandom random = new SecureRandom();

    /**
     * A sender with the strict endpoint policy, the default timeouts and the system clock.
     *
     * @param keys    the application server's VAPID keys
     * @param subject the VAPID contact, {@code mailto:} or {@code https:}
     */
    public WebPushSender(VapidKeys keys, String subject) {
        this(keys, subject, PushEndpointPolicy.strict(), CONNECT_TIMEOUT, REQUEST_TIMEOUT, Clock.systemUTC());
    }

    /**
     * A sender with every part given.
     *
     * @param keys           the application server's VAPID keys
     * @param subject        the VAPID contact, {@code mailto:} or {@code https:}
     * @param policy         which endpoints may be contacted
     * @param connectTimeout the time to connect
     * @param requestTimeout the time for the whole request once connected
     * @param clock          for the token's expiry
     * @throws IllegalArgumentException if the subject is not a valid contact or a timeout not positive
     */
    public WebPushSender(VapidKeys keys, String subject, PushEndpointPolicy policy, Duration connectTimeout,
                         Duration requestTimeout, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!Vapid.isValidSubject(subject)) {
            throw new IllegalArgumentException("the VAPID subject is not a mailto: or https: contact");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts are positive");
        }
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public PushResult send(PushSubscription subscription, PushMessage message) {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(message, "message");
        String origin = subscription.origin();
        Optional<String> refusal = policy.refusal(subscription.endpoint());
        if (refusal.isPresent()) {
            return log(origin, new PushResult.Failed(Failure.ENDPOINT_REFUSED, OptionalInt.empty(), refusal.get()));
        }
        HttpRequest request = request(subscription, message);
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            return log(origin, PushStatuses.result(response.statusCode()));
        } catch (HttpConnectTimeoutException e) {
            return log(origin, failed(Failure.CONNECT, "no connection to " + origin + " (connect timeout)"));
        } catch (HttpTimeoutException e) {
            return log(origin, failed(Failure.TIMEOUT, "no answer from " + origin + " within " + requestTimeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return log(origin, failed(Failure.OTHER, "interrupted while sending to " + origin));
        } catch (IOException e) {
            Failure failure = isNoConnection(e) ? Failure.CONNECT : Failure.OTHER;
            return log(origin, failed(failure, "sending to " + origin + " failed (" + e.getClass().getSimpleName()
                    + ")"));
        }
    }

    /** The RFC 8030 request: encrypted body, delivery headers, VAPID authorization. */
    private HttpRequest request(PushSubscription subscription, PushMessage message) {
        byte[] body = WebPushEncryption.encrypt(subscription.p256dh(), subscription.auth(), message.payload(),
                random);
        String authorization = Vapid.authorization(keys, subscription.origin(), subject,
                clock.instant().plus(TOKEN_LIFETIME));
        HttpRequest.Builder builder = HttpRequest.newBuilder(subscription.endpoint())
                .timeout(requestTimeout)
                .header("TTL", Long.toString(message.ttl().getSeconds()))
                .header("Urgency", message.urgency().header())
                .header("Content-Type", "application/octet-stream")
                .header("Content-Encoding", "aes128gcm")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (message.topic() != null) {
            builder.header("Topic", message.topic());
        }
        if ("http".equalsIgnoreCase(subscription.endpoint().getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1); // local testing only (the policy decides): no h2c upgrade
        }
        return builder.build();
    }

    private static PushResult failed(Failure failure, String detail) {
        return new PushResult.Failed(failure, OptionalInt.empty(), detail);
    }

    private static PushResult log(String origin, PushResult result) {
        LOG.log(System.Logger.Level.DEBUG, "Stepwise MFA: push to {0}: {1}", origin, result);
        return result;
    }

    /** Whether the request certainly never reached the push service. */
    private static boolean isNoConnection(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    /** {@return the application server's public key, for the browser's {@code applicationServerKey}} */
    public String applicationServerKey() {
        return keys.publicKey();
    }

    @Override
    public String toString() {
        return "WebPushSender[" + keys + ", " + policy + "]";
    }
}
