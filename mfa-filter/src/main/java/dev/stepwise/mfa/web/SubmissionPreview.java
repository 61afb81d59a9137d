package dev.stepwise.mfa.web;

import dev.stepwise.mfa.http.SavedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the challenge page shows of the request it will submit once the factor is proven, so the user confirms
 * the amount and the recipient they see rather than a request someone else prepared. Values of fields whose
 * names look like secrets are masked; long values and long forms are cut, never hidden silently.
 *
 * <pre>{@code
 * SubmissionPreview p = SubmissionPreview.of(saved);
 * p.method() + " " + p.path();          // "POST /api/transfers"
 * p.fields();                           // [to = mallory, amount = 7, password = ••••••]
 * }</pre>
 *
 * @param method  the HTTP method
 * @param path    the context-relative path (decoded for reading)
 * @param fields  field names and the values shown, in the request's order
 * @param omitted how many further fields were not listed
 */
public record SubmissionPreview(String method, String path, List<Field> fields, int omitted) {

    /** Shown instead of a secret's value. */
    public static final String MASK = "••••••";
    static final int MAX_FIELDS = 40;
    static final int MAX_VALUE = 120;

    /**
     * One field as shown.
     *
     * @param name   the field name (cut when long)
     * @param value  the value to show: the value, cut when long, or {@link #MASK}
     * @param masked whether the value is hidden because the name looks like a secret
     */
    public record Field(String name, String value, boolean masked) {
        /**
         * Checks the components and copies the mutable ones.
         * @param name the field name (cut when long)
         * @param value the value to show: the value, cut when long, or {@link #MASK}
         * @param masked whether the value is hidden because the name looks like a secret
         */
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Checks the components and copies the mutable ones.
     * @param method the HTTP method
     * @param path the context-relative path (decoded for reading)
     * @param fields field names and the values shown, in the request's order
     * @param omitted how many further fields were not listed
     */
    public SubmissionPreview {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        fields = List.copyOf(fields);
    }

    /**
     * The preview of a saved request.
     *
     * @param saved the saved
     * @return the preview of a saved request
     */
    public static SubmissionPreview of(SavedRequest saved) {
        List<Field> fields = new ArrayList<>();
        int omitted = 0;
        for (var entry : saved.params().entrySet()) {
            for (String value : entry.getValue()) {
                if (fields.size() == MAX_FIELDS) {
                    omitted++;
                    continue;
                }
                String name = entry.getKey();
                boolean secret = isSecret(name);
                fields.add(new Field(cut(name), secret ? MASK : cut(value), secret));
            }
        }
        return new SubmissionPreview(saved.method(), cut(decode(saved.path())), fields, omitted);
    }

    /**
     * Whether a field's name looks like it carries a secret: it contains a secret part anywhere
     * ({@code new_password}, {@code mypasswd}, {@code stepwise_csrf}, {@code cvv2}), or ends like a PIN, a code or
     * a key ({@code newpin}, {@code smsCode}) and is not a payment identifier such as {@code sortCode}.
     */
    static boolean isSecret(String name) {
        return dev.stepwise.mfa.http.SecretFields.looksSecret(name);
    }

    private static String decode(String path) {
        try {
            return java.net.URLDecoder.decode(path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path;
        }
    }

    private static String cut(String s) {
        // Control and format characters (bidi overrides, zero-width) would let a value pretend to be another.
        String printable = s.codePoints()
                .map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '\uFFFD' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > MAX_VALUE ? printable.substring(0, MAX_VALUE) + "…" : printable;
    }
}
