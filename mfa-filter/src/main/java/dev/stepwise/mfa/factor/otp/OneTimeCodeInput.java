package dev.stepwise.mfa.factor.otp;

import java.util.Optional;

/**
 * What a user typed into the code field, reduced to the code or refused — the same rules as for TOTP
 * (docs/security-model.md, ASVS 5.0 "oversized / Unicode / malformed input"), in this order:
 * <ol>
 *   <li>the raw input is at most {@value #MAX_INPUT_LENGTH} characters — checked before anything else;</li>
 *   <li>leading and trailing whitespace is trimmed and spaces (U+0020) between digits are dropped
 *       ({@code "123 456"});</li>
 *   <li>what remains is exactly the configured number of ASCII digits {@code '0'..'9'} — not
 *       {@link Character#isDigit}, which accepts {@code ٣٤٥٦٧٨}.</li>
 * </ol>
 *
 * <pre>{@code
 * OneTimeCodeInput.normalise(" 123 456 ", 6);   // Optional["123456"]
 * OneTimeCodeInput.normalise("٣٤٥٦٧٨", 6);     // Optional.empty
 * }</pre>
 */
public final class OneTimeCodeInput {

    /** Longest raw input looked at; anything longer is refused unread. */
    public static final int MAX_INPUT_LENGTH = 32;

    private OneTimeCodeInput() {
    }

    /**
     * The code as {@code digits} ASCII digits, or empty. Never throws and never echoes the input.
     *
     * @param input the input
     * @param digits the digits
     * @return the code as {@code digits} ASCII digits, or empty
     */
    public static Optional<String> normalise(String input, int digits) {
        if (input == null || input.length() > MAX_INPUT_LENGTH) {
            return Optional.empty();   // length first: nothing else is done with oversized input
        }
        String trimmed = input.strip();
        StringBuilder code = new StringBuilder(digits);
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == ' ') {
                continue;
            }
            if (c < '0' || c > '9' || code.length() == digits) {
                return Optional.empty();   // ASCII digits only, and not too many
            }
            code.append(c);
        }
        return code.length() == digits ? Optional.of(code.toString()) : Optional.empty();
    }
}
