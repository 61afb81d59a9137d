package dev.stepwise.mfa.http;

import dev.stepwise.mfa.core.Decision.Denied;
import dev.stepwise.mfa.core.net.ClientAddress;
import dev.stepwise.mfa.web.FakeHttp;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The 403, 503 and 500 pages a browser gets speak its language; what a script gets does not change. */
class LocalizedAnswersTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final AnswerRenderer renderer = new AnswerRenderer("/mfa");

    private static HttpServletRequest request(String acceptLanguage, boolean script) {
        FakeHttp.Request request = new FakeHttp.Request("alice", null).header("Accept-Language", acceptLanguage);
        if (script) {
            request.header("Accept", "application/json");
        }
        return request.asHttpServletRequest();
    }

    private MfaAnswer denied(Denied.Why why, String acceptLanguage, boolean script) {
        HttpServletRequest request = request(acceptLanguage, script);
        RequestFacts facts = RequestFacts.of(request, ClientAddress.parse(""), Set.of());
        return renderer.render(new Denied(why), facts, NOW, PageLocale.of(request));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fr-FR,fr;q=0.9 | fr | Accès refusé       | Requête refusée         | Temporairement indisponible",
            "es-ES          | es | Acceso denegado    | Solicitud rechazada     | No disponible temporalmente",
            "de             | de | Zugriff verweigert | Anfrage abgelehnt       | Vorübergehend nicht verfügbar",
            "it             | en | Access denied      | Request refused         | Temporarily unavailable",
            "fr;q=abc       | en | Access denied      | Request refused         | Temporarily unavailable"})
    void aBrowsersPagesSpeakItsLanguage(String header, String lang, String denied, String crossSite,
                                        String unavailable) {
        MfaAnswer refused = denied(Denied.Why.FACTOR_ON_HOLD, header, false);
        MfaAnswer crossSitePage = denied(Denied.Why.CROSS_SITE, header, false);
        MfaAnswer down = AnswerRenderer.unavailable(false, PageLocale.of(request(header, false)));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(refused.body()).contains("<html lang=\"" + lang + "\">", "<title>" + denied + "</title>");
        assertThat(crossSitePage.body()).contains("<h1>" + crossSite + "</h1>");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body()).contains("<title>" + unavailable + "</title>", "role=\"alert\"");
    }

    @Test
    void aScriptsAnswersDoNotChangeWithTheLanguage() {
        for (Denied.Why why : new Denied.Why[] {Denied.Why.FACTOR_ON_HOLD, Denied.Why.CROSS_SITE}) {
            assertThat(denied(why, "fr", true)).isEqualTo(denied(why, "en", true));
        }
        assertThat(AnswerRenderer.unavailable(true, Locale.FRENCH)).isEqualTo(AnswerRenderer.unavailable(true));
        assertThat(denied(Denied.Why.NO_CALLER, "es", true).body())
                .isEqualTo("{\"error\":\"mfa_denied\",\"why\":\"no_caller\"}");
    }

    @Test
    void theExpiredFormPageLinksToThePageItNamesEscaped() {
        MfaAnswer expired = AnswerRenderer.formExpired(Locale.FRENCH, "/bank/mfa/challenge?a=\"<x>&b");

        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.body()).contains("<title>Cette page a expiré</title>",
                "<a href=\"/bank/mfa/challenge?a=&quot;&lt;x&gt;&amp;b\">Rouvrir la page</a>")
                .doesNotContain("<x>");
        assertThat(AnswerRenderer.formExpired(Locale.ROOT, "/mfa/settings").body())
                .contains("<html lang=\"en\">", "This page has expired", "href=\"/mfa/settings\"");
    }

    @Test
    void theFailurePageSaysNothingOfTheFailure() {
        MfaAnswer failed = AnswerRenderer.failed(new Locale("es"));

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.body()).contains("Algo ha salido mal").doesNotContain("Exception");
    }

    @Test
    void theShortPagesTakeTheLibrarysStylesheetSoTheyFollowTheColourSchemeUnderAStrictPolicy() {
        String css = "/bank/mfa/stepwise.css";
        List<MfaAnswer> pages = List.of(AnswerRenderer.unavailable(false, Locale.ROOT, css),
                AnswerRenderer.failed(Locale.ROOT, css),
                AnswerRenderer.formExpired(Locale.FRENCH, "/bank/mfa/settings", css),
                denied(Denied.Why.FACTOR_ON_HOLD, "en", false), denied(Denied.Why.CROSS_SITE, "es", false));

        for (MfaAnswer page : pages) {
            assertThat(page.body()).as(page.body())
                    .contains("<meta name=\"color-scheme\" content=\"light dark\">",
                            "<link rel=\"stylesheet\" href=\"/bank/mfa/stepwise.css\">", "<main>")
                    .doesNotContain("<style", "style=", "<script");
        }
    }

    @Test
    void theStylesheetsAddressIsEscapedAndAScriptsAnswerDoesNotChange() {
        MfaAnswer page = AnswerRenderer.unavailable(false, Locale.ROOT, "/x\"><script>alert(1)</script>/stepwise.css");

        assertThat(page.body()).contains("href=\"/x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;/stepwise.css\"")
                .doesNotContain("<script>");
        assertThat(AnswerRenderer.unavailable(true, Locale.ROOT, "/bank/mfa/stepwise.css"))
                .isEqualTo(AnswerRenderer.unavailable(true));
        assertThat(AnswerRenderer.unavailable(false, Locale.ROOT).body()).doesNotContain("<link");
    }
}
