package dev.stepwise.mfa.factor.push;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * A browser's push subscription, as {@code PushSubscription.toJSON()} gives it: the push service's endpoint URL and
 * the user agent's keys for message encryption (RFC 8291 §2). Checked on creation: the endpoint is an absolute URL
 * of at most {@value #MAX_ENDPOINT_LENGTH} characters, {@code p256dh} a P-256 point, {@code auth} 16 octets.
 * Whether the endpoint may be contacted at all is for {@link PushEndpointPolicy} to say, at registration and again
 * before each send. {@link #toString()} shows the endpoint's origin only: the rest of the URL identifies the
 * subscription.
 *
 * <pre>{@code
 * // {"endpoint":"https://push.example.net/s/abc","keys":{"p256dh":"BCVx…","auth":"BTBZ…"}}
 * PushSubscription s = PushSubscription.of(json.endpoint, json.keys.p256dh, json.keys.auth);
 * }</pre>
 *
 * @param endpoint the push resource URL (RFC 8030 §4)
 * @param p256dh   the user agent's public key, the 65-octet uncompressed P-256 point
 * @param auth     the user agent's authentication secret, 16 octets
 */
public record PushSubscription(URI endpoint, byte[] p256dh, byte[] auth) {

    /** The longest endpoint accepted, in characters. */
    public static final int MAX_ENDPOINT_LENGTH = 2048;

    /**
     * Checks the components and copies the arrays.
     *
     * @param endpoint the push resource URL (RFC 8030 §4)
     * @param p256dh   the user agent's public key, the 65-octet uncompressed P-256 point
     * @param auth     the user agent's authentication secret, 16 octets
     * @throws IllegalArgumentException if a component is not what a browser gives; the message shows no value
     */
    public PushSubscription {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(p256dh, "p256dh");
        Objects.requireNonNull(auth, "auth");
        if (!endpoint.isAbsolute() || endpoint.isOpaque() || endpoint.getHost() == null
                || endpoint.toString().length() > MAX_ENDPOINT_LENGTH) {
            throw new IllegalArgumentException("the endpoint is not an absolute URL of at most "
                    + MAX_ENDPOINT_LENGTH + " characters with a host");
        }
        P256.publicKey(p256dh);
        if (auth.length != WebPushEncryption.AUTH_BYTES) {
            throw new IllegalArgumentException("the auth secret is not 16 octets");
        }
        p256dh = p256dh.clone();
        auth = auth.clone();
    }

    /**
     * The subscription of a browser's JSON: the endpoint and the base64url keys.
     *
     * @param endpoint the endpoint URL
     * @param p256dh   {@code keys.p256dh}, base64url
     * @param auth     {@code keys.auth}, base64url
     * @return the subscription
     * @throws IllegalArgumentException if any part is malformed; the message shows no value
     */
    public static PushSubscription of(String endpoint, String p256dh, String auth) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.length() > MAX_ENDPOINT_LENGTH) {
            throw new IllegalArgumentException("the endpoint is longer than " + MAX_ENDPOINT_LENGTH + " characters");
        }
        try {
            return new PushSubscription(new URI(endpoint), base64url(p256dh, "p256dh"), base64url(auth, "auth"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the endpoint is not a URL");
        }
    }

    private static byte[] base64url(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.length() > 128) {
            throw new IllegalArgumentException(name + " is too long");
        }
        try {
            return Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not base64url");
        }
    }

    /** {@return the user agent's public key (a copy)} */
    @Override
    public byte[] p256dh() {
        return p256dh.clone();
    }

    /** {@return the authentication secret (a copy)} */
    @Override
    public byte[] auth() {
        return auth.clone();
    }

    /** {@return the endpoint's origin, e.g. {@code https://push.example.net}, as the VAPID audience names it} */
    public String origin() {
        return origin(endpoint);
    }

    /** {@return {@code scheme://host[:port]} of {@code uri}, the port only when it is not the scheme's default} */
    static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443)
                || ("http".equals(scheme) && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PushSubscription s && endpoint.equals(s.endpoint) && Arrays.equals(p256dh, s.p256dh)
                && Arrays.equals(auth, s.auth);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, Arrays.hashCode(p256dh), Arrays.hashCode(auth));
    }

    @Override
    public String toString() {
        return "PushSubscription[" + origin() + "]";
    }
}
