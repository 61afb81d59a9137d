package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.risk.RiskReason;
import dev.stepwise.mfa.http.PageLocale;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The texts of the library's pages that depend on a factor or a requirement, from the bundle
 * {@value #MESSAGES} (README: "Challenge and settings pages"). The pages write them escaped.
 *
 * <p>A requirement's {@code reason} may also come from the application's own bundle, named by
 * {@code stepwise.mfa.reason-bundle} (README "Languages"): its {@code stepwise.mfa.reason.<reason>} is looked up
 * first, in the page's language; the application's base file is used for a language only when the library has no
 * text of its own for that reason in it.
 */
final class PageTexts {

    static final String MESSAGES = PageLocale.MESSAGES;

    private static final System.Logger LOG = System.getLogger(PageTexts.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;
    /** The application's reasons, or {@code null} when it names no bundle (or it cannot be found). */
    private final ResourceBundle own;
    private final Locale locale;

    private PageTexts(ResourceBundle bundle, ResourceBundle own, Locale locale) {
        this.bundle = bundle;
        this.own = own;
        this.locale = locale;
    }

    /**
     * The library's texts in {@code locale}.
     *
     * @param locale the pages' language ({@link PageLocale})
     */
    static PageTexts of(Locale locale) {
        return of(locale, null);
    }

    /**
     * The library's texts in {@code locale}, the reasons of the application's bundle {@code ownBundle} first.
     *
     * @param locale    the pages' language ({@link PageLocale})
     * @param ownBundle the application's bundle base name ({@code stepwise.mfa.reason-bundle}), or {@code null}
     */
    static PageTexts of(Locale locale, String ownBundle) {
        return new PageTexts(PageLocale.texts(locale), ownBundle == null ? null : own(ownBundle, locale), locale);
    }

    /** The application's bundle in {@code locale} (else its base file), or {@code null} with one warning. */
    private static ResourceBundle own(String name, Locale locale) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return ResourceBundle.getBundle(name, locale,
                    loader != null ? loader : PageTexts.class.getClassLoader(), NO_FALLBACK);
        } catch (MissingResourceException e) {
            if (WARNED.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: stepwise.mfa.reason-bundle names the bundle {0}, "
                        + "which cannot be found; the library's reason texts are shown", name);
            }
            return null;
        }
    }

    /** Display names of factors: the bundle's {@code stepwise.mfa.factor.<id>.name}, else the id itself. */
    Map<String, String> factorNames(List<String> factors) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String id : factors) {
            names.put(id, text("stepwise.mfa.factor." + id + ".name").orElse(id));
        }
        return names;
    }

    /**
     * Why the user is asked: {@code stepwise.mfa.reason.<reason>} of the application's bundle, then of the
     * library's, else the default text (which the application's bundle may also give).
     */
    String reason(String reason) {
        Optional<String> specific = reason == null || reason.isEmpty() ? Optional.empty()
                : reasonText("stepwise.mfa.reason." + reason);
        return specific.or(() -> reasonText("stepwise.mfa.reason.default"))
                .orElseGet(() -> bundle.getString("stepwise.mfa.reason.default"));
    }

    /**
     * A reason's text: the application's in the page's language, else the library's, else the application's base
     * file (a reason only the application knows, in a language it has no file for).
     */
    private Optional<String> reasonText(String key) {
        boolean ownHasIt = own != null && own.containsKey(key);
        if (ownHasIt && own.getLocale().equals(bundle.getLocale())) {
            return Optional.of(own.getString(key));
        }
        Optional<String> library = text(key);
        return library.isPresent() || !ownHasIt ? library : Optional.of(own.getString(key));
    }

    /**
     * The texts of risk reasons, in order: the application's or the library's text of each key, its arguments
     * filled in (a {@link RiskReason#countryArg} as the country's name in the page's language), or
     * {@code ???key???} for a key no bundle has (as {@code fmt:message} shows it).
     */
    List<String> risk(List<RiskReason> reasons) {
        List<String> texts = new ArrayList<>(reasons.size());
        for (RiskReason r : reasons) {
            Optional<String> text = reasonText(r.messageKey());
            if (text.isEmpty()) {
                texts.add("???" + r.messageKey() + "???");
            } else if (r.args().isEmpty()) {
                texts.add(text.get());       // no MessageFormat without arguments, as fmt:message
            } else {
                Object[] args = r.args().stream().map(this::riskArg).toArray();
                texts.add(new MessageFormat(text.get(), locale).format(args));
            }
        }
        return List.copyOf(texts);
    }

    private String riskArg(String arg) {
        if (arg.startsWith(RiskReason.COUNTRY_ARG)) {
            String code = arg.substring(RiskReason.COUNTRY_ARG.length());
            String name = new Locale.Builder().setRegion(code).build().getDisplayCountry(locale);
            return name.isEmpty() ? code : name;
        }
        return arg;
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
