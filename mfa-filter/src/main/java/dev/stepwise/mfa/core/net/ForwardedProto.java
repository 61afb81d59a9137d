package dev.stepwise.mfa.core.net;

import java.util.List;
import java.util.Objects;

/**
 * Whether a request arrived over HTTPS when a TLS-terminating reverse proxy stands in front of the server, without
 * letting a client choose the answer.
 *
 * <p>Behind such a proxy the container sees plain HTTP ({@code isSecure()} is false) although the browser used
 * HTTPS; the proxy says so in {@code X-Forwarded-Proto: https} or RFC 7239 {@code Forwarded: proto=https}. Anyone
 * can send those headers, so they are believed on the same terms as {@code X-Forwarded-For}
 * ({@link ClientAddress}):
 * <ol>
 *   <li>the container's own answer stands when it says HTTPS: a proxy's {@code http} never downgrades it;</li>
 *   <li>otherwise the headers count only when the socket peer is a trusted proxy
 *       ({@code stepwise.mfa.trusted-proxies}); from anyone else they are ignored;</li>
 *   <li>of each header only the value the peer itself wrote is read: the <em>last</em> one (the last element of
 *       the last line; a proxy that appends puts its value at the end, the way {@code X-Forwarded-For} is
 *       walked from the right). Values to its left were written further away, maybe by the client;</li>
 *   <li>HTTPS is believed when one of the two headers says {@code https} (ASCII, any case) and neither says
 *       anything else: {@code http}, an empty or malformed value, an unknown scheme, or a {@code Forwarded}
 *       element that cannot be parsed means "not HTTPS". So a proxy that writes one header correctly and passes
 *       the other through from the client is not fooled by the client's copy.</li>
 * </ol>
 *
 * <pre>{@code
 * boolean https = ForwardedProto.arrivedSecure(request.isSecure(), proxies.isTrustedPeer(request.getRemoteAddr()),
 *         Collections.list(request.getHeaders("X-Forwarded-Proto")),
 *         Collections.list(request.getHeaders("Forwarded")));
 * String origin = ForwardedProto.origin(https, request.getScheme(), request.getServerName(),
 *         request.getServerPort());
 * }</pre>
 *
 * <p>The proxy must set (overwrite or append to) one of the headers on every request; a proxy that writes neither
 * passes the client's own values through, and they would be believed.
 */
public final class ForwardedProto {

    /** Longest {@code Forwarded} header line parsed; a longer one is not believed. */
    public static final int MAX_FORWARDED = 8192;

    /** Longest value looked at: "https" with room for nothing else. */
    private static final int MAX_VALUE = 5;

    /** What one header says about the hop the peer received the request on. */
    public enum Claim {
        /** The header is absent, or (Forwarded) the peer's element names no {@code proto}. */
        NONE,
        /** {@code https}. */
        HTTPS,
        /** {@code http}. */
        HTTP,
        /** Empty, malformed, too long or another scheme: not believed, and it vetoes the other header. */
        UNREADABLE
    }

    private ForwardedProto() {
    }

    /**
     * Whether the request arrived over HTTPS.
     *
     * @param containerSecure   {@code request.isSecure()}
     * @param peerIsTrustedProxy whether the socket peer is a trusted proxy ({@link ClientAddress#isTrustedPeer})
     * @param xForwardedProto   the {@code X-Forwarded-Proto} header lines in the order received; may be empty
     * @param forwarded         the {@code Forwarded} header lines in the order received; may be empty
     * @return whether the request arrived over HTTPS
     */
    public static boolean arrivedSecure(boolean containerSecure, boolean peerIsTrustedProxy,
                                        List<String> xForwardedProto, List<String> forwarded) {
        if (containerSecure) {
            return true;
        }
        if (!peerIsTrustedProxy) {
            return false;
        }
        Claim x = ofXForwardedProto(xForwardedProto);
        Claim f = ofForwarded(forwarded);
        if (vetoes(x) || vetoes(f)) {
            return false;
        }
        return x == Claim.HTTPS || f == Claim.HTTPS;
    }

    /**
     * Whether a trusted proxy's headers say the request reached it over something other than HTTPS: one of them is
     * there and they are not believed ({@link #arrivedSecure}). Worth one warning: behind a chain of proxies only
     * the nearest one's value counts, and an inner proxy that writes the scheme it received itself (nginx's
     * {@code $scheme}: {@code http}) makes every request plain HTTP, even those that reached the outer proxy over
     * HTTPS.
     *
     * @param xForwardedProto the {@code X-Forwarded-Proto} header lines in the order received; may be empty
     * @param forwarded the {@code Forwarded} header lines in the order received; may be empty
     * @return whether a trusted proxy's headers say the request reached it over something other than HTTPS: one of them is there and they are not believed ({@link #arrivedSecure})
     */
    public static boolean proxySaysNotHttps(List<String> xForwardedProto, List<String> forwarded) {
        Claim x = ofXForwardedProto(xForwardedProto);
        Claim f = ofForwarded(forwarded);
        return (x != Claim.NONE || f != Claim.NONE) && !arrivedSecure(false, true, xForwardedProto, forwarded);
    }

    /**
     * The origin a browser names for the request, {@code scheme://host[:port]}: {@code https} when it arrived
     * secure. A container that sees plain HTTP fills in port 80 when the {@code Host} header names none; behind a
     * TLS proxy that is HTTPS's default port, 443, so it is dropped as well.
     *
     * @param secure          what {@link #arrivedSecure} decided
     * @param containerScheme {@code request.getScheme()}
     * @param host            {@code request.getServerName()}
     * @param port            {@code request.getServerPort()}
     * @return the origin a browser names for the request, {@code scheme://host[:port]}: {@code https} when it arrived secure
     */
    public static String origin(boolean secure, String containerScheme, String host, int port) {
        Objects.requireNonNull(containerScheme, "containerScheme");
        boolean upgraded = secure && !isAscii(containerScheme, "https");
        String scheme = secure ? "https" : containerScheme;
        boolean defaultPort = (port == 443 && "https".equals(scheme))
                || (port == 80 && ("http".equals(scheme) || upgraded));
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    /**
     * What {@code X-Forwarded-Proto} says about the peer's hop: its last comma-separated value.
     *
     * @param lines the lines
     * @return what {@code X-Forwarded-Proto} says about the peer's hop: its last comma-separated value
     */
    public static Claim ofXForwardedProto(List<String> lines) {
        if (lines == null || lines.isEmpty()) {
            return Claim.NONE;
        }
        String last = lines.get(lines.size() - 1);
        if (last == null) {
            return Claim.UNREADABLE;
        }
        return scheme(trimmed(last, last.lastIndexOf(',') + 1, last.length()));
    }

    /**
     * What RFC 7239 {@code Forwarded} says about the peer's hop: the {@code proto} of its last element
     * (§4: elements are comma-separated, each proxy adds its own at the end; §5.4: {@code proto} is a URI scheme,
     * case-insensitive). Quoted strings are honoured, so a comma or semicolon inside quotes separates nothing.
     *
     * @param lines the lines
     * @return the claim
     */
    public static Claim ofForwarded(List<String> lines) {
        if (lines == null || lines.isEmpty()) {
            return Claim.NONE;
        }
        String last = lines.get(lines.size() - 1);
        if (last == null || last.length() > MAX_FORWARDED) {
            return Claim.UNREADABLE;
        }
        int start = lastElementStart(last);
        return start < 0 ? Claim.UNREADABLE : protoOf(last, start);
    }

    private static boolean vetoes(Claim c) {
        return c == Claim.HTTP || c == Claim.UNREADABLE;
    }

    /** Start of the last top-level element of a Forwarded line; -1 when a quoted string is left open. */
    private static int lastElementStart(String line) {
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++; // quoted-pair (RFC 9110 §5.6.4)
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                start = i + 1;
            }
        }
        return quoted ? -1 : start;
    }

    /** The proto of the element {@code line[start..]}: pairs {@code name=value} separated by {@code ;}. */
    private static Claim protoOf(String line, int start) {
        Claim proto = Claim.NONE;
        boolean seen = false;
        int i = start;
        while (i <= line.length()) {
            int end = pairEnd(line, i);
            String pair = trimmed(line, i, end);
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    return Claim.UNREADABLE;
                }
                if (isAscii(pair.substring(0, eq), "proto")) {
                    if (seen) {
                        return Claim.UNREADABLE; // §4: a parameter MUST NOT occur more than once per element
                    }
                    seen = true;
                    String value = unquoted(pair.substring(eq + 1));
                    proto = value == null ? Claim.UNREADABLE : scheme(value);
                }
            }
            i = end + 1;
        }
        return proto;
    }

    /** End (exclusive) of the pair starting at {@code from}: the next {@code ;} outside quotes, or the end. */
    private static int pairEnd(String line, int from) {
        boolean quoted = false;
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ';') {
                return i;
            }
        }
        return line.length();
    }

    /** A token as is, a quoted-string without its quotes and escapes; {@code null} if malformed. */
    private static String unquoted(String value) {
        if (value.isEmpty() || value.charAt(0) != '"') {
            return value.indexOf('"') >= 0 ? null : value;
        }
        if (value.length() < 2 || value.charAt(value.length() - 1) != '"') {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            } else if (c == '"' || c == '\\') {
                return null;
            }
            out.append(c);
            if (out.length() > MAX_VALUE) {
                return out.toString(); // already too long to be a scheme the rule knows
            }
        }
        return out.toString();
    }

    /** The claim of a scheme value: {@code https} or {@code http} in ASCII of any case, else unreadable. */
    private static Claim scheme(String value) {
        if (isAscii(value, "https")) {
            return Claim.HTTPS;
        }
        return isAscii(value, "http") ? Claim.HTTP : Claim.UNREADABLE;
    }

    /**
     * Case-insensitive comparison in ASCII only: {@link String#equalsIgnoreCase} would also take the long s
     * ({@code ſ}, U+017F) for an {@code s}.
     */
    private static boolean isAscii(String value, String lowerCase) {
        if (value.length() != lowerCase.length()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (lower != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code s[from, to)} without the spaces and tabs around it (OWS, RFC 9110 §5.6.3). */
    private static String trimmed(String s, int from, int to) {
        while (from < to && isSpace(s.charAt(from))) {
            from++;
        }
        while (to > from && isSpace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
