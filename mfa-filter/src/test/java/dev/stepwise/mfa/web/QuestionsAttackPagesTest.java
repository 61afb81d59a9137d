package dev.stepwise.mfa.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.stepwise.mfa.web.PageFixture.NOW;
import static dev.stepwise.mfa.web.PageFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on the security questions' pages: answers must never be shown back, not even by the page that asks for
 * the step-up which replacing the questions needs.
 */
class QuestionsAttackPagesTest {

    private static final List<String> QUESTIONS = List.of("First concert?", "Favourite tree?", "Grandma's street?");
    private static final List<String> ANSWERS = List.of("Blur 1995", "larch", "Mill Lane");
    private static final List<String> NEW_ANSWERS = List.of("hidden answer one", "hidden answer two",
            "hidden answer three");

    private final PageFixture fx = PageFixture.withQuestions("off");
    private final SettingsServlet settings = fx.wire(new SettingsServlet());
    private final ChallengeServlet challenge = fx.wire(new ChallengeServlet());

    private FakeHttp.Request form(List<String> questions, List<String> answers) {
        FakeHttp.Request request = fx.post(SettingsServlet.QUESTIONS);
        request.contentType = "application/x-www-form-urlencoded"; // as a browser posts the form
        for (int i = 0; i < questions.size(); i++) {
            request.param(QuestionSettings.QUESTION + (i + 1), questions.get(i));
            request.param(QuestionSettings.ANSWER + (i + 1), answers.get(i));
        }
        return request;
    }

    /**
     * Replacing stored questions after the step-up went stale saves the form for after the challenge. The challenge
     * page then lists the saved form's fields for the user to confirm: {@code a1}… do not look like secrets to the
     * preview, so the new answers are written into the page in clear (anyone behind the user, a screenshot, a
     * page cache), although the settings page itself never shows an answer back.
     */
    @Test
    void theStepUpPageForReplacedQuestionsNeverShowsTheNewAnswers() throws Exception {
        fx.totp.enrolled.add(USER);
        fx.signedIn(NOW.minus(Duration.ofMinutes(1)));
        assertThat(fx.send(settings, form(QUESTIONS, ANSWERS)).status).isEqualTo(303);
        fx.clock.advance(Duration.ofHours(1));

        FakeHttp.Response replaced = fx.send(settings, form(List.of("Other 1?", "Other 2?", "Other 3?"), NEW_ANSWERS));
        assertThat(replaced.header("Location")).isEqualTo("/bank/mfa/challenge"); // the step-up is asked
        FakeHttp.Request page = fx.request("GET", ChallengeServlet.CHALLENGE);
        fx.send(challenge, page);

        ChallengePage model = (ChallengePage) PageFixture.model(page);
        assertThat(model.submission()).isNotNull();
        assertThat(model.submission().fields())
                .filteredOn(f -> f.name().startsWith(QuestionSettings.ANSWER))
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.masked()).as("answer field %s masked", f.name()).isTrue());
        assertThat(model.toString()).doesNotContain(NEW_ANSWERS.toArray(String[]::new));
    }

    /**
     * The form saved for after the step-up lives in the session (a session store, a heap dump): the new answers are
     * never kept there, in the parameters or the body to replay; the user types them again after the challenge.
     */
    @Test
    void theFormSavedForTheStepUpKeepsNoAnswer() throws Exception {
        fx.totp.enrolled.add(USER);
        fx.signedIn(NOW.minus(Duration.ofMinutes(1)));
        assertThat(fx.send(settings, form(QUESTIONS, ANSWERS)).status).isEqualTo(303);
        fx.clock.advance(Duration.ofHours(1));

        fx.send(settings, form(List.of("Other 1?", "Other 2?", "Other 3?"), NEW_ANSWERS));

        dev.stepwise.mfa.http.SavedRequest saved = fx.session().pending(fx.clock.instant()).saved();
        assertThat(saved.params()).containsKey(QuestionSettings.QUESTION + "1")
                .containsEntry(QuestionSettings.ANSWER + "1", List.of(""));
        assertThat(saved.params().toString()).doesNotContain(NEW_ANSWERS.toArray(String[]::new));
        String body = new String(saved.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body).contains("Other+1%3F").doesNotContain("hidden");
    }

    /**
     * With no challenge pending the challenge page served a step-up the user asked for, and listed the questions
     * there: anyone with the session (a borrowed browser, a script) read the user's question texts and chose which
     * pair to study. Questions are shown, and answered, only for a pending challenge that accepts them.
     */
    @Test
    void noPendingChallengeShowsOrTakesNoQuestion() throws Exception {
        fx.totp.enrolled.add(USER);
        fx.signedIn(NOW.minus(Duration.ofMinutes(1)));
        assertThat(fx.send(settings, form(QUESTIONS, ANSWERS)).status).isEqualTo(303);

        FakeHttp.Request look = fx.request("GET", ChallengeServlet.CHALLENGE).param("factor", "questions");
        fx.send(challenge, look);
        FakeHttp.Request answer = fx.post(ChallengeServlet.CHALLENGE).param("factor", "questions")
                .param("answer1", "larch").param("answer2", "Mill Lane");
        FakeHttp.Response answered = fx.send(challenge, answer);

        ChallengePage page = (ChallengePage) PageFixture.model(look);
        assertThat(page.factor()).isNotEqualTo("questions");
        assertThat(page.factors()).doesNotContain("questions");
        assertThat(page.toString()).doesNotContain(QUESTIONS.toArray(String[]::new));
        assertThat(look.forwardedTo).isNotEqualTo("/mfa/questions.jsp");
        assertThat(answered.status).isEqualTo(400);
        assertThat(fx.session().state(fx.clock.instant()).verifiedAt()).doesNotContainKey("questions");
    }

    /** The counterpart: a pending challenge that accepts questions shows two of them. */
    @Test
    void aPendingChallengeThatTakesQuestionsShowsTwo() throws Exception {
        fx.totp.enrolled.add(USER);
        fx.signedIn(NOW.minus(Duration.ofMinutes(1)));
        assertThat(fx.send(settings, form(QUESTIONS, ANSWERS)).status).isEqualTo(303);
        fx.pendingStepUp(List.of("totp", "questions"));

        FakeHttp.Request look = fx.request("GET", ChallengeServlet.CHALLENGE).param("factor", "questions");
        fx.send(challenge, look);

        assertThat(look.forwardedTo).isEqualTo("/mfa/questions.jsp");
        assertThat((List<?>) ((ChallengePage) PageFixture.model(look)).view().get("questions")).hasSize(2);
    }
}
