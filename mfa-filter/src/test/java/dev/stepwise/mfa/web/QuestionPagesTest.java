package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.QuestionRules;
import dev.stepwise.mfa.event.MfaEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.stepwise.mfa.web.PageFixture.NOW;
import static dev.stepwise.mfa.web.PageFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

/** Security questions on the settings and challenge pages: written, refused, replaced, asked. */
class QuestionPagesTest {

    private static final List<String> QUESTIONS = List.of("First concert?", "Favourite tree?", "Grandma's street?");
    private static final List<String> ANSWERS = List.of("Blur 1995", "larch", "Mill Lane");

    private final PageFixture fx = PageFixture.withQuestions("off");
    private final SettingsServlet settings = fx.wire(new SettingsServlet());
    private final ChallengeServlet challenge = fx.wire(new ChallengeServlet());

    private FakeHttp.Request form(List<String> questions, List<String> answers) {
        FakeHttp.Request request = fx.post(SettingsServlet.QUESTIONS);
        for (int i = 0; i < questions.size(); i++) {
            request.param(QuestionSettings.QUESTION + (i + 1), questions.get(i));
            request.param(QuestionSettings.ANSWER + (i + 1), answers.get(i));
        }
        return request;
    }

    /** Alice with totp, proved {@code ago}. */
    private void totpProved(Duration ago) {
        fx.totp.enrolled.add(USER);
        fx.signedIn(NOW.minus(ago));
    }

    @Test
    void theFormSaysItIsTheWeakestAndSavesThreeQuestionsWithoutTheirAnswersInTheEvent() throws Exception {
        totpProved(Duration.ofMinutes(1));
        FakeHttp.Request get = fx.request("GET", SettingsServlet.QUESTIONS);
        fx.send(settings, get);
        assertThat(get.forwardedTo).endsWith("questions-enroll.jsp");
        assertThat(((QuestionsPage) PageFixture.model(get)).rows()).isGreaterThanOrEqualTo(QuestionRules.MIN_QUESTIONS);

        FakeHttp.Response saved = fx.send(settings, form(QUESTIONS, ANSWERS));

        assertThat(saved.status).isEqualTo(303);
        assertThat(saved.header("Location")).isEqualTo("/bank/mfa/settings?done=questions-saved");
        assertThat(fx.questions.questions(USER)).containsExactlyElementsOf(QUESTIONS);
        assertThat(fx.events).singleElement().isInstanceOfSatisfying(MfaEvent.FactorEnrolled.class,
                e -> assertThat(e.factorId()).isEqualTo("questions"));
        assertThat(fx.events.toString()).doesNotContain("larch", "Blur", "Mill");
    }

    @Test
    void aRefusedFormStoresNothingAndNeverShowsTheAnswersBack() throws Exception {
        totpProved(Duration.ofMinutes(1));

        FakeHttp.Request request = form(QUESTIONS.subList(0, 2), ANSWERS.subList(0, 2));
        FakeHttp.Response response = fx.send(settings, request);

        assertThat(response.status).isEqualTo(400);
        QuestionsPage page = (QuestionsPage) PageFixture.model(request);
        assertThat(page.error()).isEqualTo(QuestionRules.ERROR_COUNT);
        assertThat(page.rowQuestions()).contains("First concert?").doesNotContain("Blur 1995", "larch");
        assertThat(fx.questions.isEnrolled(USER)).isFalse();
        assertThat(fx.events).isEmpty();
    }

    @Test
    void replacingQuestionsNeedsAFreshStepUpThatQuestionsCannotAnswerEvenWhereStepUpsMay() throws Exception {
        PageFixture open = PageFixture.withQuestions("on");
        SettingsServlet page = open.wire(new SettingsServlet());
        open.totp.enrolled.add(USER);
        open.signedIn(NOW.minus(Duration.ofMinutes(1)));
        FakeHttp.Request first = open.post(SettingsServlet.QUESTIONS);
        FakeHttp.Request second = open.post(SettingsServlet.QUESTIONS);
        for (int i = 0; i < 3; i++) {
            first.param(QuestionSettings.QUESTION + (i + 1), QUESTIONS.get(i));
            first.param(QuestionSettings.ANSWER + (i + 1), ANSWERS.get(i));
            second.param(QuestionSettings.QUESTION + (i + 1), "Other " + i + "?");
            second.param(QuestionSettings.ANSWER + (i + 1), "other " + i);
        }
        open.send(page, first);
        open.clock.advance(Duration.ofHours(1));
        // a fresh answer to the questions does not let anyone change the MFA settings
        open.session().update(open.clock.instant(), s -> s.withVerified("questions", open.clock.instant()));

        FakeHttp.Response response = open.send(page, second);

        assertThat(response.status).isEqualTo(303);
        assertThat(response.header("Location")).isEqualTo("/bank/mfa/challenge");
        assertThat(open.session().pending(open.clock.instant()).factors()).containsExactly("totp");
        assertThat(open.questions.questions(USER)).containsExactlyElementsOf(QUESTIONS);
    }

    @Test
    void theChallengeShowsTwoQuestionsAndAReloadShowsTheSameTwo() throws Exception {
        totpProved(Duration.ofMinutes(1));
        fx.send(settings, form(QUESTIONS, ANSWERS));
        fx.pendingStepUp(List.of("totp", "questions")); // questions are shown only for a pending challenge

        FakeHttp.Request first = fx.request("GET", ChallengeServlet.CHALLENGE).param("factor", "questions");
        fx.send(challenge, first);
        FakeHttp.Request reload = fx.request("GET", ChallengeServlet.CHALLENGE).param("factor", "questions");
        fx.send(challenge, reload);

        assertThat(first.forwardedTo).isEqualTo("/mfa/questions.jsp");
        Map<String, Object> view = ((ChallengePage) PageFixture.model(first)).view();
        List<Object> asked = List.<Object>copyOf((List<?>) view.get("questions"));
        assertThat(asked).hasSize(2).doesNotHaveDuplicates().isSubsetOf(List.<Object>copyOf(QUESTIONS));
        assertThat(((ChallengePage) PageFixture.model(reload)).view()).isEqualTo(view);
    }
}
