package dev.stepwise.mfa.factor.totp;

import org.apache.commons.codec.binary.Base32;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The shared secret of an authenticator app (the HMAC key of RFC 4226 §5.1). Raw bytes; the base32 forms are
 * what the user types or scans.
 *
 * <pre>{@code
 * TotpSecret secret = TotpSecret.generate();   // 160 bits from SecureRandom
 * String forTheUser = secret.groupedBase32();  // "JBSW Y3DP EHPK 3PXP …"
 * }</pre>
 *
 * <p>{@link #toString()} never shows the key, so a secret that ends up in a log line stays secret.
 *
 * @param bytes the key; copied in and out
 */
public record TotpSecret(byte[] bytes) {

    /**
     * Length of a generated secret: 160 bits (RFC 4226 §4 R6 recommends 160; docs/security-model.md: ≥ 160 bits from
     * {@code SecureRandom}). Also the output size of HMAC-SHA-1.
     */
    public static final int GENERATED_BYTES = 20;

    /**
     * Shortest key accepted: 160 bits, wherever a secret enters (generated, provisioned, read from a store).
     * RFC 4226 §4 R6 requires 128 and recommends 160; this library requires the 160 bits it generates (the output
     * size of HMAC-SHA-1), so a weaker key cannot come in through provisioning or an old row.
     */
    public static final int MIN_BYTES = 20;

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Checks the components and copies the mutable ones.
     * @param bytes the key; copied in and out
     */
    public TotpSecret {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("a TOTP secret needs at least " + MIN_BYTES * 8 + " bits ("
                    + MIN_BYTES + " bytes, " + (MIN_BYTES * 8 + 4) / 5 + " base32 characters); this one has "
                    + bytes.length * 8 + " bits");
        }
        bytes = bytes.clone();
    }

    /** {@return a fresh 160-bit secret from a shared {@link SecureRandom}} */
    public static TotpSecret generate() {
        return generate(RANDOM);
    }

    /**
     * A fresh 160-bit secret from {@code random}.
     *
     * @param random the source of randomness
     * @return a fresh 160-bit secret from {@code random}
     */
    public static TotpSecret generate(SecureRandom random) {
        byte[] key = new byte[GENERATED_BYTES];
        random.nextBytes(key);
        return new TotpSecret(key);
    }

    /**
     * Reads the base32 form (RFC 4648 §6). Case, spaces and padding are ignored, so the grouped form reads back.
     *
     * @param text the text
     * @return the TOTP secret
     * @throws IllegalArgumentException if the text is not base32 or too short; the message never repeats it
     */
    public static TotpSecret fromBase32(String text) {
        Objects.requireNonNull(text, "text");
        String compact = text.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) {
                throw new IllegalArgumentException("not a base32 TOTP secret");
            }
        }
        return new TotpSecret(new Base32().decode(compact));
    }

    /** {@return the bytes (a copy)} */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * RFC 4648 base32 without padding, as the Key URI Format's {@code secret} parameter wants it.
     *
     * @return the secret in Base32 (RFC 4648), as authenticator apps take it
     */
    public String base32() {
        String padded = new Base32().encodeToString(bytes);
        int end = padded.indexOf('=');
        return end < 0 ? padded : padded.substring(0, end);
    }

    /** {@return the base32 form in groups of four, separated by spaces, for typing it into an app by hand} */
    public String groupedBase32() {
        String plain = base32();
        StringBuilder grouped = new StringBuilder(plain.length() + plain.length() / 4);
        for (int i = 0; i < plain.length(); i += 4) {
            if (i > 0) {
                grouped.append(' ');
            }
            grouped.append(plain, i, Math.min(i + 4, plain.length()));
        }
        return grouped.toString();
    }

    /** The key as otp-java takes it: the padded base32 text as ASCII bytes. */
    byte[] base32Ascii() {
        return new Base32().encode(bytes);
    }

    /**
     * Length of the key in bytes.
     *
     * @return the length
     */
    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        // constant time: equality of secrets must not leak how many leading bytes agree
        return other instanceof TotpSecret && MessageDigest.isEqual(bytes, ((TotpSecret) other).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "TotpSecret[" + bytes.length + " bytes]";
    }
}
