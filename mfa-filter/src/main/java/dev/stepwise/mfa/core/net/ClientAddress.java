package dev.stepwise.mfa.core.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the client's address behind reverse proxies, without letting a client choose it.
 *
 * <p>{@code X-Forwarded-For} is written by whoever sent the request, so it is believed only as far as it was
 * written by proxies the operator trusts ({@code stepwise.mfa.trusted-proxies}):
 * <ol>
 *   <li>if the socket peer is not a trusted proxy, the header is ignored entirely and the peer is the client;</li>
 *   <li>otherwise the header is read <em>from the right</em> (each proxy appends the address it received the
 *       request from), skipping trusted proxies; the first address that is not a trusted proxy is the client —
 *       anything to its left was written by the client and is never looked at;</li>
 *   <li>a malformed entry reached on that walk (not an IP literal, empty, {@code unknown}), or more than
 *       {@value #MAX_HOPS} trusted hops, means the chain cannot be trusted: the peer is used;</li>
 *   <li>if every entry is a trusted proxy, the leftmost one is the client (a request from inside).</li>
 * </ol>
 *
 * <pre>{@code
 * ClientAddress resolver = ClientAddress.parse("10.0.0.0/8, 2001:db8:ffff::/48");  // stepwise.mfa.trusted-proxies
 * Optional<InetAddress> client = resolver.resolve(request.getRemoteAddr(),
 *         Collections.list(request.getHeaders("X-Forwarded-For")));
 * String forEvents = client.map(IpLiteral::format).orElse("");
 * }</pre>
 *
 * <p>List the proxies themselves, not the whole internal network: any host in a trusted block can write whatever
 * {@code X-Forwarded-For} it likes and be believed.
 *
 * <p>Entries may carry a port the way some proxies write them ({@code 203.0.113.7:51234},
 * {@code [2001:db8::7]:443}) or brackets without one; the port is dropped. Several header lines count as one
 * comma-separated list in order (RFC 9110 §5.3).
 */
public final class ClientAddress {

    /** Trusted hops walked before giving up on the header. */
    public static final int MAX_HOPS = 20;

    /** Accepted format of {@code stepwise.mfa.trusted-proxies}. */
    public static final String FORMAT =
            "comma-separated CIDR blocks or addresses, e.g. 10.0.0.0/8, 192.168.1.5, 2001:db8::/32";

    private final List<Cidr> trustedProxies;

    /** @param trustedProxies the proxies whose {@code X-Forwarded-For} entries are believed; empty: none */
    public ClientAddress(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /**
     * Parses {@code stepwise.mfa.trusted-proxies}: blocks separated by commas or whitespace; blank means none.
     *
     * @param value the value
     * @return the client address
     * @throws IllegalArgumentException naming the entry that is not a block
     */
    public static ClientAddress parse(String value) {
        List<Cidr> blocks = new ArrayList<>();
        if (value != null) {
            for (String part : value.split("[,\\s]+")) {
                if (!part.isEmpty()) {
                    blocks.add(Cidr.parse(part));
                }
            }
        }
        return new ClientAddress(blocks);
    }

    /** {@return the configured trusted proxies} */
    public List<Cidr> trustedProxies() {
        return trustedProxies;
    }

    /**
     * Whether {@code address} is one of the trusted proxies.
     *
     * @param address the address
     * @return whether {@code address} is one of the trusted proxies
     */
    public boolean isTrustedProxy(InetAddress address) {
        for (Cidr c : trustedProxies) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the socket peer ({@code getRemoteAddr()}) is one of the trusted proxies, whose forwarding headers
     * ({@code X-Forwarded-For}, and {@code X-Forwarded-Proto} or {@code Forwarded} by {@link ForwardedProto}) are
     * believed. A peer that is not an IP literal is never trusted.
     *
     * @param peer the socket peer ({@code getRemoteAddr()}), an IP literal
     * @return whether trusted peer
     */
    public boolean isTrustedPeer(String peer) {
        if (peer == null || trustedProxies.isEmpty()) {
            return false;
        }
        return IpLiteral.parse(peer.strip()).map(this::isTrustedProxy).orElse(false);
    }

    /**
     * The client's address.
     *
     * @param peer          the socket peer ({@code getRemoteAddr()}), an IP literal
     * @param forwardedFor  the {@code X-Forwarded-For} header lines in the order received; may be empty
     * @return the client, or empty only when the peer itself is not an IP literal (then nothing is believed)
     */
    public Optional<InetAddress> resolve(String peer, List<String> forwardedFor) {
        Optional<InetAddress> peerAddress = IpLiteral.parse(peer == null ? null : peer.strip());
        if (peerAddress.isEmpty() || !isTrustedProxy(peerAddress.get())
                || forwardedFor == null || forwardedFor.isEmpty()) {
            return peerAddress;
        }
        InetAddress leftmost = null;
        int hops = 0;
        // lines from last to first, entries in each line from right to left
        for (int line = forwardedFor.size() - 1; line >= 0; line--) {
            String header = forwardedFor.get(line);
            if (header == null) {
                return peerAddress;
            }
            int end = header.length();
            while (end >= 0) {
                int comma = header.lastIndexOf(',', end - 1);
                // substring bounded by MAX_ENTRY: a huge header costs no more than its rightmost entries
                Optional<InetAddress> entry = entry(header, comma + 1, end);
                if (entry.isEmpty()) {
                    return peerAddress;
                }
                if (!isTrustedProxy(entry.get())) {
                    return entry;
                }
                if (++hops > MAX_HOPS) {
                    return peerAddress;
                }
                leftmost = entry.get();
                end = comma;
            }
        }
        return leftmost == null ? peerAddress : Optional.of(leftmost);
    }

    /** Longest entry looked at: a bracketed IPv6 literal with a port. */
    private static final int MAX_ENTRY = IpLiteral.MAX_LENGTH + 8;

    /** The address in {@code header[from, to)}, trimmed, port and brackets removed. */
    private static Optional<InetAddress> entry(String header, int from, int to) {
        while (from < to && isSpace(header.charAt(from))) {
            from++;
        }
        while (to > from && isSpace(header.charAt(to - 1))) {
            to--;
        }
        if (to - from == 0 || to - from > MAX_ENTRY) {
            return Optional.empty();
        }
        String e = header.substring(from, to);
        if (e.charAt(0) == '[') {
            int close = e.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            String rest = e.substring(close + 1);
            if (!rest.isEmpty() && !isPort(rest)) {
                return Optional.empty();
            }
            String inside = e.substring(1, close);
            return inside.indexOf(':') >= 0 ? IpLiteral.parse(inside) : Optional.empty();
        }
        int colon = e.indexOf(':');
        if (colon >= 0 && colon == e.lastIndexOf(':')) {
            // exactly one colon: IPv4 with a port (an IPv6 literal has at least two)
            if (!isPort(e.substring(colon))) {
                return Optional.empty();
            }
            return IpLiteral.parse(e.substring(0, colon)).filter(a -> a.getAddress().length == 4);
        }
        return IpLiteral.parse(e);
    }

    /** {@code :<1-5 digits>}. */
    private static boolean isPort(String s) {
        if (s.length() < 2 || s.length() > 6 || s.charAt(0) != ':') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    @Override
    public String toString() {
        return "ClientAddress" + trustedProxies;
    }

    /** Equal when the trusted proxies are equal, in order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ClientAddress other && trustedProxies.equals(other.trustedProxies);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trustedProxies);
    }
}
