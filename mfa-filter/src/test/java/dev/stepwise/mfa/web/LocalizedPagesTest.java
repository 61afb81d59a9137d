package dev.stepwise.mfa.web;

import dev.stepwise.mfa.http.PageLocale;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.http.PendingChallenge;
import dev.stepwise.mfa.http.SavedRequest;
import dev.stepwise.mfa.store.StoreUnavailableException;
import jakarta.servlet.jsp.jstl.core.Config;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static dev.stepwise.mfa.web.PageFixture.NOW;
import static dev.stepwise.mfa.web.PageFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's pages in the browser's language ({@code Accept-Language}): the JSPs are told the language the page
 * model's texts are in, the expired-form and outage pages speak it too, and anything else gets English.
 */
class LocalizedPagesTest {

    private static final String JSTL_LOCALE = Config.FMT_LOCALE + ".request";

    private final PageFixture fx = new PageFixture();
    private final ChallengeServlet challenge = fx.wire(new ChallengeServlet());
    private final SettingsServlet settings = fx.wire(new SettingsServlet());

    @BeforeEach
    void aliceIsChallenged() {
        fx.totp.enrolled.add(USER);
        fx.signedIn(null);
        SavedRequest saved = new SavedRequest("GET", "/account/email", null, Map.of(), new byte[0], true);
        fx.session().pending(PendingChallenge.issue(List.of("totp"), Requirement.mfa().withReason("login"), saved,
                NOW, NOW.plus(Duration.ofMinutes(10))));
    }

    private FakeHttp.Request challengePage(String acceptLanguage) throws Exception {
        FakeHttp.Request request = fx.request("GET", ChallengeServlet.CHALLENGE);
        request.header("Accept-Language", acceptLanguage);
        FakeHttp.Response response = fx.send(challenge, request);
        assertThat(response.status).isEqualTo(200);
        assertThat(request.forwardedTo).isEqualTo("/mfa/challenge.jsp");
        return request;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fr-CH, fr;q=0.9, en;q=0.8 | fr | Votre compte est protégé par un deuxième facteur. | application d’authentification",
            "es-MX                     | es | Su cuenta está protegida con un segundo factor.   | aplicación de autenticación",
            "de-DE                     | de | Ihr Konto ist mit einem zweiten Faktor geschützt. | Authenticator-App"})
    void frenchSpanishAndGermanBrowsersGetTheirLanguage(String header, String language, String reason, String totp)
            throws Exception {
        FakeHttp.Request request = challengePage(header);

        ChallengePage page = (ChallengePage) PageFixture.model(request);
        assertThat(request.attributes.get(JSTL_LOCALE)).isEqualTo(new Locale(language));
        assertThat(request.attributes.get(PageLocale.LANG_ATTRIBUTE)).isEqualTo(language);
        assertThat(page.reason()).startsWith(reason);
        assertThat(page.factorNames()).containsEntry("totp", totp);
    }

    /** A factor the challenge does not offer is a 400 whose message the container's error page shows. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fr-FR, fr;q=0.9 | Choisissez l’un des facteurs proposés.",
            "es              | Elija uno de los factores ofrecidos.",
            "de-AT           | Wählen Sie einen der angebotenen Faktoren.",
            "it, en;q=0.5    | Choose one of the offered factors.",
            "fr;q=abc        | Choose one of the offered factors."})
    void aFactorNotOfferedIsRefusedInTheBrowsersLanguage(String header, String message) throws Exception {
        FakeHttp.Request request = fx.post(ChallengeServlet.CHALLENGE).param("factor", "sms").param("code", "123456");
        request.header("Accept-Language", header);

        FakeHttp.Response response = fx.send(challenge, request);

        assertThat(response.status).isEqualTo(400);
        assertThat(response.errorMessage).isEqualTo(message);
        assertThat(fx.session().state(NOW).anyVerified()).isFalse();
    }

    /** Removing the only factor where the policy needs one is a 409 whose message speaks the browser's language. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fr           | Votre compte doit garder un deuxième facteur.",
            "es-ES        | Su cuenta debe conservar un segundo factor.",
            "de           | Ihr Konto muss einen zweiten Faktor behalten.",
            "it, en;q=0.5 | Your account must keep a second factor."})
    void theLastFactorStaysWithAMessageInTheBrowsersLanguage(String header, String message) throws Exception {
        PageFixture all = new PageFixture("all");
        SettingsServlet strict = all.wire(new SettingsServlet());
        all.totp.enrolled.add(USER);
        all.signedIn(NOW.minusSeconds(60));
        FakeHttp.Request request = all.post(SettingsServlet.SETTINGS).param("action", "remove").param("factor", "totp");
        request.header("Accept-Language", header);

        FakeHttp.Response response = all.send(strict, request);

        assertThat(response.status).isEqualTo(409);
        assertThat(response.errorMessage).isEqualTo(message);
        assertThat(all.totp.enrolled).contains(USER);
    }

    static Stream<String> unknownOrMalformed() {
        return Stream.of("it", "en-US, fr;q=0.5", "zz-ZZ", "fr;q=abc", ";;;, *", "x".repeat(10_000),
                "fr-" + "a".repeat(9_000));
    }

    @ParameterizedTest
    @MethodSource("unknownOrMalformed")
    void anUnknownOrMalformedLanguageGetsEnglish(String header) throws Exception {
        FakeHttp.Request request = challengePage(header);

        ChallengePage page = (ChallengePage) PageFixture.model(request);
        assertThat(request.attributes.get(JSTL_LOCALE)).isEqualTo(Locale.ENGLISH);
        assertThat(request.attributes.get(PageLocale.LANG_ATTRIBUTE)).as("<html lang> of English texts")
                .isEqualTo("en");
        assertThat(page.reason()).startsWith("Your account is protected by a second factor.");
        assertThat(page.factorNames()).containsEntry("totp", "authenticator app");
    }

    @Test
    void aFormOlderThanItsSessionGetsA403PageInTheBrowsersLanguage() throws Exception {
        FakeHttp.Request request = fx.request("POST", ChallengeServlet.CHALLENGE).param("factor", "totp")
                .param("code", PageFixture.GOOD_CODE).param(CsrfToken.PARAMETER, "from-an-ended-session")
                .header("Accept-Language", "fr");

        FakeHttp.Response response = fx.send(challenge, request);

        assertThat(response.status).isEqualTo(403);
        assertThat(response.contentType).isEqualTo("text/html;charset=UTF-8");
        assertThat(response.bodyText()).contains("<html lang=\"fr\">", "Cette page a expiré",
                "<a href=\"/bank/mfa/challenge\">Rouvrir la page</a>");
        assertThat(fx.totp.verifications).isZero();
    }

    @Test
    void aSettingsFormWithoutTheTokenLinksToTheSettings() throws Exception {
        FakeHttp.Request request = fx.request("POST", SettingsServlet.SETTINGS).param("action", "always")
                .header("Accept-Language", "es");

        FakeHttp.Response response = fx.send(settings, request);

        assertThat(response.status).isEqualTo(403);
        assertThat(response.bodyText()).contains("Esta página ha caducado", "href=\"/bank/mfa/settings\"");
    }

    @Test
    void aScriptWithoutTheTokenGetsABare403() throws Exception {
        FakeHttp.Request request = fx.request("POST", ChallengeServlet.CHALLENGE).param("factor", "totp")
                .header("Accept", "application/json").header("Accept-Language", "fr");

        FakeHttp.Response response = fx.send(challenge, request);

        assertThat(response.status).isEqualTo(403);
        assertThat(response.bodyText()).isEmpty();
    }

    @Test
    void aStoreOutageIsA503PageInTheBrowsersLanguage() throws Exception {
        FakeHttp.Request request = fx.request("GET", ChallengeServlet.CHALLENGE).header("Accept-Language", "es");
        FakeHttp.Response response = new FakeHttp.Response();

        LibraryFailure.answer(System.getLogger("test"), "the page /mfa/challenge",
                new StoreUnavailableException("down", null), request.asHttpServletRequest(),
                response.asHttpServletResponse(), "/bank/mfa/stepwise.css");

        assertThat(response.status).isEqualTo(503);
        assertThat(response.bodyText()).contains("No disponible temporalmente",
                "<link rel=\"stylesheet\" href=\"/bank/mfa/stepwise.css\">");
    }
}
