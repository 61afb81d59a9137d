package dev.stepwise.mfa.factor.recovery;

import java.util.Optional;

/**
 * How recovery codes are written and read back. A code is 16 symbols of Crockford's base32 alphabet
 * ({@code 0-9 a-z} without {@code i l o u}) — 5 bits each, 80 bits in all (NIST SP 800-63B §5.1.2.1: look-up
 * secrets need at least 64 bits) — shown as four groups: {@code 7k2m-9xq4-h3vd-05tr}.
 *
 * <p>Reading is forgiving in the ways that cannot add guesses: case is ignored, dashes and spaces are dropped
 * wherever they are, and the letters the alphabet leaves out because they look like digits are read as those
 * digits ({@code o}→{@code 0}, {@code i}/{@code l}→{@code 1}), as Crockford's decoding rules say. Everything else
 * — other letters such as {@code u}, non-ASCII look-alikes, wrong length — is malformed.
 *
 * <pre>{@code
 * RecoveryCodeFormat.normalise(" 7K2M 9XQ4-H3VD-O5TR ")   // Optional["7K2M9XQ4H3VD05TR"]
 * }</pre>
 */
public final class RecoveryCodeFormat {

    /** Crockford's base32 symbols in value order, as displayed (lower case). */
    public static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

    /** Symbols per code: 16 × 5 bits = {@value #BITS} bits. */
    public static final int SYMBOLS = 16;

    /** Entropy of one code, in bits. */
    public static final int BITS = SYMBOLS * 5;

    /** Symbols per displayed group. */
    public static final int GROUP = 4;

    /** Longest raw input looked at; anything longer is refused unread. */
    public static final int MAX_INPUT_LENGTH = 64;

    private RecoveryCodeFormat() {
    }

    /**
     * The canonical form of a typed code (16 upper-case alphabet symbols, no separators), or empty if the input
     * cannot be a code. Never throws and never echoes the input.
     *
     * @param input the input
     * @return the canonical form of a typed code (16 upper-case alphabet symbols, no separators), or empty if the input cannot be a code
     */
    public static Optional<String> normalise(String input) {
        if (input == null || input.length() > MAX_INPUT_LENGTH) {
            return Optional.empty();   // length first: nothing else is done with oversized input
        }
        String trimmed = input.strip();
        StringBuilder canonical = new StringBuilder(SYMBOLS);
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '-' || c == ' ') {
                continue;
            }
            char symbol = symbol(c);
            if (symbol == 0 || canonical.length() == SYMBOLS) {
                return Optional.empty();
            }
            canonical.append(symbol);
        }
        return canonical.length() == SYMBOLS ? Optional.of(canonical.toString()) : Optional.empty();
    }

    /** The upper-case alphabet symbol {@code c} stands for, or 0. ASCII only: no locale-dependent case rules. */
    private static char symbol(char c) {
        char upper = (c >= 'a' && c <= 'z') ? (char) (c - 'a' + 'A') : c;
        switch (upper) {
            case 'O':
                return '0';
            case 'I':
            case 'L':
                return '1';
            case 'U':
                return 0;
            default:
                return (upper >= '0' && upper <= '9') || (upper >= 'A' && upper <= 'Z') ? upper : 0;
        }
    }

    /** The display form of a canonical code: lower case, dash every {@value #GROUP} symbols. */
    static String display(String canonical) {
        StringBuilder shown = new StringBuilder(SYMBOLS + SYMBOLS / GROUP);
        for (int i = 0; i < canonical.length(); i++) {
            if (i > 0 && i % GROUP == 0) {
                shown.append('-');
            }
            shown.append(Character.toLowerCase(canonical.charAt(i)));
        }
        return shown.toString();
    }
}
