package dev.stepwise.mfa.web;

import dev.stepwise.mfa.event.MfaEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.stepwise.mfa.web.PageFixture.GOOD_CODE;
import static dev.stepwise.mfa.web.PageFixture.NOW;
import static dev.stepwise.mfa.web.PageFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings pages with hand-written servlet fakes: who may look and change what ({@link SettingsAccess}),
 * removing a factor ({@link FactorListSettings}), enrolling a key ({@link KeyEnrolmentSettings}) and new recovery
 * codes ({@link RecoveryCodeSettings}).
 */
class SettingsServletTest {

    private final PageFixture fx = new PageFixture();
    private final SettingsServlet servlet = fx.wire(new SettingsServlet());

    /** Alice with totp and email, totp proved {@code ago}. */
    private void twoFactorsProved(Duration ago) {
        fx.totp.enrolled.add(USER);
        fx.email.enrolled.add(USER);
        fx.signedIn(NOW.minus(ago));
    }

    private FakeHttp.Request remove(String factor) {
        return fx.post(SettingsServlet.SETTINGS).param("action", "remove").param("factor", factor);
    }

    @Test
    void theSettingsPageModelListsTheOfferedFactorsAndWhatIsSetUp() throws Exception {
        twoFactorsProved(Duration.ofMinutes(1));
        fx.totp.enrolled.remove(USER);
        FakeHttp.Request request = fx.request("GET", SettingsServlet.SETTINGS).param("done", "removed");

        FakeHttp.Response response = fx.send(servlet, request);

        assertThat(response.status).isEqualTo(200);
        assertThat(request.forwardedTo).isEqualTo("/mfa/settings.jsp");
        SettingsPage page = (SettingsPage) PageFixture.model(request);
        assertThat(page.factors()).extracting(SettingsPage.FactorRow::id).containsExactly("totp", "email");
        assertThat(page.factors()).extracting(SettingsPage.FactorRow::enrolled).containsExactly(false, true);
        assertThat(page.factors().get(0).setupUrl()).isEqualTo("/bank/mfa/settings/totp");
        assertThat(page.factors().get(1).setupUrl()).isNull();
        assertThat(page.recoveryOffered()).isFalse();
        assertThat(page.done()).isNotNull();
        assertThat(page.links().csrf()).isEqualTo(PageFixture.CSRF);
    }

    @Test
    void aPostWithoutTheCsrfTokenIs403AndChangesNothing() throws Exception {
        twoFactorsProved(Duration.ofMinutes(1));
        FakeHttp.Request request = remove("email");
        request.parameters.remove(CsrfToken.PARAMETER);

        FakeHttp.Response response = fx.send(servlet, request);

        assertThat(response.status).isEqualTo(403);
        assertThat(fx.email.isEnrolled(USER)).isTrue();
        assertThat(fx.events).isEmpty();
    }

    @Test
    void removingAFactorWithoutAFreshStepUpIsChallengedAndRemovesNothing() throws Exception {
        twoFactorsProved(Duration.ofHours(1));

        FakeHttp.Response response = fx.send(servlet, remove("email"));

        assertThat(response.status).isEqualTo(303);
        assertThat(response.header("Location")).isEqualTo("/bank/mfa/challenge");
        assertThat(fx.email.isEnrolled(USER)).isTrue();
        assertThat(fx.session().pending(NOW).requirement().reason()).isEqualTo("manage-mfa");
        assertThat(fx.events).noneMatch(e -> e instanceof MfaEvent.FactorRemoved);
    }

    @Test
    void removingAFactorAfterAFreshStepUpRemovesItAndSaysSo() throws Exception {
        twoFactorsProved(Duration.ofMinutes(1));

        FakeHttp.Response response = fx.send(servlet, remove("email"));

        assertThat(response.status).isEqualTo(303);
        assertThat(response.header("Location")).isEqualTo("/bank/mfa/settings?done=removed");
        assertThat(fx.email.isEnrolled(USER)).isFalse();
        assertThat(fx.totp.isEnrolled(USER)).isTrue();
        assertThat(fx.events).singleElement().isInstanceOfSatisfying(MfaEvent.FactorRemoved.class,
                e -> assertThat(e.factorId()).isEqualTo("email"));
    }

    @Test
    void removingAFactorTheUserDoesNotHaveIsABadRequest() throws Exception {
        twoFactorsProved(Duration.ofMinutes(1));
        fx.email.enrolled.remove(USER);

        FakeHttp.Response response = fx.send(servlet, remove("email"));

        assertThat(response.status).isEqualTo(400);
        assertThat(fx.events).isEmpty();
    }

    @Test
    void revokingOneDeviceWithoutNamingItIsABadRequestAndRevokesNothing() throws Exception {
        twoFactorsProved(Duration.ofMinutes(1));

        FakeHttp.Response response = fx.send(servlet,
                fx.post(SettingsServlet.SETTINGS).param("action", "revoke-device"));

        assertThat(response.status).isEqualTo(400);
        assertThat(fx.events).isEmpty();
    }

    @Test
    void theFirstFactorIsSetUpWithoutAStepUp() throws Exception {
        fx.signedIn(null);
        FakeHttp.Request begin = fx.post(SettingsServlet.TOTP).param("action", "begin");

        FakeHttp.Response shown = fx.send(servlet, begin);

        assertThat(shown.status).isEqualTo(200);
        assertThat(begin.forwardedTo).isEqualTo("/mfa/totp-enroll.jsp");
        KeyEnrolmentPage page = (KeyEnrolmentPage) PageFixture.model(begin);
        assertThat(page.secret()).isEqualTo("ABCD EFGH");
        assertThat(fx.totp.offers).isEqualTo(1);

        FakeHttp.Response confirmed = fx.send(servlet,
                fx.post(SettingsServlet.TOTP).param(KeyEnrolmentSettings.CODE, GOOD_CODE));

        assertThat(confirmed.status).isEqualTo(303);
        assertThat(confirmed.header("Location")).isEqualTo("/bank/mfa/settings?done=totp-enrolled");
        assertThat(fx.totp.isEnrolled(USER)).isTrue();
        assertThat(fx.session().state(NOW).anyVerified()).isTrue();
        assertThat(fx.events).anyMatch(e -> e instanceof MfaEvent.FactorEnrolled);
    }

    @Test
    void aWrongCodeForANewKeyEnrolsNothingAndCountsAnAttempt() throws Exception {
        fx.signedIn(null);

        FakeHttp.Request request = fx.post(SettingsServlet.TOTP).param(KeyEnrolmentSettings.CODE, "000000");
        FakeHttp.Response response = fx.send(servlet, request);

        assertThat(response.status).isEqualTo(200);
        assertThat(((KeyEnrolmentPage) PageFixture.model(request)).error())
                .isEqualTo(KeyEnrolmentSettings.ERROR_CODE);
        assertThat(fx.totp.isEnrolled(USER)).isFalse();
        assertThat(fx.storage.store().attempts().read(USER).failures()).isEqualTo(1);
    }

    @Test
    void aSecondFactorNeedsAFreshStepUpBeforeAKeyIsMade() throws Exception {
        fx.email.enrolled.add(USER);
        fx.signedIn(null);

        FakeHttp.Response response = fx.send(servlet, fx.post(SettingsServlet.TOTP).param("action", "begin"));

        assertThat(response.status).isEqualTo(303);
        assertThat(response.header("Location")).isEqualTo("/bank/mfa/challenge");
        assertThat(fx.totp.offers).isZero();
    }

    @Test
    void newRecoveryCodesAreRefusedWhenNoOfferedFactorMakesThem() throws Exception {
        twoFactorsProved(Duration.ofMinutes(1));

        FakeHttp.Response response = fx.send(servlet,
                fx.post(SettingsServlet.SETTINGS).param("action", "recovery"));

        assertThat(response.status).isEqualTo(400);
        assertThat(fx.events).isEmpty();
    }

    @Test
    void askingLessOftenNeedsAFreshStepUpButAskingMoreDoesNot() throws Exception {
        twoFactorsProved(Duration.ofHours(1));
        FakeHttp.Response more = fx.send(servlet,
                fx.post(SettingsServlet.SETTINGS).param("action", "preferences").param("alwaysAsk", "on"));

        assertThat(more.header("Location")).isEqualTo("/bank/mfa/settings?done=preferences");
        assertThat(fx.storage.preferences().of(USER).alwaysAskAtLogin()).isTrue();

        FakeHttp.Response less = fx.send(servlet,
                fx.post(SettingsServlet.SETTINGS).param("action", "preferences"));

        assertThat(less.header("Location")).isEqualTo("/bank/mfa/challenge");
        assertThat(fx.storage.preferences().of(USER).alwaysAskAtLogin()).isTrue();
    }
}
