package dev.stepwise.mfa.http;

import dev.stepwise.mfa.web.FakeHttp;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.jsp.jstl.core.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages' language: the browser's first language the library has, else English, whatever the header holds. */
class PageLocaleTest {

    private static HttpServletRequest browser(String acceptLanguage) {
        FakeHttp.Request request = new FakeHttp.Request("alice", null);
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return request.asHttpServletRequest();
    }

    private static Locale choose(Locale... preferred) {
        return PageLocale.choose(Collections.enumeration(java.util.Arrays.asList(preferred)));
    }

    @Test
    void frenchAndSpanishBrowsersGetTheirLanguage() {
        assertThat(PageLocale.of(browser("fr-FR,fr;q=0.9,en;q=0.5"))).isEqualTo(Locale.FRENCH);
        assertThat(PageLocale.of(browser("es-419"))).isEqualTo(new Locale("es"));
        assertThat(PageLocale.of(browser("de-CH"))).isEqualTo(Locale.GERMAN);
    }

    @Test
    void theFirstLanguageTheLibraryHasWins() {
        assertThat(PageLocale.of(browser("it, fr;q=0.8, de;q=0.5"))).isEqualTo(Locale.FRENCH);
        // English is the bundle's base file: an English reader who also reads French gets English.
        assertThat(PageLocale.of(browser("en-GB, fr;q=0.8"))).isEqualTo(Locale.ROOT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"it", "pt-BR, ja;q=0.5", "*", "", "x-klingon"})
    void anUnknownLanguageGetsEnglishNeverTheServersDefault(String header) {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMAN);
        try {
            assertThat(PageLocale.of(browser(header))).isEqualTo(Locale.ROOT);
            assertThat(PageLocale.texts(PageLocale.of(browser(header))).getString("stepwise.mfa.challenge.title"))
                    .isEqualTo("Confirm it's you");
        } finally {
            Locale.setDefault(before);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr;q=abc", ";;;,,,", "fr-FR;q=2", "\u0000fr", "de;q=0.5;q=0.7"})
    void aMalformedHeaderGetsEnglishWithoutAnException(String header) {
        assertThat(PageLocale.of(browser(header))).isIn(Locale.ROOT, Locale.FRENCH, Locale.GERMAN);
        assertThat(PageLocale.of(browser("fr;q=abc"))).isEqualTo(Locale.ROOT);
    }

    @Test
    void anOversizedHeaderGetsEnglishAndOnlyTheFirstPreferencesAreLookedAt() {
        String huge = "it," + IntStream.range(0, 2_000).mapToObj(i -> "" + (char) ('a' + i / 676 % 26)
                + (char) ('a' + i / 26 % 26) + (char) ('a' + i % 26) + ";q=0.5").collect(Collectors.joining(","))
                + ",fr;q=0.1";
        assertThat(PageLocale.of(browser(huge))).isEqualTo(Locale.ROOT);

        List<Locale> many = new ArrayList<>(Collections.nCopies(PageLocale.MAX_PREFERENCES, Locale.ITALIAN));
        many.add(Locale.FRENCH);
        assertThat(choose(many.toArray(Locale[]::new))).isEqualTo(Locale.ROOT);
    }

    @Test
    void whatAContainerMayHandOverIsSkippedWhenItIsNoLanguage() {
        assertThat(choose(new Locale("x".repeat(5_000)), new Locale("../../fr"), null, new Locale("*"),
                new Locale("fr_FR"))).isEqualTo(Locale.ROOT);
        assertThat(choose(new Locale("../../fr"), Locale.CANADA_FRENCH)).isEqualTo(Locale.FRENCH);
    }

    @Test
    void aContainerThatCannotReadTheHeaderGivesEnglish() {
        FakeHttp.Request request = new FakeHttp.Request("alice", null);
        request.localesFail = true;
        assertThat(PageLocale.of(request.asHttpServletRequest())).isEqualTo(Locale.ROOT);
        request.localesFail = false;
        request.containerLocales = List.of();
        assertThat(PageLocale.of(request.asHttpServletRequest())).isEqualTo(Locale.ROOT);
    }

    @Test
    void theJspsAreToldTheSameLanguageEnglishByName() {
        FakeHttp.Request request = new FakeHttp.Request("alice", null);
        HttpServletRequest http = request.asHttpServletRequest();

        PageLocale.forPage(http, Locale.FRENCH);
        assertThat(Config.get(http, Config.FMT_LOCALE)).isEqualTo(Locale.FRENCH);
        PageLocale.forPage(http, Locale.ROOT);
        assertThat(Config.get(http, Config.FMT_LOCALE)).isEqualTo(Locale.ENGLISH);
        assertThat(PageLocale.language(Locale.ROOT)).isEqualTo("en");
        assertThat(PageLocale.language(Locale.FRENCH)).isEqualTo("fr");
    }
}
