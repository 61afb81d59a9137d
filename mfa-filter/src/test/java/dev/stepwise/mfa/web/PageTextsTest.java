package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.risk.RiskLevel;
import dev.stepwise.mfa.core.risk.RiskReason;
import dev.stepwise.mfa.runtime.config.MfaConfigException;
import dev.stepwise.mfa.runtime.config.PageSettings;
import dev.stepwise.mfa.runtime.config.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A requirement's reason on the page: the application's own bundle first, in the page's language. */
class PageTextsTest {

    private static final String OWN = "dev.stepwise.mfa.web.own.Reasons";
    private static final Locale SPANISH = new Locale("es");

    @Test
    void theLibrarysReasonsInEachLanguage() {
        assertThat(PageTexts.of(Locale.FRENCH).reason("transfer"))
                .isEqualTo("Confirmez votre identité pour envoyer de l’argent.");
        assertThat(PageTexts.of(SPANISH).reason("transfer")).isEqualTo("Confirme que es usted para enviar dinero.");
        assertThat(PageTexts.of(Locale.ROOT).reason("no-such-reason"))
                .isEqualTo("For your security, please confirm it's you with a second factor.");
    }

    @Test
    void riskReasonsInEachLanguageWithTheirArgumentsAndCountryNames() {
        List<RiskReason> reasons = List.of(RiskReason.of("new-country", RiskLevel.MEDIUM).withArgs("country:DE"),
                RiskReason.of("unusual-time", RiskLevel.LOW).withArgs("08:00", "19:00"),
                RiskReason.of("impossible-travel", RiskLevel.HIGH), RiskReason.of("new-device", RiskLevel.MEDIUM));

        assertThat(PageTexts.of(Locale.ENGLISH).risk(reasons)).containsExactly("You usually sign in from Germany.",
                "You usually sign in between 08:00 and 19:00.",
                "This sign-in comes from too far from your last one for the time in between.",
                "We do not recognise this device.");
        assertThat(PageTexts.of(Locale.GERMAN).risk(reasons).subList(0, 2)).containsExactly(
                "Sie melden sich normalerweise aus diesem Land an: Deutschland.",
                "Sie melden sich normalerweise zwischen 08:00 und 19:00 Uhr an.");
        assertThat(PageTexts.of(Locale.FRENCH).risk(reasons).get(0))
                .isEqualTo("Vous vous connectez habituellement depuis ce pays : Allemagne.");
        assertThat(PageTexts.of(SPANISH).risk(reasons).get(0)).isEqualTo("Normalmente inicia sesión desde Alemania.");
    }

    @Test
    void aRiskTextTheBundlesLackShowsItsKeyAsTheJspTagDid() {
        assertThat(PageTexts.of(Locale.ENGLISH).risk(List.of(RiskReason.of("app-signal", RiskLevel.LOW))))
                .containsExactly("???stepwise.mfa.risk.app-signal???");
    }

    @Test
    void theApplicationsReasonComesFirstInThePagesLanguage() {
        assertThat(PageTexts.of(Locale.ROOT, OWN).reason("approve-loan")).isEqualTo("Confirm it's you to approve this loan.");
        assertThat(PageTexts.of(Locale.FRENCH, OWN).reason("approve-loan"))
                .isEqualTo("Confirmez votre identité pour approuver ce prêt.");
        assertThat(PageTexts.of(Locale.ROOT, OWN).reason("transfer"))
                .isEqualTo("Confirm it's you to move money out of your account.");
        assertThat(PageTexts.of(Locale.FRENCH, OWN).reason("transfer"))
                .isEqualTo("Confirmez votre identité pour sortir de l’argent de votre compte.");
    }

    @Test
    void aLanguageTheApplicationLacksKeepsTheLibrarysTextWhereThereIsOne() {
        // The application has no Spanish file: the library's Spanish text beats the application's English one ...
        assertThat(PageTexts.of(SPANISH, OWN).reason("transfer")).isEqualTo("Confirme que es usted para enviar dinero.");
        // ... and a reason only the application knows is shown from its base file rather than not at all.
        assertThat(PageTexts.of(SPANISH, OWN).reason("approve-loan")).isEqualTo("Confirm it's you to approve this loan.");
        assertThat(PageTexts.of(SPANISH, OWN).reason("login")).isEqualTo(PageTexts.of(SPANISH).reason("login"));
    }

    @Test
    void theApplicationMayReplaceTheDefaultText() {
        assertThat(PageTexts.of(Locale.FRENCH, OWN).reason(null)).isEqualTo("Confirmez votre identité, s’il vous plaît.");
        assertThat(PageTexts.of(Locale.FRENCH, OWN).reason("unknown"))
                .isEqualTo("Confirmez votre identité, s’il vous plaît.");
        assertThat(PageTexts.of(Locale.ROOT, OWN).reason(""))
                .isEqualTo("For your security, please confirm it's you with a second factor.");
    }

    @Test
    void aBundleThatCannotBeFoundLeavesTheLibrarysTexts() {
        assertThat(PageTexts.of(Locale.FRENCH, "com.example.Missing").reason("transfer"))
                .isEqualTo("Confirmez votre identité pour envoyer de l’argent.");
        assertThat(PageTexts.of(Locale.FRENCH, "com.example.Missing").factorNames(java.util.List.of("totp")))
                .containsEntry("totp", "application d’authentification");
    }

    @Test
    void theParameterNamesTheBundleAndIsOffByDefault() {
        assertThat(PageSettings.read(Map.<String, String>of()::get).reasonBundle()).isNull();
        assertThat(PageSettings.read(Map.of(Parameters.REASON_BUNDLE.name(), OWN)::get).reasonBundle()).isEqualTo(OWN);
        assertThat(new PageSettings("/mfa").reasonBundle()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"com/example/Reasons", "Reasons.properties", "../Reasons", "com..example", ".Reasons",
            "1abc", ""})
    void aValueThatIsNoBaseNameFailsTheDeployment(String value) {
        assertThatThrownBy(() -> Parameters.REASON_BUNDLE.parse(value)).isInstanceOf(MfaConfigException.class)
                .hasMessageContaining("stepwise.mfa.reason-bundle");
    }
}
