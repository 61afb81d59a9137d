package dev.stepwise.mfa.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where an unsafe request to a protected endpoint came from, decided from the headers browsers send. A step-up
 * proves that the person at the keyboard wanted an action; a request forged by another site must neither run
 * because a step-up is still fresh nor be saved and replayed after the victim passes the challenge. So the
 * library refuses cross-site unsafe requests to protected endpoints before anything else.
 *
 * <p>The rule, in order (the approach of Go 1.25's {@code CrossOriginProtection}, see docs/security-model.md):
 * <ol>
 *   <li>a safe method ({@code GET}, {@code HEAD}, {@code OPTIONS}, {@code TRACE}) is never refused;</li>
 *   <li>{@code Sec-Fetch-Site: same-origin} or {@code none} is same site; any other value is cross-site unless
 *       the {@code Origin} header names an allowed origin;</li>
 *   <li>without {@code Sec-Fetch-Site}, the {@code Origin} header decides: the request's own origin or an allowed
 *       one is same site, anything else (including {@code null}) is cross-site;</li>
 *   <li>without either, the {@code Referer}'s origin decides the same way;</li>
 *   <li>a request with none of the three headers is same site: browsers that send none are old, and other
 *       clients are not driven by another site.</li>
 * </ol>
 *
 * <pre>{@code
 * SiteOfOrigin.Verdict v = SiteOfOrigin.of("POST", "https://bank.example", Set.of(),
 *         "cross-site", "https://evil.example", null);
 * v.crossSite();   // true: refuse with 403, save nothing
 * }</pre>
 */
public final class SiteOfOrigin {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final int MAX_HEADER = 8192;

    private SiteOfOrigin() {
    }

    /**
     * What was decided, and the origin seen (for the audit event; {@code null} when no header named one).
     *
     * @param crossSite whether the request must be refused
     * @param seen      the origin the browser named, or a short description of what it sent
     */
    public record Verdict(boolean crossSite, String seen) {
        static final Verdict SAME_SITE = new Verdict(false, null);
    }

    /**
     * Decides the site of origin of one request.
     *
     * @param method        the HTTP method
     * @param ownOrigin     this request's own origin as a browser names it, e.g. {@code https://bank.example}
     * @param allowed       further origins whose requests count as same site ({@code stepwise.mfa.allowed-origins})
     * @param secFetchSite  the {@code Sec-Fetch-Site} header, or {@code null}
     * @param origin        the {@code Origin} header, or {@code null}
     * @param referer       the {@code Referer} header, or {@code null}
     * @return the verdict
     */
    public static Verdict of(String method, String ownOrigin, Set<String> allowed, String secFetchSite,
                             String origin, String referer) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(ownOrigin, "ownOrigin");
        Objects.requireNonNull(allowed, "allowed");
        if (SAFE.contains(method)) { // methods are case-sensitive (RFC 9110 §9.1): "get" is not GET
            return Verdict.SAME_SITE;
        }
        return sender(ownOrigin, allowed, secFetchSite, origin, referer);
    }

    /**
     * Which site sent a request, whatever its method: a link, a form or an {@code <img>} on another site is
     * cross-site here even for a GET (used where a navigation must not replace what the user is confirming).
     * Same headers and order as {@link #of}.
     *
     * @param ownOrigin this request's own origin as a browser names it, e.g. {@code https://bank.example}
     * @param allowed further origins whose requests count as same site ({@code stepwise.mfa.allowed-origins})
     * @param secFetchSite the {@code Sec-Fetch-Site} header, or {@code null}
     * @param origin the {@code Origin} header, or {@code null}
     * @param referer the {@code Referer} header, or {@code null}
     * @return which site sent a request, whatever its method: a link, a form or an {@code } on another site is cross-site here even for a GET (used where a navigation must not replace what the user is confirming)
     */
    public static Verdict sender(String ownOrigin, Set<String> allowed, String secFetchSite, String origin,
                                 String referer) {
        Objects.requireNonNull(ownOrigin, "ownOrigin");
        Objects.requireNonNull(allowed, "allowed");
        if (secFetchSite != null) {
            String site = secFetchSite.trim().toLowerCase(Locale.ROOT);
            if (site.equals("same-origin") || site.equals("none")) {
                return Verdict.SAME_SITE;
            }
            // same-site (a sibling subdomain) and cross-site pass only from an origin the application names.
            String named = origin == null ? null : normalise(origin);
            return named != null && allowed.contains(named) ? Verdict.SAME_SITE
                    : new Verdict(true, named != null ? named : "Sec-Fetch-Site: " + shorten(site));
        }
        if (origin != null) {
            return judge(normalise(origin), ownOrigin, allowed, origin);
        }
        if (referer != null) {
            return judge(originOfUrl(referer), ownOrigin, allowed, referer);
        }
        return Verdict.SAME_SITE;
    }

    /**
     * The stricter rule of the library's JSON challenge API (README "JSON challenge API"), for every request that
     * changes something or hands out the CSRF token: only a script of the page's own origin may call it. The headers
     * are read in the order of {@link #sender}, with no {@code allowed-origins} (the API is for the library's own
     * pages and the application's scripts): {@code Sec-Fetch-Site}, if sent, must be {@code same-origin} (not
     * {@code same-site}, not {@code none}: a typed URL does not post JSON); else {@code Origin}, if sent, must be the
     * request's own origin; else the {@code Referer}, if sent, must name the request's own origin (an old browser
     * that sends neither of the first two still sends the page it came from). A request with none of the three is
     * same origin: browsers send at least one with every cross-origin {@code fetch()}, and a script outside a
     * browser is not driven by another site.
     *
     * @param ownOrigin    this request's own origin as a browser names it, e.g. {@code https://bank.example}
     * @param secFetchSite the {@code Sec-Fetch-Site} header, or {@code null}
     * @param origin       the {@code Origin} header, or {@code null}
     * @param referer      the {@code Referer} header, or {@code null}
     * @return the verdict: {@code crossSite} when the request must be refused
     */
    public static Verdict sameOriginOnly(String ownOrigin, String secFetchSite, String origin, String referer) {
        Objects.requireNonNull(ownOrigin, "ownOrigin");
        if (secFetchSite != null && !secFetchSite.trim().toLowerCase(Locale.ROOT).equals("same-origin")) {
            String named = origin == null ? null : normalise(origin);
            return new Verdict(true, named != null ? named : "Sec-Fetch-Site: " + shorten(secFetchSite.trim()));
        }
        if (origin != null) {
            return judge(normalise(origin), ownOrigin, Set.of(), origin);
        }
        if (secFetchSite == null && referer != null) {
            return judge(originOfUrl(referer), ownOrigin, Set.of(), referer);
        }
        return Verdict.SAME_SITE;
    }

    private static Verdict judge(String named, String ownOrigin, Set<String> allowed, String raw) {
        if (named != null && (named.equals(normalise(ownOrigin)) || allowed.contains(named))) {
            return Verdict.SAME_SITE;
        }
        return new Verdict(true, named != null ? named : shorten(raw));
    }

    /** An {@code Origin} value in the form the configuration uses, or {@code null} for "null" and garbage. */
    static String normalise(String origin) {
        String trimmed = origin.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_HEADER || trimmed.equals("null")) {
            return null;
        }
        return originOfUrl(trimmed);
    }

    /**
     * The canonical form of an origin or URL: {@code scheme://host[:port]}, lower case, default port dropped
     * ({@code HTTPS://App.Example:443/x} → {@code https://app.example}); {@code null} when it names none.
     *
     * @param originOrUrl the origin or URL
     * @return the canonical form of an origin or URL: {@code scheme://host[:port]}, lower case, default port dropped ({@code HTTPS://App.Example:443/x} → {@code https://app.example}); {@code null} when it names none
     */
    public static String canonical(String originOrUrl) {
        return originOrUrl == null ? null : normalise(originOrUrl);
    }

    /** {@code scheme://host[:port]} of an absolute http(s) URL, lower case, default ports dropped; else null. */
    static String originOfUrl(String url) {
        if (url.length() > MAX_HEADER) {
            return null;
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            if (!("http".equals(scheme) || "https".equals(scheme)) || host == null || uri.getRawUserInfo() != null) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port < 0 || (port == 80 && scheme.equals("http"))
                    || (port == 443 && scheme.equals("https"));
            return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String shorten(String raw) {
        String printable = raw.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 100 ? printable.substring(0, 100) + "…" : printable;
    }
}
