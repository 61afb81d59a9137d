package dev.stepwise.mfa.factor.sms;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How {@link HttpGatewayCodeSender} talks to an SMS/voice gateway: one {@code POST} per code to {@code url} with
 * a body rendered from {@code bodyTemplate}. Validated when built; {@link #toString()} hides the credential.
 *
 * <p>Placeholders in the template: {@code {to}} (E.164 number), {@code {message}} (the localised text, which
 * contains the code), {@code {code}} (the digits alone), {@code {channel}} ({@code sms} or {@code voice}). Values
 * are escaped for the content type: JSON string escaping for {@code application/json} and {@code +json} (the
 * template supplies the quotes), URL-encoding for {@code application/x-www-form-urlencoded}, XML escaping for
 * XML types, nothing for anything else.
 *
 * <pre>{@code
 * HttpGatewaySettings gateway = new HttpGatewaySettings(
 *         URI.create("https://sms.example.net/v1/messages"),
 *         "Authorization", "Bearer " + System.getenv("SMS_TOKEN"),
 *         "application/json",
 *         "{\"to\":\"{to}\",\"text\":\"{message}\",\"type\":\"{channel}\"}",
 *         Duration.ofSeconds(3), Duration.ofSeconds(10), 3, EnumSet.of(PhoneChannel.SMS, PhoneChannel.VOICE));
 * }</pre>
 *
 * @param url                 the gateway endpoint; {@code https}, or {@code http} to a loopback address only
 * @param authHeaderName      header carrying the credential, e.g. {@code Authorization} or {@code X-API-Key};
 *                            empty for none
 * @param authHeaderValue     its value, e.g. {@code Bearer …}; empty for none; no line breaks
 * @param contentType         the {@code Content-Type} of the body, e.g. {@code application/json}
 * @param bodyTemplate        the body with placeholders; must contain {@code {code}} or {@code {message}}
 * @param connectTimeout      bound on establishing the connection (1 ms – 60 s)
 * @param requestTimeout      bound on waiting for the answer once connected (1 ms – 60 s)
 * @param maxConnectAttempts  tries when no connection can be made, 1–5; other failures are never retried
 * @param channels            which channels the gateway serves (at least one)
 */
public record HttpGatewaySettings(URI url, String authHeaderName, String authHeaderValue, String contentType,
                                  String bodyTemplate, Duration connectTimeout, Duration requestTimeout,
                                  int maxConnectAttempts, Set<PhoneChannel> channels) {

    /** The most connection attempts allowed. */
    public static final int MAX_CONNECT_ATTEMPTS = 5;
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");   // RFC 9110 §5.6.2
    /** Headers java.net.http sets itself and refuses to take from us. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "content-type");

    /**
     * Checks the components.
     * @param url the gateway endpoint; {@code https}, or {@code http} to a loopback address only
     * @param authHeaderName header carrying the credential, e.g. {@code Authorization} or {@code X-API-Key}; empty for none
     * @param authHeaderValue its value, e.g. {@code Bearer …}; empty for none; no line breaks
     * @param contentType the {@code Content-Type} of the body, e.g. {@code application/json}
     * @param bodyTemplate the body with placeholders; must contain {@code {code}} or {@code {message}}
     * @param connectTimeout bound on establishing the connection (1 ms – 60 s)
     * @param requestTimeout bound on waiting for the answer once connected (1 ms – 60 s)
     * @param maxConnectAttempts tries when no connection can be made, 1–5; other failures are never retried
     * @param channels which channels the gateway serves (at least one)
     */
    public HttpGatewaySettings {
        Objects.requireNonNull(url, "url");
        authHeaderName = authHeaderName == null ? "" : authHeaderName.strip();
        authHeaderValue = authHeaderValue == null ? "" : authHeaderValue;
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(bodyTemplate, "bodyTemplate");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(channels, "channels");

        checkUrl(url);
        checkAuthHeader(authHeaderName, authHeaderValue);
        if (contentType.isBlank() || contentType.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("contentType must be a media type, was " + contentType);
        }
        if (!bodyTemplate.contains("{code}") && !bodyTemplate.contains("{message}")) {
            throw new IllegalArgumentException("bodyTemplate must contain {code} or {message}");
        }
        checkTimeout("connectTimeout", connectTimeout);
        checkTimeout("requestTimeout", requestTimeout);
        if (maxConnectAttempts < 1 || maxConnectAttempts > MAX_CONNECT_ATTEMPTS) {
            throw new IllegalArgumentException("maxConnectAttempts must be 1 to " + MAX_CONNECT_ATTEMPTS + ", was "
                    + maxConnectAttempts);
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("channels must name at least one of sms, voice");
        }
        channels = Set.copyOf(EnumSet.copyOf(channels));
    }

    private static void checkUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("url must be an absolute https URL, was " + safe(url));
        }
        if (scheme.equals("http") && !isLoopback(url.getHost())) {
            // the body carries the code and the header the credential: cleartext only to this machine
            throw new IllegalArgumentException("url must use https (http is allowed to loopback only), was "
                    + safe(url));
        }
    }

    private static void checkAuthHeader(String name, String value) {
        if (name.isEmpty() != value.isEmpty()) {
            throw new IllegalArgumentException("authHeaderName and authHeaderValue go together");
        }
        if (!name.isEmpty() && (!TOKEN.matcher(name).matches()
                || RESTRICTED.contains(name.toLowerCase(Locale.ROOT)))) {
            throw new IllegalArgumentException("authHeaderName is not a usable header name: " + name);
        }
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            throw new IllegalArgumentException("authHeaderValue must not contain control characters");
        }
    }

    /**
     * JSON body, {@code Authorization} header, 3 s to connect, 10 s to answer, 3 connection attempts, SMS only.
     *
     * @param url the gateway endpoint; {@code https}, or {@code http} to a loopback address only
     * @param authorization the authorization
     * @param bodyTemplate the body with placeholders; must contain {@code {code}} or {@code {message}}
     * @return the HTTP gateway settings
     */
    public static HttpGatewaySettings json(URI url, String authorization, String bodyTemplate) {
        return new HttpGatewaySettings(url, authorization == null || authorization.isEmpty() ? "" : "Authorization",
                authorization, "application/json", bodyTemplate, Duration.ofSeconds(3), Duration.ofSeconds(10), 3,
                EnumSet.of(PhoneChannel.SMS));
    }

    private static void checkTimeout(String name, Duration d) {
        if (d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(name + " must be more than 0 and at most 60 s, was " + d);
        }
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;   // a name: no DNS lookup at configuration time
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();   // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The URL without user info, query or fragment, which may carry credentials. */
    static String safe(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme() + "://";
        String host = url.getHost() == null ? "?" : url.getHost();
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return scheme + host + port + path;
    }

    @Override
    public String toString() {
        return "HttpGatewaySettings[url=" + safe(url) + ", auth=" + (authHeaderName.isEmpty() ? "none"
                : authHeaderName + ": (hidden)") + ", contentType=" + contentType + ", connectTimeout="
                + connectTimeout + ", requestTimeout=" + requestTimeout + ", maxConnectAttempts="
                + maxConnectAttempts + ", channels=" + channels + "]";
    }
}
