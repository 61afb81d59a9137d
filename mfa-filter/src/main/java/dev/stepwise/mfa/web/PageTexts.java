package dev.stepwise.mfa.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The texts of the library's pages that depend on a factor or a requirement, from the bundle
 * {@value #MESSAGES} (README: "Challenge and settings pages"). The pages write them escaped.
 */
final class PageTexts {

    static final String MESSAGES = "dev.stepwise.mfa.web.messages";

    private final ResourceBundle bundle;

    private PageTexts(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    static PageTexts of(Locale locale) {
        return new PageTexts(ResourceBundle.getBundle(MESSAGES, locale));
    }

    /** Display names of factors: the bundle's {@code stepwise.mfa.factor.<id>.name}, else the id itself. */
    Map<String, String> factorNames(List<String> factors) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String id : factors) {
            names.put(id, text("stepwise.mfa.factor." + id + ".name").orElse(id));
        }
        return names;
    }

    /** Why the user is asked: {@code stepwise.mfa.reason.<reason>}, else the default text. */
    String reason(String reason) {
        Optional<String> specific = reason == null || reason.isEmpty() ? Optional.empty()
                : text("stepwise.mfa.reason." + reason);
        return specific.orElseGet(() -> bundle.getString("stepwise.mfa.reason.default"));
    }

    /** The code input's {@code inputmode}: recovery codes have letters, one-time codes are digits. */
    String inputmode(String factorId) {
        return text("stepwise.mfa.factor." + factorId + ".inputmode").orElse("numeric");
    }

    /** The code input's label, when the factor's bundle entry has one. */
    Optional<String> label(String factorId) {
        return text("stepwise.mfa.factor." + factorId + ".label");
    }

    private Optional<String> text(String key) {
        return bundle.containsKey(key) ? Optional.of(bundle.getString(key)) : Optional.empty();
    }
}
