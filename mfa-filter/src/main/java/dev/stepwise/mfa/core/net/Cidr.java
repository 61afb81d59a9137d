package dev.stepwise.mfa.core.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A block of IP addresses, {@code network/prefixLength} (RFC 4632 for IPv4, RFC 4291 §2.3 for IPv6). Pure byte
 * arithmetic on {@link InetAddress#getAddress()}; IPv4-mapped IPv6 addresses are treated as the IPv4 address
 * they carry, both as a network and as a member.
 *
 * <pre>{@code
 * Cidr proxies = Cidr.parse("10.0.0.0/8");
 * proxies.contains(IpLiteral.parse("10.1.2.3").orElseThrow());            // true
 * Cidr.networkOf(IpLiteral.parse("203.0.113.7").orElseThrow());           // 203.0.113.0/24
 * Cidr.networkOf(IpLiteral.parse("2001:db8:1:2::7").orElseThrow());       // 2001:db8:1::/48
 * }</pre>
 *
 * @param network      the first address of the block (host bits zero), never IPv4-mapped
 * @param prefixLength leading bits that are fixed: 0–32 for IPv4, 0–128 for IPv6
 */
public record Cidr(InetAddress network, int prefixLength) {

    /** The prefix adaptive MFA calls "one network" for IPv4: a /24, what one site or ISP pool usually shares. */
    public static final int NETWORK_BITS_V4 = 24;

    /** The prefix adaptive MFA calls "one network" for IPv6: a /48, the usual end-site assignment (RFC 6177). */
    public static final int NETWORK_BITS_V6 = 48;

    /** Accepted format of {@link #parse}, for error messages. */
    public static final String FORMAT = "<IPv4 or IPv6 address>[/<prefix length>], e.g. 10.0.0.0/8 or 2001:db8::/32";

    /**
     * Checks the components.
     * @param network the first address of the block (host bits zero), never IPv4-mapped
     * @param prefixLength leading bits that are fixed: 0–32 for IPv4, 0–128 for IPv6
     */
    public Cidr {
        Objects.requireNonNull(network, "network");
        network = IpLiteral.unmap(network);
        int bits = bits(network);
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be 0 to " + bits + ": " + prefixLength);
        }
        byte[] b = network.getAddress();
        if (!java.util.Arrays.equals(b, masked(b, prefixLength))) {
            throw new IllegalArgumentException(IpLiteral.format(network) + "/" + prefixLength
                    + " has host bits set; the network is " + IpLiteral.format(address(masked(b, prefixLength)))
                    + "/" + prefixLength);
        }
    }

    /**
     * Parses {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a single address ({@code 192.0.2.1} is {@code /32},
     * {@code 2001:db8::1} is {@code /128}). Host bits must be zero: {@code 192.168.1.10/24} is refused rather than
     * silently widened to the whole /24, since trusting more addresses than meant is the dangerous mistake.
     *
     * @param text the text
     * @return the CIDR
     * @throws IllegalArgumentException saying what is wrong (never looks anything up in DNS)
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        int slash = t.indexOf('/');
        String addressPart = slash < 0 ? t : t.substring(0, slash);
        InetAddress address = IpLiteral.parse(addressPart).orElseThrow(
                () -> new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block; expected "
                        + FORMAT));
        int bits = bits(IpLiteral.unmap(address));
        if (slash < 0) {
            return new Cidr(address, bits);
        }
        String lengthPart = t.substring(slash + 1);
        if (lengthPart.isEmpty() || lengthPart.length() > 3) {
            throw new IllegalArgumentException("'" + text + "' has no valid prefix length; expected " + FORMAT);
        }
        int length = 0;
        for (int i = 0; i < lengthPart.length(); i++) {
            char c = lengthPart.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length; expected " + FORMAT);
            }
            length = length * 10 + (c - '0');
        }
        if (length > bits) {
            throw new IllegalArgumentException("'" + text + "': prefix length must be 0 to " + bits);
        }
        return new Cidr(address, length);
    }

    /**
     * The block of {@code prefixLength} bits that contains {@code address} (host bits cleared).
     *
     * @param address the address
     * @param prefixLength leading bits that are fixed: 0–32 for IPv4, 0–128 for IPv6
     * @return the block of {@code prefixLength} bits that contains {@code address} (host bits cleared)
     */
    public static Cidr of(InetAddress address, int prefixLength) {
        InetAddress a = IpLiteral.unmap(Objects.requireNonNull(address, "address"));
        int bits = bits(a);
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be 0 to " + bits + ": " + prefixLength);
        }
        return new Cidr(address(masked(a.getAddress(), prefixLength)), prefixLength);
    }

    /**
     * The network adaptive MFA remembers for {@code address}: its /24 (IPv4) or /48 (IPv6).
     *
     * @param address the address
     * @return the network adaptive MFA remembers for {@code address}: its /24 (IPv4) or /48 (IPv6)
     */
    public static Cidr networkOf(InetAddress address) {
        InetAddress a = IpLiteral.unmap(Objects.requireNonNull(address, "address"));
        return of(a, a instanceof Inet4Address ? NETWORK_BITS_V4 : NETWORK_BITS_V6);
    }

    /**
     * Whether {@code address} is in this block. An IPv4 address is never in an IPv6 block, nor the reverse.
     *
     * @param address the address
     * @return whether {@code address} is in this block
     */
    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] a = IpLiteral.unmap(address).getAddress();
        byte[] n = network.getAddress();
        return a.length == n.length && java.util.Arrays.equals(masked(a, prefixLength), n);
    }

    /** {@return whether this is an IPv4 block} */
    public boolean isIpv4() {
        return network instanceof Inet4Address;
    }

    /** Canonical text, e.g. {@code 203.0.113.0/24} or {@code 2001:db8:1::/48}; what {@link #parse} reads back. */
    @Override
    public String toString() {
        return IpLiteral.format(network) + "/" + prefixLength;
    }

    private static int bits(InetAddress address) {
        return address.getAddress().length * 8;
    }

    private static byte[] masked(byte[] address, int prefixLength) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = prefixLength - i * 8;
            if (keep <= 0) {
                out[i] = 0;
            } else if (keep < 8) {
                out[i] = (byte) (out[i] & (0xff << (8 - keep)));
            }
        }
        return out;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
