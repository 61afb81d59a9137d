package dev.stepwise.mfa.http;

import java.time.Instant;

import dev.stepwise.mfa.event.EventHeader;

import dev.stepwise.mfa.core.ApiClientRule;
import dev.stepwise.mfa.core.Caller;
import dev.stepwise.mfa.core.SiteOfOrigin;
import dev.stepwise.mfa.core.net.ClientAddress;
import dev.stepwise.mfa.core.net.ForwardedProto;
import dev.stepwise.mfa.core.net.IpLiteral;
import dev.stepwise.mfa.event.UserAgentSummary;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import java.net.InetAddress;
import java.security.Principal;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the library needs to know about one request, read once when it arrives: where it goes, who sends it from
 * where, which of the library's cookies it carries, whether a script or a browser sends it, and which site it
 * came from (docs/security-model.md). Everything after this works from these values.
 *
 * @param path           the context-relative path: servlet path plus path info; for an include, the included
 *                       target's
 * @param rawPath        the context-relative request URI as the client sent it (URL-encoded)
 * @param query          the raw query string, or {@code null}
 * @param method         the HTTP method
 * @param dispatch       how the request reached the filter (request, forward, include, async)
 * @param contextPath    the application's context path ("" for the root)
 * @param principal      the authenticated principal's name, or {@code null}
 * @param roles          the container's role check for the principal
 * @param clientAddress  the client: the peer, or the {@code X-Forwarded-For} client when the peer is a trusted
 *                       proxy ({@code stepwise.mfa.trusted-proxies}; anyone else can send the header)
 * @param clientInet     the same as an address, or {@code null} when it is not one
 * @param userAgentHeader the {@code User-Agent} header as sent (never logged or audited: see {@link #userAgent()})
 * @param trustCookie    the "trust this device" cookie's value, or {@code null} (a bearer secret: never logged)
 * @param deviceCookie   the adaptive device id, or {@code null}
 * @param apiClient      whether a script or API client sends it rather than a browser navigating
 *                       ({@link ApiClientRule})
 * @param unsafeCrossSite the verdict on an unsafe request from another site ({@link SiteOfOrigin#of})
 * @param fromAnotherSite whether another site sent it, whatever the method (a link, a form, an {@code <img>})
 * @param origin         the origin the request was made to, as a browser names it: {@code https} when it arrived
 *                       secure
 * @param secure         whether it arrived over HTTPS: the container says so, or the trusted proxy that is the
 *                       peer does ({@code X-Forwarded-Proto} or {@code Forwarded}, see {@link ForwardedProto}); it
 *                       decides the cookies' names and {@code Secure} flag
 */
public record RequestFacts(String path, String rawPath, String query, String method, DispatcherType dispatch,
                           String contextPath, String principal, Predicate<String> roles, String clientAddress,
                           InetAddress clientInet, String userAgentHeader, String trustCookie, String deviceCookie,
                           boolean apiClient, SiteOfOrigin.Verdict unsafeCrossSite, boolean fromAnotherSite,
                           String origin, boolean secure) {

    /**
     * Reads the facts of {@code request} under {@code config}.
     *
     * @param request the HTTP request
     * @param config the configuration
     * @return the request facts
     */
    public static RequestFacts of(HttpServletRequest request, MfaConfig config) {
        return of(request, config.requests().trustedProxies(), config.requests().allowedOrigins());
    }

    /**
     * Reads the facts of {@code request}, believing {@code X-Forwarded-For}, {@code X-Forwarded-Proto} and
     * {@code Forwarded} of {@code proxies} only.
     *
     * @param request the HTTP request
     * @param proxies the proxies
     * @param allowedOrigins the allowed origins
     * @return the request facts
     */
    public static RequestFacts of(HttpServletRequest request, ClientAddress proxies, Set<String> allowedOrigins) {
        Principal principal = request.getUserPrincipal();
        boolean secure = arrivedSecure(request, proxies);
        String origin = originOf(request, secure);
        String secFetchSite = request.getHeader("Sec-Fetch-Site");
        String originHeader = request.getHeader("Origin");
        String referer = request.getHeader("Referer");
        List<String> forwarded = Collections.list(request.getHeaders("X-Forwarded-For"));
        InetAddress inet = proxies.resolve(request.getRemoteAddr(), forwarded).orElse(null);
        String remote = request.getRemoteAddr() == null ? "" : request.getRemoteAddr();
        return new RequestFacts(pathOf(request), rawPathOf(request), request.getQueryString(), request.getMethod(),
                request.getDispatcherType(), request.getContextPath(), principal == null ? null : principal.getName(),
                request::isUserInRole, inet == null ? remote : IpLiteral.format(inet), inet,
                request.getHeader("User-Agent"), TrustCookie.read(request, secure), DeviceCookie.read(request),
                isApiClient(request),
                SiteOfOrigin.of(request.getMethod(), origin, allowedOrigins, secFetchSite, originHeader, referer),
                SiteOfOrigin.sender(origin, allowedOrigins, secFetchSite, originHeader, referer).crossSite(), origin,
                secure);
    }

    /** {@return the caller for the gatekeeper; the request must have a principal} */
    public Caller caller() {
        return Caller.of(principal, roles);
    }

    /** {@return the principal's name, or "" for an anonymous request (audit events)} */
    public String user() {
        return principal == null ? "" : principal;
    }

    /**
     * Whether this is an unsafe request from another site, to be refused before anything is decided or saved.
     *
     * @return whether this is an unsafe request from another site, to be refused before anything is decided or saved
     */
    public boolean isCrossSite() {
        return unsafeCrossSite.crossSite();
    }

    /**
     * Whether the login policy is judged: a request or async dispatch (forwards and includes by target only).
     *
     * @return whether the login policy is judged: a request or async dispatch (forwards and includes by target only)
     */
    public boolean judgesLogin() {
        return dispatch == DispatcherType.REQUEST || dispatch == DispatcherType.ASYNC;
    }

    /**
     * Whether this is a request for one of the library's own pages under {@code libraryPath}.
     *
     * @param libraryPath the library path
     * @return whether this is a request for one of the library's own pages under {@code libraryPath}
     */
    public boolean isLibraryPath(String libraryPath) {
        return path.equals(libraryPath) || path.startsWith(libraryPath + "/");
    }

    /** {@return the browser as audit events name it ("Firefox on Linux"): fixed words, never the raw header} */
    public String userAgent() {
        return UserAgentSummary.of(userAgentHeader);
    }

    /**
     * The header of an audit event about {@code user} at {@code at}: this request's client and browser.
     *
     * @param user the user name (the container's caller principal name)
     * @param at the instant
     * @return the header of an audit event about {@code user} at {@code at}: this request's client and browser
     */
    public EventHeader eventHeader(String user, Instant at) {
        return new EventHeader(user, at, clientAddress, userAgent());
    }

    /**
     * The header of an audit event about this request's user at {@code at}.
     *
     * @param at the instant
     * @return the header of an audit event about this request's user at {@code at}
     */
    public EventHeader eventHeader(Instant at) {
        return eventHeader(user(), at);
    }

    /**
     * The context-relative path of a request: servlet path plus path info; an include's target for an include.
     *
     * @param request the HTTP request
     * @return the context-relative path of a request: servlet path plus path info; an include's target for an include
     */
    public static String pathOf(HttpServletRequest request) {
        if (request.getDispatcherType() == DispatcherType.INCLUDE
                && request.getAttribute(RequestDispatcher.INCLUDE_SERVLET_PATH) instanceof String sp) {
            // An include keeps the request's own paths; the included target is named by these attributes.
            Object info = request.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO);
            return info instanceof String i ? sp + i : sp;
        }
        String info = request.getPathInfo();
        return info == null ? request.getServletPath() : request.getServletPath() + info;
    }

    /**
     * Whether {@code path} is {@link #pathOf(HttpServletRequest) the path} of {@code request}, without building it.
     *
     * @param request the HTTP request
     * @param path the context-relative path: servlet path plus path info; for an include, the included target's
     * @return whether {@code path} is {@link #pathOf(HttpServletRequest) the path} of {@code request}, without building it
     */
    public static boolean isPathOf(HttpServletRequest request, String path) {
        String servletPath;
        Object info;
        if (request.getDispatcherType() == DispatcherType.INCLUDE
                && request.getAttribute(RequestDispatcher.INCLUDE_SERVLET_PATH) instanceof String sp) {
            servletPath = sp;
            info = request.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO);
        } else {
            servletPath = request.getServletPath();
            info = request.getPathInfo();
        }
        if (servletPath == null || !path.startsWith(servletPath)) {
            return false;
        }
        int rest = path.length() - servletPath.length();
        return info instanceof String i ? rest == i.length() && path.endsWith(i) : rest == 0;
    }

    /**
     * The context-relative request URI as the client sent it (URL-encoded).
     *
     * @param request the HTTP request
     * @return the context-relative request URI as the client sent it (URL-encoded)
     */
    public static String rawPathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /**
     * Whether the client is a script or API client rather than a browser navigating, by
     * {@link ApiClientRule}: {@code X-Requested-With}, {@code Accept}, {@code Sec-Fetch-Mode} and
     * {@code Sec-Fetch-Dest}.
     *
     * @param request the HTTP request
     * @return whether the client is a script or API client rather than a browser navigating
     */
    public static boolean isApiClient(HttpServletRequest request) {
        return ApiClientRule.isApiClient(request.getHeader("X-Requested-With"), request.getHeader("Accept"),
                request.getHeader("Sec-Fetch-Mode"), request.getHeader("Sec-Fetch-Dest"));
    }

    /**
     * Whether {@code request} arrived over HTTPS: the container says so, or the peer is one of {@code proxies} and
     * says so in {@code X-Forwarded-Proto} or {@code Forwarded} ({@link ForwardedProto}). Anyone else's headers
     * are not even read.
     *
     * @param request the HTTP request
     * @param proxies the proxies
     * @return whether {@code request} arrived over HTTPS: the container says so, or the peer is one of {@code proxies} and says so in {@code X-Forwarded-Proto} or {@code Forwarded} ({@link ForwardedProto})
     */
    public static boolean arrivedSecure(HttpServletRequest request, ClientAddress proxies) {
        if (request.isSecure()) {
            return true;
        }
        if (!proxies.isTrustedPeer(request.getRemoteAddr())) {
            return false;
        }
        List<String> xForwardedProto = Collections.list(request.getHeaders("X-Forwarded-Proto"));
        List<String> forwarded = Collections.list(request.getHeaders("Forwarded"));
        boolean secure = ForwardedProto.arrivedSecure(false, true, xForwardedProto, forwarded);
        if (!secure && ForwardedProto.proxySaysNotHttps(xForwardedProto, forwarded)) {
            ProxySchemeWarning.ONCE.warn(request.getRemoteAddr());
        }
        return secure;
    }

    /**
     * The origin this request was made to, as a browser names it: scheme, host and non-default port.
     *
     * @param request the HTTP request
     * @param secure whether it arrived over HTTPS: the container says so, or the trusted proxy that is the peer does ({@code X-Forwarded-Proto} or {@code Forwarded}, see {@link ForwardedProto}); it decides the cookies' names and {@code Secure} flag
     * @return the origin this request was made to, as a browser names it: scheme, host and non-default port
     */
    public static String originOf(HttpServletRequest request, boolean secure) {
        return ForwardedProto.origin(secure, request.getScheme(), request.getServerName(), request.getServerPort());
    }

    /** For audit and debugging: never the cookies' values. */
    @Override
    public String toString() {
        return "RequestFacts[" + method + " " + path + ", " + dispatch + ", principal=" + principal + ", client="
                + clientAddress + ", api=" + apiClient + ", crossSite=" + isCrossSite() + ", secure=" + secure + "]";
    }
}
