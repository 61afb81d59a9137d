package dev.stepwise.mfa.http;

import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The request that was interrupted by a challenge, kept in the session (server-side: the return target is
 * never taken from a URL parameter) so it can run once, after the factor is proven.
 *
 * @param method     the HTTP method
 * @param path       the context-relative request URI as sent (still URL-encoded), starting with one "/"
 * @param query      the raw query string, or {@code null}
 * @param params     the request's parameters as the application saw them (query and form body)
 * @param body       the {@code application/x-www-form-urlencoded} body to replay (empty for GET)
 * @param replayable whether the request can be replayed; {@code false} when its body was multipart, another
 *                   media type, or larger than {@link #MAX_BODY_BYTES}: the user must submit again
 */
public record SavedRequest(String method, String path, String query, Map<String, List<String>> params,
                           byte[] body, boolean replayable) implements Serializable {

    /** Form bodies larger than this are not kept; the user is asked to submit again. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /**
     * Checks the components and copies the mutable ones.
     * @param method the HTTP method
     * @param path the context-relative request URI as sent (still URL-encoded), starting with one "/"
     * @param query the raw query string, or {@code null}
     * @param params the request's parameters as the application saw them (query and form body)
     * @param body the {@code application/x-www-form-urlencoded} body to replay (empty for GET)
     * @param replayable whether the request can be replayed; {@code false} when its body was multipart, another media type, or larger than {@link #MAX_BODY_BYTES}: the user must submit again
     */
    public SavedRequest {
        Objects.requireNonNull(method, "method");
        // CWE-601: the target is replayed as a Location; it must stay a same-origin relative path.
        if (path == null || !path.startsWith("/") || path.startsWith("//") || path.indexOf('\\') >= 0
                || path.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7e)) {
            throw new IllegalArgumentException("path must be a context-relative, encoded URI path");
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        params = Collections.unmodifiableMap(copy);
        body = body.clone();
    }

    /** {@return the body (a copy)} */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** {@return whether the original request carried a body (anything but GET and HEAD)} */
    public boolean hasBody() {
        return !method.equals("GET") && !method.equals("HEAD");
    }

    /** {@return the context-relative target, path plus query} */
    public String target() {
        return query == null ? path : path + "?" + query;
    }

    /**
     * Whether a request for {@code path} and {@code query} is the browser coming back for this one.
     *
     * @param otherPath the other path
     * @param otherQuery the other query
     * @return whether a request for {@code path} and {@code query} is the browser coming back for this one
     */
    public boolean isTarget(String otherPath, String otherQuery) {
        return path.equals(otherPath) && Objects.equals(query, otherQuery);
    }

    /**
     * A GET back to the page named by a {@code Referer} header, if it is a page of this application on this
     * origin; {@code null} otherwise (CWE-601: the header is client input, so anything else is dropped).
     *
     * @param referer     the header value, or {@code null}
     * @param scheme      the request's scheme
     * @param host        the request's server name
     * @param port        the request's server port
     * @param contextPath the application's context path ("" for the root)
     * @return a GET back to the page named by a {@code Referer} header, if it is a page of this application on this origin; {@code null} otherwise (CWE-601: the header is client input, so anything else is dropped)
     */
    public static SavedRequest returnTo(String referer, String scheme, String host, int port, String contextPath) {
        if (referer == null || referer.length() > 2048) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(referer);
            boolean defaultPort = (port == 80 && "http".equals(scheme)) || (port == 443 && "https".equals(scheme));
            int refererPort = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            String path = uri.getRawPath();
            if (!scheme.equalsIgnoreCase(uri.getScheme()) || !host.equalsIgnoreCase(uri.getHost())
                    || refererPort != (defaultPort ? ("https".equals(scheme) ? 443 : 80) : port)
                    || uri.getRawUserInfo() != null || path == null || !path.startsWith(contextPath + "/")) {
                return null;
            }
            return new SavedRequest("GET", path.substring(contextPath.length()), uri.getRawQuery(), Map.of(),
                    new byte[0], true);
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Encodes parameters as an {@code x-www-form-urlencoded} body.
     *
     * @param params the request's parameters as the application saw them (query and form body)
     * @return the body, UTF-8
     */
    public static byte[] encode(Map<String, String[]> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((name, values) -> {
            for (String value : values) {
                if (sb.length() > 0) {
                    sb.append('&');
                }
                sb.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Copies parameters as the servlet API gives them into lists, in their order.
     *
     * @param params the request's parameters as the application saw them (query and form body)
     * @return the parameters, each with its values as a list
     */
    public static Map<String, List<String>> copyOf(Map<String, String[]> params) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> copy.put(k, Arrays.asList(v)));
        return copy;
    }
}
