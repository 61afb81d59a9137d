package dev.stepwise.mfa.factor.email;

import java.util.Objects;

/**
 * An email address as pages and logs may show it: the first character of the local part, {@code ***}, and the
 * domain — {@code alice@example.com} becomes {@code a***@example.com}. Enough for a user to recognise their
 * address, not enough to harvest it from a log or a shoulder-surfed page.
 *
 * <pre>{@code
 * MaskedEmailAddress.of("alice@example.com").value();   // "a***@example.com"
 * }</pre>
 *
 * @param value the masked form
 */
public record MaskedEmailAddress(String value) {

    /**
     * Checks the components.
     * @param value the masked form
     */
    public MaskedEmailAddress {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Masks {@code address}; anything that does not look like {@code local@domain} becomes {@code ***}.
     *
     * @param address the address
     * @return the masked email address
     */
    public static MaskedEmailAddress of(String address) {
        if (address == null) {
            return new MaskedEmailAddress("***");
        }
        String a = address.strip();
        int at = a.lastIndexOf('@');
        if (at < 1 || at == a.length() - 1) {
            return new MaskedEmailAddress("***");
        }
        return new MaskedEmailAddress(a.substring(0, a.offsetByCodePoints(0, 1)) + "***" + a.substring(at));
    }

    @Override
    public String toString() {
        return value;
    }
}
