package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.totp.TotpSecret;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a test reads off a page, as a browser would: the CSRF token, a form's hidden fields, a shown secret. */
final class PageParts {

    private static final Pattern CSRF = Pattern.compile("name=\"stepwise_csrf\" value=\"([^\"]+)\"");
    private static final Pattern HIDDEN = Pattern.compile("<input[^>]*type=\"hidden\"[^>]*>");
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");
    private static final Pattern TOTP_SECRET = Pattern.compile("id=\"stepwise-secret\">([A-Z2-7 ]+)<");
    private static final Pattern RECOVERY_CODE =
            Pattern.compile("<code>([0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4})</code>");

    private PageParts() {
    }

    /** The session's CSRF token as the page carries it (the library's pages always do), if it does. */
    static Optional<String> csrf(HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The hidden fields of the form with id {@code formId}, unescaped, in page order; empty if no such form. */
    static Map<String, String> hiddenFields(HttpResponse<String> page, String formId) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher form = Pattern.compile("<form[^>]*id=\"" + Pattern.quote(formId) + "\"[^>]*>(.*?)</form>",
                Pattern.DOTALL).matcher(page.body());
        if (form.find()) {
            Matcher hidden = HIDDEN.matcher(form.group(1));
            while (hidden.find()) {
                Matcher name = NAME.matcher(hidden.group());
                Matcher value = VALUE.matcher(hidden.group());
                if (name.find()) {
                    fields.put(unescape(name.group(1)), value.find() ? unescape(value.group(1)) : "");
                }
            }
        }
        return fields;
    }

    /** The authenticator-app secret a settings page shows, if it shows one. */
    static Optional<TotpSecret> totpSecret(HttpResponse<String> page) {
        Matcher m = TOTP_SECRET.matcher(page.body());
        return m.find() ? Optional.of(TotpSecret.fromBase32(m.group(1))) : Optional.empty();
    }

    /** The recovery codes a page shows (once, after the first factor is set up), in page order; may be empty. */
    static List<String> recoveryCodes(HttpResponse<String> page) {
        List<String> codes = new ArrayList<>();
        Matcher m = RECOVERY_CODE.matcher(page.body());
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    /** How the sample's account page greets {@code user}: what a test looks for to know who is signed in. */
    static String welcome(String user) {
        return "Welcome, <span id=\"user\">" + user + "</span>";
    }

    /** Undoes the escaping of {@code <c:out>} / {@code fn:escapeXml} in an attribute value. */
    static String unescape(String html) {
        return html.replace("&#034;", "\"").replace("&#039;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }
}
