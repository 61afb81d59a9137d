package dev.stepwise.mfa.http;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps a refused request so it can run once after its challenge: a browser's form (method, path, query,
 * {@code x-www-form-urlencoded} parameters up to {@link SavedRequest#MAX_BODY_BYTES}), or for a script the page
 * it was called from. Nothing here is taken from a URL parameter (CWE-601).
 */
public final class RequestCapture {

    private RequestCapture() {
    }

    /**
     * The page a script was called from, as a GET to return to after the challenge: only a same-origin page of
     * this application (CWE-601: the Referer is client input, so anything else is dropped).
     *
     * @param ownOrigin the request's origin ({@link RequestFacts#origin()}: {@code https} behind a TLS proxy)
     * @param request the HTTP request
     * @return the page a script was called from, as a GET to return to after the challenge: only a same-origin page of this application (CWE-601: the Referer is client input, so anything else is dropped)
     */
    public static SavedRequest refererOf(HttpServletRequest request, String ownOrigin) {
        URI own;
        try {
            own = new URI(ownOrigin);
        } catch (URISyntaxException e) {
            return null; // a Host header no URL can name: nothing is same-origin with it
        }
        if (own.getScheme() == null || own.getHost() == null) {
            return null;
        }
        int port = own.getPort() >= 0 ? own.getPort() : "https".equals(own.getScheme()) ? 443 : 80;
        return SavedRequest.returnTo(request.getHeader("Referer"), own.getScheme(), own.getHost(), port,
                request.getContextPath());
    }

    /**
     * Captures the request for replay: form bodies up to {@link SavedRequest#MAX_BODY_BYTES}, nothing else.
     *
     * @param request the HTTP request
     * @return the saved request
     */
    public static SavedRequest save(HttpServletRequest request) {
        return save(request, false);
    }

    /**
     * As {@link #save(HttpServletRequest)}; for a form of the library's own pages ({@code ownPage}) every field
     * whose name looks secret ({@link SecretFields#looksSecret}, such as security answers) is kept empty, whoever
     * asked for the challenge and whether or not the page marked it ({@link RequestMarks#withhold}).
     *
     * @param request the HTTP request
     * @param ownPage whether the request is for the library's own pages
     * @return the saved request
     */
    public static SavedRequest save(HttpServletRequest request, boolean ownPage) {
        SavedRequest saved = saveAll(request);
        return saved.replayable() ? withheld(saved, request, ownPage) : saved;
    }

    private static SavedRequest saveAll(HttpServletRequest request) {
        String method = request.getMethod();
        String path = RequestFacts.rawPathOf(request);
        String query = request.getQueryString();
        if (method.equals("GET") || method.equals("HEAD")) {
            return new SavedRequest("GET", path, query, Map.of(), new byte[0], true);
        }
        String type = request.getContentType();
        boolean form = type != null
                && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        if (!form) {
            return new SavedRequest(method, path, query, Map.of(), new byte[0], false);
        }
        byte[] body = RequestMarks.capturedFormBody(request);
        if (body != null) {
            // JAX-RS read the body already; it kept a copy for us (up to the limit).
            if (body.length > SavedRequest.MAX_BODY_BYTES) {
                return new SavedRequest(method, path, query, Map.of(), new byte[0], false);
            }
            Map<String, List<String>> params = parseQuery(query, StandardCharsets.UTF_8);
            parseForm(body, charsetOf(request)).forEach((k, v) -> params.computeIfAbsent(k, x -> new ArrayList<>())
                    .addAll(v));
            return new SavedRequest(method, path, query, params, body, true);
        }
        if (request.getContentLengthLong() > SavedRequest.MAX_BODY_BYTES) {
            return new SavedRequest(method, path, query, Map.of(), new byte[0], false);
        }
        Map<String, String[]> params = request.getParameterMap();
        byte[] encoded = SavedRequest.encode(params);
        if (encoded.length > SavedRequest.MAX_BODY_BYTES) {
            return new SavedRequest(method, path, query, Map.of(), new byte[0], false);
        }
        return new SavedRequest(method, path, query, SavedRequest.copyOf(params), encoded, true);
    }

    /** The saved form with the values of the withheld fields emptied (marked, or secret on own pages), body included. */
    private static SavedRequest withheld(SavedRequest saved, HttpServletRequest request, boolean ownPage) {
        java.util.Set<String> names = new java.util.HashSet<>(RequestMarks.withheld(request));
        if (ownPage) {
            saved.params().keySet().stream().filter(n -> SecretFields.looksSecret(n)
                    && !SecretFields.OWN_IDENTIFIERS.contains(n)).forEach(names::add);
        }
        if (names.isEmpty() || saved.method().equals("GET")) {
            return saved;
        }
        Map<String, String[]> kept = new LinkedHashMap<>();
        saved.params().forEach((name, values) -> kept.put(name, names.contains(name)
                ? values.stream().map(v -> "").toArray(String[]::new) : values.toArray(String[]::new)));
        return new SavedRequest(saved.method(), saved.path(), saved.query(), SavedRequest.copyOf(kept),
                SavedRequest.encode(kept), true);
    }

    private static Charset charsetOf(HttpServletRequest request) {
        String enc = request.getCharacterEncoding();
        try {
            return enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static Map<String, List<String>> parseQuery(String query, Charset charset) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static Map<String, List<String>> parseForm(byte[] body, Charset charset) {
        return parseQuery(new String(body, StandardCharsets.ISO_8859_1), charset);
    }
}
