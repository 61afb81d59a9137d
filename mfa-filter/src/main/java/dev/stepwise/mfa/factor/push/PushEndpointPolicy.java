package dev.stepwise.mfa.factor.push;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which push endpoints the server may contact. An endpoint comes from a browser, so whoever controls the browser
 * chooses the URL: without this check the server would POST wherever it is told, into its own network included
 * (server-side request forgery). The strict policy, the default, allows {@code https} on port 443 to hosts whose
 * every address is public; it refuses loopback, private (RFC 1918, RFC 4193), link-local, carrier-grade NAT,
 * multicast and unspecified addresses, user info in the URL and names that do not resolve.
 *
 * <pre>{@code
 * Optional<String> why = PushEndpointPolicy.strict().refusal(subscription.endpoint());
 * why.ifPresent(reason -> refuseRegistration(reason));   // e.g. "the endpoint's host has a private address"
 * }</pre>
 *
 * <p>The check resolves the name when asked; the HTTP client resolves it again when it connects, so a name whose
 * answers change between the two (DNS rebinding) is not covered by this check alone: run push delivery behind an
 * egress proxy or firewall that allows only public addresses if that matters.
 */
public final class PushEndpointPolicy {

    /** Resolves a host name to its addresses (the system resolver, or a test's own). */
    @FunctionalInterface
    public interface Resolver {
        /**
         * @param host a host name or an address literal
         * @return its addresses
         * @throws UnknownHostException if it does not resolve
         */
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final int HTTPS_PORT = 443;

    private final boolean allowLocal;
    private final Resolver resolver;

    private PushEndpointPolicy(boolean allowLocal, Resolver resolver) {
        this.allowLocal = allowLocal;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** {@return the production policy: https on port 443 to public addresses only, with the system resolver} */
    public static PushEndpointPolicy strict() {
        return new PushEndpointPolicy(false, InetAddress::getAllByName);
    }

    /**
     * The production policy with another resolver (tests check names that resolve to private addresses).
     *
     * @param resolver the resolver
     * @return the strict policy using {@code resolver}
     */
    public static PushEndpointPolicy strict(Resolver resolver) {
        return new PushEndpointPolicy(false, resolver);
    }

    /**
     * For tests and local development only: also {@code http}, any port, loopback and private addresses. Never in
     * production: any user could make the server post to its internal services.
     *
     * @return the permissive policy
     */
    public static PushEndpointPolicy allowingLocalEndpoints() {
        return new PushEndpointPolicy(true, InetAddress::getAllByName);
    }

    /** {@return whether this policy lets through http, any port, loopback and private addresses} */
    public boolean allowsLocalEndpoints() {
        return allowLocal;
    }

    /**
     * Why {@code endpoint} may not be contacted, or empty when it may. The reason names no part of the URL.
     *
     * @param endpoint a subscription's endpoint
     * @return the reason for refusing it, or empty
     */
    public Optional<String> refusal(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !(allowLocal && "http".equals(scheme))) {
            return Optional.of("the endpoint is not an https URL");
        }
        if (endpoint.getRawUserInfo() != null || endpoint.getHost() == null || endpoint.getRawFragment() != null) {
            return Optional.of("the endpoint has user info, a fragment or no host");
        }
        if (!allowLocal && endpoint.getPort() != -1 && endpoint.getPort() != HTTPS_PORT) {
            return Optional.of("the endpoint is not on port 443");
        }
        String host = endpoint.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.of("the endpoint's host does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            return Optional.of("the endpoint's host does not resolve");
        }
        for (InetAddress a : addresses) {
            if (!allowLocal && !isPublic(a)) {
                return Optional.of("the endpoint's host has a loopback, private or otherwise non-public address");
            }
        }
        return Optional.empty();
    }

    /** Whether {@code a} is a globally routable unicast address. */
    static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0                                        // "this network" (RFC 1122)
                    && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT (RFC 6598)
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19))  // benchmarking (RFC 2544)
                    && first < 240;                                   // reserved and broadcast
        }
        if (a instanceof Inet6Address) {
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;               // fc00::/7 (RFC 4193)
            boolean sixToFour = b[0] == 0x20 && b[1] == 0x02;           // 2002::/16 embeds any IPv4 (RFC 3056)
            boolean nat64 = b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                    && isZero(b, 4, 12);                              // 64:ff9b::/96 reaches any IPv4 (RFC 6052)
            return !uniqueLocal && !sixToFour && !nat64 && !isIpv4Mapped(b);
        }
        return false;
    }

    /** ::ffff:0:0/96 (kept from every use: the JDK maps most of them to IPv4 itself). */
    private static boolean isIpv4Mapped(byte[] b) {
        return isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return allowLocal ? "PushEndpointPolicy[allowing local endpoints]" : "PushEndpointPolicy[strict]";
    }
}
