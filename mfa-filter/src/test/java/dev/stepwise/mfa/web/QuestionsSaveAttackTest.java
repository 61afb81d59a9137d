package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.core.QuestionRules;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.SaveThrottle;
import dev.stepwise.mfa.http.SavedRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.stepwise.mfa.web.PageFixture.NOW;
import static dev.stepwise.mfa.web.PageFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on saving security questions (issue 17): the CPU a save burns, the step-up a user without a counting
 * factor skipped, and the answers a challenge asked before the page ran kept in the session.
 */
class QuestionsSaveAttackTest {

    private static final List<String> ANSWERS = List.of("Blur 1995", "larch", "Mill Lane", "Ostsee", "Rosa",
            "Kiefer", "Ahorn", "Birke", "Eiche", "Linde");

    private final PageFixture fx = PageFixture.withQuestions("off");
    private final SettingsServlet settings = fx.wire(new SettingsServlet());

    /** A full form of ten questions (the most work one save may cost), the questions numbered by {@code round}. */
    private FakeHttp.Request fullForm(int round) {
        FakeHttp.Request request = fx.post(SettingsServlet.QUESTIONS);
        request.contentType = "application/x-www-form-urlencoded";
        for (int i = 0; i < QuestionRules.MAX_QUESTIONS; i++) {
            request.param(QuestionSettings.QUESTION + (i + 1), "Question " + (i + 1) + " of round " + round + "?");
            request.param(QuestionSettings.ANSWER + (i + 1), ANSWERS.get(i));
        }
        return request;
    }

    /**
     * A script in a signed-in session saves ten questions again and again: each save derives ten PBKDF2 keys.
     * After {@link SaveThrottle#SAVES} saves in the window every further save is refused with 429 before a single
     * answer is hashed, and nothing changes.
     */
    @Test
    void rapidSavesAreRefusedAfterTheLimitWithoutHashing() throws Exception {
        fx.totp.enrolled.add(USER);
        fx.signedIn(NOW.minus(Duration.ofMinutes(1)));
        for (int round = 1; round <= SaveThrottle.SAVES; round++) {
            assertThat(fx.send(settings, fullForm(round)).status).as("save %s", round).isEqualTo(303);
        }
        int draws = fx.hasherDraws.get();
        List<String> stored = fx.questions.questions(USER);
        assertThat(draws).isPositive();

        List<Integer> statuses = new ArrayList<>();
        for (int round = 100; round < 110; round++) {
            FakeHttp.Request refused = fullForm(round);
            FakeHttp.Response response = fx.send(settings, refused);
            statuses.add(response.status);
            assertThat(response.header("Retry-After")).isNotNull();
            QuestionsPage page = (QuestionsPage) PageFixture.model(refused);
            assertThat(page.error()).isEqualTo(SaveThrottle.ERROR_BUSY);
            assertThat(page.toString()).doesNotContain(ANSWERS.toArray(String[]::new));
        }
        assertThat(statuses).containsOnly(429);
        assertThat(fx.hasherDraws.get()).as("no answer hashed for a refused save").isEqualTo(draws);
        assertThat(fx.questions.questions(USER)).isEqualTo(stored);

        fx.clock.advance(SaveThrottle.WINDOW);
        fx.signedIn(fx.clock.instant().minus(Duration.ofMinutes(1)));
        assertThat(fx.send(settings, fullForm(200)).status).as("a new window saves again").isEqualTo(303);
    }

    /** A form the rules refuse costs no hashing and no save of the window: the user corrects it and saves. */
    @Test
    void refusedFormsUseNoSaveOfTheWindow() throws Exception {
        fx.totp.enrolled.add(USER);
        fx.signedIn(NOW.minus(Duration.ofMinutes(1)));
        for (int i = 0; i < SaveThrottle.SAVES + 2; i++) {
            FakeHttp.Request bad = fullForm(i);
            bad.param(QuestionSettings.ANSWER + "2", "x".repeat(QuestionRules.MAX_ANSWER_INPUT + 1));
            assertThat(fx.send(settings, bad).status).isEqualTo(400);
        }
        assertThat(fx.hasherDraws.get()).isZero();
        assertThat(fx.send(settings, fullForm(1)).status).isEqualTo(303);
    }

    /**
     * Questions never count alone, so a user with no other factor would set them up without any step-up: whoever
     * has the password alone writes the answers. Refused, with a link to add a factor first; nothing stored.
     */
    @Test
    void aUserWithoutACountingFactorCannotSetUpQuestions() throws Exception {
        fx.signedIn(null);

        FakeHttp.Request look = fx.request("GET", SettingsServlet.QUESTIONS);
        FakeHttp.Response shown = fx.send(settings, look);
        FakeHttp.Request save = fullForm(1);
        FakeHttp.Response saved = fx.send(settings, save);

        assertThat(shown.status).isEqualTo(409);
        assertThat(((QuestionsPage) PageFixture.model(look)).error()).isEqualTo(QuestionSettings.ERROR_FIRST_FACTOR);
        assertThat(((QuestionsPage) PageFixture.model(look)).rows()).isZero();
        assertThat(saved.status).isEqualTo(409);
        assertThat(((QuestionsPage) PageFixture.model(save)).error()).isEqualTo(QuestionSettings.ERROR_FIRST_FACTOR);
        assertThat(fx.questions.isEnrolled(USER)).isFalse();
        assertThat(fx.hasherDraws.get()).isZero();
        assertThat(fx.events).isEmpty();
    }

    /**
     * A login challenge asked for the settings POST before the page itself ran (the enforcement point's answer,
     * as the filter gives it) saves the form for after the challenge: the new answers must not be kept in the
     * session, neither in the parameters nor in the body to replay.
     */
    @Test
    void aChallengeAskedBeforeThePageRanKeepsNoAnswer() throws Exception {
        fx.totp.enrolled.add(USER);
        fx.signedIn(null);
        FakeHttp.Request form = fullForm(1);
        Decision login = new Decision.ChallengeRequired(List.of("totp"), Decision.ChallengeRequired.Why.MISSING,
                Requirement.mfa());

        fx.enforcement.answer(login, form.asHttpServletRequest());

        SavedRequest saved = fx.session().pending(fx.clock.instant()).saved();
        assertThat(saved.params()).containsKey(QuestionSettings.QUESTION + "1")
                .containsEntry(QuestionSettings.ANSWER + "1", List.of(""));
        assertThat(saved.params().toString()).doesNotContain(ANSWERS.toArray(String[]::new));
        String body = new String(saved.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("Question+1").doesNotContain("larch", "Mill", "Blur", "Linde");
    }
}
