package dev.stepwise.mfa.http;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.jsp.jstl.core.Config;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Pattern;

/**
 * The language of the library's pages for one request (README "Languages"): the first of the browser's preferred
 * languages ({@code Accept-Language}, as the container parsed it: {@link HttpServletRequest#getLocales()}) that the
 * page bundle {@value #MESSAGES} has, else English, its base file. The server's default locale never decides: an
 * unknown language gets English. Only the first eight preferences are looked at, and only a
 * language of two or three letters (ISO 639) is looked up; anything else the header held is skipped.
 */
public final class PageLocale {

    /** The bundle of the library's page texts. */
    public static final String MESSAGES = "dev.stepwise.mfa.web.messages";

    /** How many of the browser's preferences are looked at, at most. */
    static final int MAX_PREFERENCES = 8;
    /** The request attribute the pages read their {@code <html lang>} from: the language their texts are in. */
    public static final String LANG_ATTRIBUTE = "stepwise_lang";

    private static final String BASE_LANGUAGE = "en";
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private PageLocale() {
    }

    /**
     * The pages' language for {@code request}.
     *
     * @param request the HTTP request
     * @return the locale of the bundle to use: a language the bundle has, or {@link Locale#ROOT} for English
     */
    public static Locale of(HttpServletRequest request) {
        Enumeration<Locale> preferred;
        try {
            preferred = request.getLocales();
        } catch (RuntimeException unreadable) {
            return Locale.ROOT; // a header the container cannot parse: English
        }
        return choose(preferred == null ? Collections.emptyEnumeration() : preferred);
    }

    /**
     * The first of {@code preferred} that the page bundle has, else {@link Locale#ROOT} (English).
     *
     * @param preferred the browser's languages, most wanted first
     * @return the locale of the bundle to use
     */
    public static Locale choose(Enumeration<Locale> preferred) {
        for (int i = 0; i < MAX_PREFERENCES && preferred.hasMoreElements(); i++) {
            Locale wanted = preferred.nextElement();
            String language = wanted == null ? "" : wanted.getLanguage();
            if (BASE_LANGUAGE.equals(language)) {
                return Locale.ROOT;
            }
            if (LANGUAGE.matcher(language).matches()) {
                Locale found = texts(new Locale(language)).getLocale();
                if (found.getLanguage().equals(language)) {
                    return found;
                }
            }
        }
        return Locale.ROOT;
    }

    /**
     * The page texts in {@code locale}, or in English where the bundle has no file for it (never the server's
     * default locale).
     *
     * @param locale a locale from {@link #of} or {@link #choose}
     * @return the page bundle
     */
    public static ResourceBundle texts(Locale locale) {
        return ResourceBundle.getBundle(MESSAGES, locale, NO_FALLBACK);
    }

    /**
     * Makes the JSTL tags of the page that {@code request} is forwarded to use {@code locale} (the JSTL request
     * locale, {@code Config.FMT_LOCALE}), so the page's texts and the texts of its model agree. English is named
     * {@link Locale#ENGLISH}, for which JSTL takes the bundle's base file.
     *
     * @param request the HTTP request about to be forwarded to a library page
     * @param locale  a locale from {@link #of} or {@link #choose}
     */
    public static void forPage(ServletRequest request, Locale locale) {
        Config.set(request, Config.FMT_LOCALE, locale.getLanguage().isEmpty() ? Locale.ENGLISH : locale);
        request.setAttribute(LANG_ATTRIBUTE, language(locale));
    }

    /**
     * The {@code lang} attribute's value of a page in {@code locale}.
     *
     * @param locale a locale from {@link #of} or {@link #choose}
     * @return its language, {@code en} for the base bundle
     */
    public static String language(Locale locale) {
        return locale.getLanguage().isEmpty() ? BASE_LANGUAGE : locale.getLanguage();
    }
}
