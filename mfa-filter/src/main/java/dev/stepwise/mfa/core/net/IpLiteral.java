package dev.stepwise.mfa.core.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IP address literals: strict parsing without name lookups, canonical text, and IPv4-mapped IPv6 unwrapping.
 *
 * <p>{@link InetAddress#getByName} resolves anything that is not a literal through DNS, so a header value such
 * as {@code attacker.example} would trigger a lookup; this parser only ever turns text into 4 or 16 bytes and
 * hands those to {@link InetAddress#getByAddress(byte[])}.
 *
 * <pre>{@code
 * IpLiteral.parse("203.0.113.7");            // Optional[/203.0.113.7]
 * IpLiteral.parse("2001:db8::1");            // Optional[/2001:db8:0:0:0:0:0:1]
 * IpLiteral.parse("::ffff:203.0.113.7");     // Optional[/203.0.113.7]  (an IPv4 client behind a dual stack)
 * IpLiteral.parse("example.com");            // Optional.empty, no DNS
 * IpLiteral.format(address);                 // "2001:db8::1" (RFC 5952)
 * }</pre>
 *
 * <p>Accepted: dotted-quad IPv4 (decimal, no leading zeros, which some parsers read as octal), and IPv6 in the
 * RFC 4291 §2.2 text forms including {@code ::} and a trailing dotted quad. Not accepted: zone ids
 * ({@code fe80::1%eth0}), brackets, ports, shortened IPv4 ({@code 127.1}), hexadecimal or octal IPv4 parts.
 */
public final class IpLiteral {

    /** Longest IPv6 text: {@code ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255}. */
    public static final int MAX_LENGTH = 45;

    private IpLiteral() {
    }

    /**
     * The address {@code text} denotes, or empty when it is not an IPv4 or IPv6 literal.
     *
     * @param text the text
     * @return the address {@code text} denotes, or empty when it is not an IPv4 or IPv6 literal
     */
    public static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        byte[] bytes = text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text, 0, text.length());
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            // 4 or 16 bytes: no lookup; a 16-byte IPv4-mapped address comes back as an Inet4Address
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    /**
     * The same address as an {@link Inet4Address} when it is IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d},
     * RFC 4291 §2.5.5.2), else {@code address} itself. {@code InetAddress.getByAddress} already unwraps, but an
     * {@code Inet6Address} built with a scope id keeps the mapped form.
     *
     * @param address the address
     * @return the same address as an {@link Inet4Address} when it is IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}, RFC 4291 §2.5.5.2), else {@code address} itself
     */
    public static InetAddress unmap(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            for (int i = 0; i < 10; i++) {
                if (b[i] != 0) {
                    return address;
                }
            }
            if (b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
                try {
                    return InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("4 bytes are always an address", e);
                }
            }
        }
        return address;
    }

    /**
     * Canonical text: dotted quad for IPv4 (also IPv4-mapped), RFC 5952 for IPv6 (lower case, longest run of
     * two or more zero groups as {@code ::}, the first on a tie, no zone id).
     *
     * @param address the address
     * @return the format
     */
    public static String format(InetAddress address) {
        InetAddress a = unmap(address);
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int[] run = longestZeroRun(groups);
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == run[0]) {
                s.append("::");
                i += run[1] - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        return s.toString();
    }

    /** Start and length of the longest run of two or more zero groups (the first on a tie); start -1 if none. */
    private static int[] longestZeroRun(int[] groups) {
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < groups.length; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < groups.length && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        if (bestLength < 2) {
            return new int[] {-1, 0}; // RFC 5952 §4.2.2: a single zero group is not shortened
        }
        return new int[] {bestStart, bestLength};
    }

    /** Dotted quad in {@code text[from, to)}; {@code null} if it is not exactly one. */
    private static byte[] parseV4(String text, int from, int to) {
        byte[] out = new byte[4];
        int part = 0;
        int i = from;
        while (part < 4) {
            int start = i;
            int value = 0;
            while (i < to && i - start < 3 && isDigit(text.charAt(i))) {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) value;
            if (part < 4) {
                if (i >= to || text.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == to ? out : null;
    }

    /** RFC 4291 §2.2 text; {@code null} if it is not a valid IPv6 literal. */
    private static byte[] parseV6(String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return null; // "::" at most once
        }
        byte[] out = new byte[16];
        if (doubleColon < 0) {
            return parseGroups(text, 0, text.length(), out, true) == 16 ? out : null;
        }
        byte[] head = new byte[16];
        int headBytes = parseGroups(text, 0, doubleColon, head, false);
        if (headBytes < 0) {
            return null;
        }
        byte[] tail = new byte[16];
        int tailBytes = parseGroups(text, doubleColon + 2, text.length(), tail, true);
        // "::" stands for at least one zero group (RFC 5952 §4.2.2 asks writers for two; RFC 4291 reads one)
        if (tailBytes < 0 || headBytes + tailBytes > 14) {
            return null;
        }
        System.arraycopy(head, 0, out, 0, headBytes);
        System.arraycopy(tail, 0, out, 16 - tailBytes, tailBytes);
        return out;
    }

    /**
     * Colon-separated hex groups in {@code text[from, to)}, written to {@code out} (16 bytes) from its start,
     * optionally ending in a dotted quad when {@code mayEndInV4} (only the last 32 bits of the address may be one).
     * Returns the number of bytes written, or -1 when malformed. An empty range is zero groups.
     */
    private static int parseGroups(String text, int from, int to, byte[] out, boolean mayEndInV4) {
        if (from == to) {
            return 0;
        }
        int limit = out.length;
        int pos = 0;
        int i = from;
        while (true) {
            int end = text.indexOf(':', i);
            if (end < 0 || end > to) {
                end = to;
            }
            if (end == i) {
                return -1; // empty group: a leading, trailing or tripled colon
            }
            if (end == to && text.lastIndexOf('.', to - 1) >= i) {
                // RFC 4291 §2.2 form 3: the last 32 bits as a dotted quad
                return mayEndInV4 ? dottedQuadTail(text, i, to, out, pos) : -1;
            }
            if (end - i > 4 || pos + 2 > limit) {
                return -1;
            }
            int value = hexGroup(text, i, end);
            if (value < 0) {
                return -1;
            }
            out[pos++] = (byte) (value >> 8);
            out[pos++] = (byte) value;
            if (end == to) {
                return pos;
            }
            i = end + 1;
            if (i == to) {
                return -1; // trailing single colon
            }
        }
    }

    /** The dotted quad ending an IPv6 literal, written at {@code out[pos]}; bytes written in all, or -1. */
    private static int dottedQuadTail(String text, int from, int to, byte[] out, int pos) {
        byte[] v4 = parseV4(text, from, to);
        if (v4 == null || pos + 4 > out.length) {
            return -1;
        }
        System.arraycopy(v4, 0, out, pos, 4);
        return pos + 4;
    }

    /** The value of the hex digits in {@code text[from, to)}, or -1 when one is not an ASCII hex digit. */
    private static int hexGroup(String text, int from, int to) {
        int value = 0;
        for (int k = from; k < to; k++) {
            int d = Character.digit(text.charAt(k), 16);
            if (d < 0 || text.charAt(k) > 'f') {
                return -1; // Character.digit accepts fullwidth and other Unicode digits; ASCII only here
            }
            value = (value << 4) | d;
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
