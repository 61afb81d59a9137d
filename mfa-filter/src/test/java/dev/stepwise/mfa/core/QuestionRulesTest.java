package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.QuestionRules.Checked;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import static dev.stepwise.mfa.Factors.QUESTIONS;
import static dev.stepwise.mfa.Factors.RECOVERY;
import static dev.stepwise.mfa.Factors.SMS;
import static dev.stepwise.mfa.Factors.TOTP;
import static dev.stepwise.mfa.Factors.WEBAUTHN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link QuestionRules}: what may be stored, how answers compare, what is asked and what the factor may satisfy. */
class QuestionRulesTest {

    private static final List<String> THREE = List.of("First concert?", "Favourite tree?", "Grandma's street?");

    // --- answers -----------------------------------------------------------------------------------------------

    @Test
    void answersAreCaseFoldedTrimmedAndTheirSpacesCollapsed() {
        assertThat(QuestionRules.answer("  Mill   LANE \t")).contains("mill lane");
        assertThat(QuestionRules.answer("Mill\u00a0Lane")).contains("mill lane");     // no-break space
        assertThat(QuestionRules.answer("Mill\u3000Lane")).contains("mill lane");     // ideographic space
    }

    @Test
    void compatibilityFormsAreTheLettersTheyStandFor() {
        assertThat(QuestionRules.answer("\ufb01sh")).isEqualTo(QuestionRules.answer("fish"));      // ligature ﬁ
        assertThat(QuestionRules.answer("ＬＡＲＣＨ")).isEqualTo(QuestionRules.answer("larch"));   // full width
        assertThat(QuestionRules.answer("Stra\u00dfe")).isEqualTo(QuestionRules.answer("STRASSE")); // ß
        assertThat(QuestionRules.answer("cafe\u0301")).isEqualTo(QuestionRules.answer("caf\u00e9")); // composed é
    }

    @Test
    void turkishDotlessIFoldsToIWhileTheDottedCapitalStaysApart() {
        assertThat(QuestionRules.answer("\u0131zmir")).isEqualTo(QuestionRules.answer("Izmir")); // ızmir
        assertThat(QuestionRules.answer("\u0130zmir")).isNotEqualTo(QuestionRules.answer("izmir")); // İzmir
        assertThat(QuestionRules.answer("\u0130zmir")).isEqualTo(QuestionRules.answer("\u0130ZMIR"));
    }

    @Test
    void differentAnswersStayDifferent() {
        assertThat(QuestionRules.answer("larch")).isNotEqualTo(QuestionRules.answer("larches"));
        assertThat(QuestionRules.answer("mill lane")).isNotEqualTo(QuestionRules.answer("milllane"));
    }

    @Test
    void controlFormatAndOversizeAnswersAreRefused() {
        assertThat(QuestionRules.answer("lar\u202Ech")).isEmpty();        // bidi override
        assertThat(QuestionRules.answer("lar\u0000ch")).isEmpty();
        assertThat(QuestionRules.answer("lar\u200Bch")).isEmpty();        // zero width space (format)
        assertThat(QuestionRules.answer("ab")).isEmpty();                 // too short
        assertThat(QuestionRules.answer(null)).isEmpty();
        assertThat(QuestionRules.answer("a".repeat(QuestionRules.MAX_ANSWER))).isPresent();
        assertThat(QuestionRules.answer("a".repeat(QuestionRules.MAX_ANSWER + 1))).isEmpty();
        assertThat(QuestionRules.answer(" ".repeat(QuestionRules.MAX_ANSWER_INPUT) + "larch")).isEmpty();
        // one character that NFKC makes 18: looked at (short input), refused once it is too long
        assertThat(QuestionRules.answer("\ufdfa".repeat(6))).isEmpty();
    }

    // --- forms -------------------------------------------------------------------------------------------------

    @Test
    void threeQuestionsWithAnswersAreAcceptedAndBlankRowsSkipped() {
        Checked checked = QuestionRules.check(List.of("First concert?", "", "Favourite tree?", "Grandma's street?"),
                List.of("Blur 1995", " ", "Larch", "Mill  Lane"));

        assertThat(checked).isInstanceOf(Checked.Accepted.class);
        assertThat(((Checked.Accepted) checked).entries()).extracting(QuestionRules.Entry::answer)
                .containsExactly("blur 1995", "larch", "mill lane");
        assertThat(((Checked.Accepted) checked).entries().get(0).toString()).doesNotContain("blur");
    }

    @Test
    void fewerThanThreeOrMoreThanTenAreRefused() {
        assertThat(QuestionRules.check(THREE.subList(0, 2), List.of("blur", "larch")))
                .isEqualTo(new Checked.Refused(QuestionRules.ERROR_COUNT));
        List<String> eleven = java.util.stream.IntStream.range(0, 11).mapToObj(i -> "Question " + i + "?").toList();
        List<String> answers = java.util.stream.IntStream.range(0, 11).mapToObj(i -> "answer " + i).toList();
        assertThat(QuestionRules.check(eleven, answers)).isEqualTo(new Checked.Refused(QuestionRules.ERROR_COUNT));
        assertThat(QuestionRules.check(eleven.subList(0, 10), answers.subList(0, 10))).isInstanceOf(Checked.Accepted.class);
        assertThat(QuestionRules.check(THREE, List.of("blur", "larch"))).isInstanceOf(Checked.Refused.class);
    }

    @Test
    void badQuestionsAndAnswersAreRefusedWithoutSayingTheAnswer() {
        assertThat(QuestionRules.check(List.of("First\u202E concert?", THREE.get(1), THREE.get(2)),
                List.of("blur", "larch", "mill")))
                .isEqualTo(new Checked.Refused(QuestionRules.ERROR_QUESTION));
        assertThat(QuestionRules.check(List.of("x".repeat(QuestionRules.MAX_QUESTION + 1), THREE.get(1), THREE.get(2)),
                List.of("blur", "larch", "mill")))
                .isEqualTo(new Checked.Refused(QuestionRules.ERROR_QUESTION));
        assertThat(QuestionRules.check(THREE, List.of("blur", "", "mill")))
                .isEqualTo(new Checked.Refused(QuestionRules.ERROR_ANSWER));
    }

    @Test
    void repeatedQuestionsRepeatedAnswersAndAnswersThatRepeatTheQuestionAreRefused() {
        assertThat(QuestionRules.check(List.of("Tree?", "TREE?", "Street?"), List.of("larch", "oak", "mill")))
                .isEqualTo(new Checked.Refused(QuestionRules.ERROR_REPEATED));
        assertThat(QuestionRules.check(THREE, List.of("larch", "LARCH", "mill")))
                .isEqualTo(new Checked.Refused(QuestionRules.ERROR_REPEATED));
        assertThat(QuestionRules.check(List.of("Tree", "Street?", "Band?"), List.of("tree", "mill", "blur")))
                .isEqualTo(new Checked.Refused(QuestionRules.ERROR_REPEATED));
    }

    // --- asking ------------------------------------------------------------------------------------------------

    @Test
    void twoDistinctQuestionsArePickedAndEveryPairComesUp() {
        SplittableRandom random = new SplittableRandom(17);
        Set<List<Integer>> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            int[] pick = QuestionRules.pick(4, random);
            assertThat(pick[0]).isNotEqualTo(pick[1]).isBetween(0, 3);
            assertThat(pick[1]).isBetween(0, 3);
            seen.add(Arrays.stream(pick).boxed().toList());
        }
        assertThat(seen).hasSize(12);   // every ordered pair of 4
        assertThat(QuestionRules.pick(2, new SecureRandom())).containsExactlyInAnyOrder(0, 1);
        assertThatIllegalArgumentException().isThrownBy(() -> QuestionRules.pick(1, random));
    }

    // --- what counts -------------------------------------------------------------------------------------------

    @Test
    void questionsNeverCountAloneNorBesideRecoveryCodesOrSmsAlone() {
        assertThat(EnrolmentRules.counting(Set.of(QUESTIONS))).isEmpty();
        assertThat(EnrolmentRules.counting(Set.of(QUESTIONS, RECOVERY))).containsExactly(RECOVERY);
        assertThat(EnrolmentRules.counting(Set.of(QUESTIONS, SMS))).isEmpty();
        assertThat(EnrolmentRules.counting(Set.of(TOTP, QUESTIONS))).containsExactlyInAnyOrder(TOTP, QUESTIONS);
        assertThat(EnrolmentRules.counting(Set.of(WEBAUTHN, SMS, QUESTIONS)))
                .containsExactlyInAnyOrder(WEBAUTHN, SMS, QUESTIONS);
    }

    @Test
    void questionsAreNoCompanyForSms() {
        assertThat(EnrolmentRules.mayAddSms(Set.of(QUESTIONS))).isFalse();
        assertThat(EnrolmentRules.leavesSmsWithCompany(TOTP, Set.of(TOTP, SMS, QUESTIONS))).isFalse();
        assertThat(EnrolmentRules.leavesSmsWithCompany(QUESTIONS, Set.of(TOTP, SMS, QUESTIONS))).isTrue();
    }

    @Test
    void questionsSatisfyOnlyStepUpsTheApplicationAllows() {
        Requirement login = Requirement.mfa();
        Requirement namedMfa = Requirement.mfa().withFactors(Set.of(QUESTIONS));
        Requirement stepUp = Requirement.stepUp(java.time.Duration.ofMinutes(5));
        Requirement namedStepUp = stepUp.withFactors(Set.of(QUESTIONS, TOTP));

        assertThat(QuestionRules.acceptable(login, true)).isFalse();
        assertThat(QuestionRules.acceptable(namedMfa, true)).isFalse();
        assertThat(QuestionRules.acceptable(stepUp, false)).isFalse();
        assertThat(QuestionRules.acceptable(stepUp, true)).isTrue();
        assertThat(QuestionRules.acceptable(namedStepUp, false)).isTrue();
        assertThat(QuestionRules.question(" Favourite tree? ")).isEqualTo(Optional.of("Favourite tree?"));
    }

    @Test
    void onlyAFactorOtherThanQuestionsMaySatisfyTheLogin() {
        assertThat(QuestionRules.anyForLogin(Set.of())).isFalse();
        assertThat(QuestionRules.anyForLogin(Set.of(QUESTIONS))).isFalse();
        assertThat(QuestionRules.anyForLogin(Set.of(QUESTIONS, TOTP))).isTrue();
        assertThat(QuestionRules.anyForLogin(Set.of(RECOVERY))).isTrue();
    }
}
