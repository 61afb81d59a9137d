package dev.stepwise.mfa.core;

/**
 * Whether a typed code can be an answer at all, before it is checked as one (README "JSON challenge API"). Every
 * code the library issues or accepts (TOTP, e-mail and SMS codes, recovery codes) is printable ASCII and short; a
 * value that is not cannot be right, so it is refused as malformed input, never counted as a guess, and never
 * handed to a factor or stored. A well-formed wrong code is a guess and goes through the throttle like any other.
 *
 * <pre>{@code
 * CodeShape.isPlausible("123456");       // true: check it (one attempt)
 * CodeShape.isPlausible("１２３４５６");   // false: full-width digits, 400, not counted
 * }</pre>
 */
public final class CodeShape {

    /** The longest code looked at: longer than any code the library issues, with room for spaces and dashes. */
    public static final int MAX_LENGTH = 64;

    private CodeShape() {
    }

    /**
     * Whether {@code code} is 1 to {@value #MAX_LENGTH} printable ASCII characters (space to tilde).
     *
     * @param code the typed code, or {@code null}
     * @return whether it may be checked as an answer
     */
    public static boolean isPlausible(String code) {
        if (code == null || code.isEmpty() || code.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
