package dev.stepwise.mfa.http;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which form fields look like they carry a secret, by name: the rule the step-up page masks submitted values by,
 * and by which a saved form of the library's own pages keeps no secret ({@link RequestCapture}).
 */
public final class SecretFields {

    /** The library's CSRF field: the session holds its value anyway, and a replayed form needs it. */
    public static final String CSRF_FIELD = "stepwise_csrf";

    /** The settings page's field naming a security key by its id, which a replayed removal or renaming needs. */
    public static final String KEY_ID_FIELD = "key";

    /** Fields of the library's own forms whose names look secret but that hold no secret and a replay needs. */
    static final Set<String> OWN_IDENTIFIERS = Set.of(CSRF_FIELD, KEY_ID_FIELD);

    /** Parts of a field name that mean its value is a secret, wherever they stand ({@code mypasswd}, {@code cvv2},
     *  {@code answer3} of the security questions' form). */
    private static final List<String> SECRET_PARTS = List.of("passw", "passwd", "passcode", "passphrase", "pwd",
            "secret", "answer", "token", "otp", "cvv", "cvc", "csrf", "apikey", "privatekey", "credential",
            "kennwort", "motdepasse", "contrasena");
    /** Endings that mean a secret ({@code newpin}, {@code smscode}, {@code accesskey}) unless the whole name is one of
     *  the payment identifiers the user must see to confirm a payee. */
    private static final List<String> SECRET_ENDINGS = List.of("pin", "code", "key", "pass", "pw");
    private static final Set<String> PAYEE_IDENTIFIERS = Set.of("postcode", "zipcode", "sortcode",
            "swiftcode", "bankcode", "branchcode", "countrycode", "currencycode", "areacode", "pixkey", "payeekey");

    private SecretFields() {
    }

    /**
     * Whether a field's name looks like it carries a secret: it contains a secret part anywhere
     * ({@code new_password}, {@code mypasswd}, {@code stepwise_csrf}, {@code cvv2}), or ends like a PIN, a code or
     * a key or a password's short form ({@code newpin}, {@code smsCode}, {@code new_pw}) and is not a payment
     * identifier such as {@code sortCode}; names in other scripts' compatibility forms and with accents are folded
     * first (fullwidth letters, accented spellings).
     *
     * @param name the field name
     * @return whether its value is treated as a secret
     */
    public static boolean looksSecret(String name) {
        // compatibility forms folded (fullwidth letters) and accents dropped before the comparison
        String n = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKD).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "");
        if (SECRET_PARTS.stream().anyMatch(n::contains)) {
            return true;
        }
        String letters = n.replaceAll("[0-9]+$", "");
        return SECRET_ENDINGS.stream().anyMatch(letters::endsWith) && !PAYEE_IDENTIFIERS.contains(letters);
    }
}
