package dev.stepwise.mfa.http;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WARNING, the first time a trusted proxy forwards a request whose {@code X-Forwarded-Proto} or
 * {@code Forwarded} proto is not {@code https} ({@link dev.stepwise.mfa.core.net.ForwardedProto#proxySaysNotHttps}):
 * such requests are plain HTTP to the library (cookies without {@code Secure}, no {@code __Host-} prefix, an
 * {@code http://} origin). Logged once per application, not per request: plain HTTP from a proxy can be meant
 * (health checks), but when it is a chain's inner proxy overwriting the outer one's {@code https}, the operator
 * must learn it. The proxy's address is logged, never a header value.
 */
final class ProxySchemeWarning {

    /** The application's one warning (the library's classes are loaded once per application). */
    static final ProxySchemeWarning ONCE = new ProxySchemeWarning();

    private static final System.Logger LOG = System.getLogger(ProxySchemeWarning.class.getName());

    private final AtomicBoolean warned = new AtomicBoolean();

    /** Logs the warning unless it was logged already; whether it logged now. */
    boolean warn(String proxy) {
        if (!warned.compareAndSet(false, true)) {
            return false;
        }
        LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: the trusted proxy {0} forwarded a request with"
                + " X-Forwarded-Proto or Forwarded proto other than https; such requests are plain HTTP here (cookies"
                + " without Secure, no __Host- prefix, an http:// origin). If browsers reach this site over HTTPS, the"
                + " proxy nearest to this server must say https: only the proxy that terminates TLS sets"
                + " X-Forwarded-Proto (nginx: proxy_set_header X-Forwarded-Proto $scheme;), inner proxies pass it"
                + " through unchanged (see the README, \"Behind a reverse proxy\"). Logged once.",
                proxy == null ? "(unknown)" : proxy); // the socket peer's address, from the container
        return true;
    }
}
