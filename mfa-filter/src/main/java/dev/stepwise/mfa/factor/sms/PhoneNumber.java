package dev.stepwise.mfa.factor.sms;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 form ({@code +} and 8 to 15 digits, no spaces), the only form the library sends to.
 * Checking the form also keeps anything but digits out of a gateway's request body. {@link #toString()} and
 * {@link #masked()} show only the first two and the last two digits.
 *
 * <pre>{@code
 * PhoneNumber n = PhoneNumber.parse("+4915112345678").orElseThrow();
 * n.masked();   // "+49*********78"
 * }</pre>
 *
 * @param e164 the number, e.g. {@code +4915112345678}
 */
public record PhoneNumber(String e164) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

    /**
     * Checks the components.
     * @param e164 the number, e.g. {@code +4915112345678}
     */
    public PhoneNumber {
        Objects.requireNonNull(e164, "e164");
        if (!E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("not an E.164 phone number");   // not echoed: personal data
        }
    }

    /**
     * The number if {@code text} (stripped) is in E.164 form.
     *
     * @param text the text
     * @return the number if {@code text} (stripped) is in E.164 form
     */
    public static Optional<PhoneNumber> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        return E164.matcher(t).matches() ? Optional.of(new PhoneNumber(t)) : Optional.empty();
    }

    /**
     * {@code +49*********78}: enough to recognise, not enough to call.
     *
     * @return the masked
     */
    public String masked() {
        return e164.substring(0, 3) + "*".repeat(e164.length() - 5) + e164.substring(e164.length() - 2);
    }

    @Override
    public String toString() {
        return masked();
    }
}
