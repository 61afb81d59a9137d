package dev.stepwise.mfa.factor.otp;

import java.util.Objects;

/**
 * A freshly generated code in clear text, on its way to the user. It exists only between generation and
 * delivery; the store keeps its {@link CodeHasher hash}. {@link #toString()} hides the digits so that an
 * accidental log statement or exception message cannot leak it.
 *
 * <pre>{@code
 * String body = "Your code: " + code.digits();   // the only way to read it
 * log.log(INFO, "sent " + code);                  // logs "OneTimeCode[hidden]"
 * }</pre>
 *
 * @param digits the code: {@value OneTimeCodeSettings#MIN_DIGITS}–{@value OneTimeCodeSettings#MAX_DIGITS}
 *               ASCII digits
 */
public record OneTimeCode(String digits) {

    /**
     * Checks the components.
     * @param digits the code: {@value OneTimeCodeSettings#MIN_DIGITS}–{@value OneTimeCodeSettings#MAX_DIGITS} ASCII digits
     */
    public OneTimeCode {
        Objects.requireNonNull(digits, "digits");
        if (digits.length() < OneTimeCodeSettings.MIN_DIGITS || digits.length() > OneTimeCodeSettings.MAX_DIGITS
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("a one-time code is 6 to 8 ASCII digits");   // never echo it
        }
    }

    /** {@code "OneTimeCode[hidden]"}: never the digits. */
    @Override
    public String toString() {
        return "OneTimeCode[hidden]";
    }
}
