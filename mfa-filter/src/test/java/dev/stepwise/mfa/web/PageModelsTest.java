package dev.stepwise.mfa.web;

import dev.stepwise.mfa.factor.KeyEnrolment;
import dev.stepwise.mfa.factor.totp.QrSvg;
import dev.stepwise.mfa.trust.TrustedDevice;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The page models, built from plain values: what each page gets to show. */
class PageModelsTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final PageLinks LINKS = PageLinks.under("/bank/mfa", "token");

    @Test
    void linksPointUnderTheLibrarysPath() {
        assertThat(LINKS).isEqualTo(new PageLinks("token", "/bank/mfa/challenge", "/bank/mfa/logout",
                "/bank/mfa/settings"));
        assertThatThrownBy(() -> new PageLinks(null, "a", "b", "c")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theChallengePageKeepsTheFactorsInPageOrderAndCannotBeChangedAfterwards() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("webauthn", "Security key");
        names.put("totp", "Authenticator app");
        names.put("email", "Email");
        List<String> factors = new ArrayList<>(names.keySet());

        ChallengePage page = challenge(factors, names, Map.of("stepwise_destination", "a***@example.com"));
        factors.clear();
        names.clear();

        assertThat(page.factors()).containsExactly("webauthn", "totp", "email");
        assertThat(page.factorNames().keySet()).containsExactly("webauthn", "totp", "email");
        assertThat(page.view()).containsEntry("stepwise_destination", "a***@example.com");
        assertThatThrownBy(() -> page.factors().add("sms")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void trustIsOfferedInWholeDaysOfAtLeastOne() {
        assertThat(ChallengePage.trustDays(true, Duration.ofDays(30))).isEqualTo(30L);
        assertThat(ChallengePage.trustDays(true, Duration.ofHours(5))).isEqualTo(1L);
        assertThat(ChallengePage.trustDays(false, Duration.ofDays(30))).isNull();
    }

    @Test
    void theEnrolPageListsTheOfferedFactorsInOrder() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("totp", "Authenticator app");
        names.put("recovery", "Recovery codes");

        assertThat(new EnrolPage(LINKS, names).factorNames().values())
                .containsExactly("Authenticator app", "Recovery codes");
    }

    @Test
    void theSettingsPageTakesOnlyDoneMessagesOfItsOwnShape() {
        assertThat(SettingsPage.doneKey("removed")).isEqualTo("stepwise.mfa.settings.done.removed");
        assertThat(SettingsPage.doneKey("totp-enrolled")).isEqualTo("stepwise.mfa.settings.done.totp-enrolled");
        assertThat(SettingsPage.doneKey(null)).isNull();
        assertThat(SettingsPage.doneKey("<script>")).isNull();
        assertThat(SettingsPage.doneKey("a".repeat(33))).isNull();
    }

    @Test
    void theSettingsPageListsActiveDevicesByBrowserNeverByTheRawHeader() {
        String firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        TrustedDevice active = new TrustedDevice("d1", "alice", T0.minusSeconds(60), T0, firefox,
                T0.plus(Duration.ofDays(30)), null);
        TrustedDevice revoked = new TrustedDevice("d2", "alice", T0, T0, firefox, T0.plus(Duration.ofDays(30)), T0);
        TrustedDevice expired = new TrustedDevice("d3", "alice", T0, T0, firefox, T0, null);

        List<SettingsPage.Device> devices = SettingsPage.active(List.of(active, revoked, expired), T0);

        assertThat(devices).containsExactly(new SettingsPage.Device("d1", "Firefox on Linux",
                Date.from(T0.minusSeconds(60)), Date.from(T0)));
    }

    @Test
    void theSettingsPageHasNoDeviceListWhenTrustIsOff() {
        SettingsPage page = new SettingsPage(LINKS, List.of(new SettingsPage.FactorRow("recovery", "Recovery codes",
                true, 7, null, null)), List.of(), false, true, false, null, null, null);

        assertThat(page.devices()).isNull();
        assertThat(page.factors()).singleElement().satisfies(row -> assertThat(row.codesLeft()).isEqualTo(7));
    }

    @Test
    void theKeyEnrolmentPageOffersThenShowsTheKeyThenSaysWhatWentWrong() {
        KeyEnrolmentPage offer = KeyEnrolmentPage.offering(LINKS);
        String qr = QrSvg.render("otpauth://totp/Bank:alice?secret=JBSWY3DPEHPK3PXP&issuer=Bank");
        KeyEnrolmentPage shown = KeyEnrolmentPage.showing(LINKS,
                new KeyEnrolment.KeyOffer(qr, "JBSW Y3DP", "otpauth://totp/x"));
        KeyEnrolmentPage failed = KeyEnrolmentPage.failed(LINKS, "stepwise.mfa.error.code");

        assertThat(offer.offer()).isTrue();
        assertThat(offer.qr()).isNull();
        assertThat(shown.offer()).isFalse();
        assertThat(shown.qr()).isEqualTo(qr);
        assertThat(shown.secret()).isEqualTo("JBSW Y3DP");
        assertThat(shown.toString()).doesNotContain("JBSW").doesNotContain("otpauth");
        assertThat(failed.error()).isEqualTo("stepwise.mfa.error.code");
        assertThat(failed.secret()).isNull();
    }

    @Test
    void onlyThePlainQrShapeIsWrittenAsMarkupAnythingElseAFactorHandsOverIsDropped() {
        String qr = QrSvg.render("otpauth://totp/Bank:alice?secret=JBSWY3DPEHPK3PXP&issuer=Bank");
        List<String> markup = List.of("<svg onload=\"alert(1)\"/>", "<script>alert(1)</script>",
                qr.replace("<path", "<script>alert(1)</script><path"), qr.replace("d=\"M", "d=\"\"/><a href=\"x\"/><p d=\"M"),
                qr + "<img src=x onerror=alert(1)>");

        for (String m : markup) {
            assertThat(KeyEnrolmentPage.showing(LINKS, new KeyEnrolment.KeyOffer(m, "JBSW Y3DP", "otpauth://totp/x"))
                    .qr()).as(m).isNull();
        }
    }

    @Test
    void recoveryCodesAreShownOnceAndKeptOutOfLogs() {
        RecoveryCodesPage page = new RecoveryCodesPage(LINKS, List.of("7k2m-9xq4-h3vd-05tr"),
                "stepwise.mfa.settings.done.totp-enrolled");

        assertThat(page.codes()).containsExactly("7k2m-9xq4-h3vd-05tr");
        assertThat(page.toString()).doesNotContain("7k2m");
    }

    @Test
    void theRegistrationAndResubmitPagesNeedTheirValues() {
        assertThat(new KeyRegistrationPage(LINKS, "{}", null).options()).isEqualTo("{}");
        assertThatThrownBy(() -> new KeyRegistrationPage(LINKS, null, null)).isInstanceOf(NullPointerException.class);
        assertThat(new ResubmitPage("/bank/transfer").target()).isEqualTo("/bank/transfer");
        assertThatThrownBy(() -> new ResubmitPage(null)).isInstanceOf(NullPointerException.class);
    }

    private static ChallengePage challenge(List<String> factors, Map<String, String> names, Map<String, Object> view) {
        return new ChallengePage(LINKS, factors.get(0), factors, names, "numeric", null, "Please confirm.",
                List.of(), List.of(), null, null, "c1", 30L, null, null, view);
    }
}
