package dev.stepwise.mfa.core.net;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Cookie names of one application, so that two applications on one host keep their own cookies.
 *
 * <p>The library's cookies all use {@code Path=/} (the {@code __Host-} prefix demands it, RFC 6265bis §4.1.3.2), so
 * the path cannot keep {@code /bank}'s and {@code /shop}'s apart: the name does. The root application keeps the
 * plain name; any other appends {@code -} and its context path without the leading slash, encoded:
 * <ul>
 *   <li>ASCII letters, digits, {@code -} and {@code .} stay as they are (cookie names are case-sensitive,
 *       RFC 6265 §5.3, like context paths);</li>
 *   <li>every other character, {@code _} and {@code /} included, becomes {@code _} and two upper-case hex digits
 *       per byte of its UTF-8 encoding ({@code /a/b} → {@code a_2Fb}, {@code /a_b} → {@code a_5Fb});</li>
 *   <li>an encoding longer than {@value #MAX_SUFFIX} characters becomes its first {@value #KEPT} characters,
 *       {@code ~} and 32 hex digits of the SHA-256 of the context path.</li>
 * </ul>
 * Every name is an RFC 6265 token. Decoding is unambiguous, so two context paths never share a name: {@code _}
 * always starts an escape, {@code ~} appears only in the shortened form (two shortened names meet only if their
 * 128-bit digests do), and the root's name has no suffix at all.
 *
 * <pre>{@code
 * CookieNames.of("__Host-stepwise-trust", "");        // __Host-stepwise-trust
 * CookieNames.of("__Host-stepwise-trust", "/bank");   // __Host-stepwise-trust-bank
 * CookieNames.of("stepwise-device", "/a/b");          // stepwise-device-a_2Fb
 * CookieNames.of("stepwise-device", "/café");         // stepwise-device-caf_C3_A9
 * }</pre>
 */
public final class CookieNames {

    /** Longest suffix written out in full. */
    public static final int MAX_SUFFIX = 64;

    /** Characters of the encoding kept before the digest in a shortened suffix. */
    public static final int KEPT = 20;

    /** The last context path encoded and its suffix: one application asks for the same one on every request. */
    private static volatile String[] last = {"", ""};

    private CookieNames() {
    }

    /**
     * The name of cookie {@code base} for the application at {@code contextPath}.
     *
     * @param base        the cookie's name in the root application, e.g. {@code __Host-stepwise-trust}
     * @param contextPath {@code getContextPath()}: {@code ""} for the root, else {@code /} and the path
     * @return the name of cookie {@code base} for the application at {@code contextPath}
     */
    public static String of(String base, String contextPath) {
        Objects.requireNonNull(base, "base");
        String suffix = suffix(contextPath);
        return suffix.isEmpty() ? base : base + "-" + suffix;
    }

    /**
     * The encoded context path without its leading slash; empty for the root.
     *
     * @param contextPath {@code getContextPath()}: {@code ""} for the root, else {@code /} and the path
     * @return the encoded context path without its leading slash; empty for the root
     */
    public static String suffix(String contextPath) {
        Objects.requireNonNull(contextPath, "contextPath");
        String[] cached = last;
        if (cached[0].equals(contextPath)) {
            return cached[1];
        }
        String suffix = encode(contextPath);
        last = new String[]{contextPath, suffix};
        return suffix;
    }

    private static String encode(String contextPath) {
        if (contextPath.isEmpty() || contextPath.equals("/")) {
            return "";
        }
        // getContextPath() is "" or starts with '/'; anything else is read as if it did
        String path = contextPath.charAt(0) == '/' ? contextPath.substring(1) : contextPath;
        StringBuilder out = new StringBuilder(path.length() + 8);
        byte[] bytes = utf8(path);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isKept(c)) {
                out.append((char) c);
            } else {
                out.append('_').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
            }
        }
        if (out.length() <= MAX_SUFFIX) {
            return out.toString();
        }
        byte[] digest = sha256(utf8(path));
        return out.substring(0, KEPT) + "~" + HexFormat.of().formatHex(digest, 0, 16);
    }

    private static final String HEX = "0123456789ABCDEF";

    private static boolean isKept(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }

    /**
     * UTF-8 of every code point, a lone surrogate included (encoded like any other code point below U+10000):
     * {@link String#getBytes} would turn each lone surrogate into {@code ?} and two paths into one name.
     */
    private static byte[] utf8(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length() + 8);
        s.codePoints().forEach(cp -> {
            if (cp < 0x80) {
                out.write(cp);
            } else if (cp < 0x800) {
                out.write(0xc0 | cp >> 6);
                out.write(0x80 | cp & 0x3f);
            } else if (cp < 0x10000) {
                out.write(0xe0 | cp >> 12);
                out.write(0x80 | cp >> 6 & 0x3f);
                out.write(0x80 | cp & 0x3f);
            } else {
                out.write(0xf0 | cp >> 18);
                out.write(0x80 | cp >> 12 & 0x3f);
                out.write(0x80 | cp >> 6 & 0x3f);
                out.write(0x80 | cp & 0x3f);
            }
        });
        return out.toByteArray();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
