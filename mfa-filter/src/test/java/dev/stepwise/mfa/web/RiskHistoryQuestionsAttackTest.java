package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.risk.RiskHistory;
import dev.stepwise.mfa.factor.questions.QuestionsFactor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.stepwise.mfa.web.PageFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under the adaptive login the sign-in history learns only from sign-ins that passed MFA (or were not asked), so a
 * stolen password cannot make the thief's device, network or country "known". Security questions never pass the
 * login, so answering them must not teach the history anything either.
 */
class RiskHistoryQuestionsAttackTest {

    private static final List<String> QUESTIONS = List.of("First concert?", "Favourite tree?", "Grandma's street?");
    private static final List<String> ANSWERS = List.of("Blur 1995", "larch", "Mill Lane");

    private final PageFixture fx = PageFixture.withQuestions("off", "adaptive");
    private final ChallengeServlet challenge = fx.wire(new ChallengeServlet());

    /**
     * Someone with the password and the answers (the weakest factor: guessable, phishable, often public) signs in
     * and answers a pending step-up that accepts questions (questions are shown and taken only for a pending
     * challenge that names them). The answer passes no login, yet it was recorded as a successful sign-in: the
     * thief's device, network and country became known, and the adaptive login let the next sign-in from there
     * through without asking for the real factor.
     */
    @Test
    void answeredQuestionsDoNotRecordASuccessfulSignIn() throws Exception {
        fx.totp.enrolled.add(USER);
        fx.questions.enrol(USER, QUESTIONS, ANSWERS);
        fx.signedIn(null); // the password only: nothing proven, the login not passed
        RiskHistory history = fx.storage.riskHistory();
        assertThat(history.lastLogin(USER)).isEmpty();
        fx.pendingStepUp(List.of("totp", "questions"));

        FakeHttp.Request look = fx.request("GET", ChallengeServlet.CHALLENGE).param("factor", "questions");
        fx.send(challenge, look);
        List<?> asked = (List<?>) ((ChallengePage) PageFixture.model(look)).view().get(QuestionsFactor.MODEL_QUESTIONS);
        Map<String, String> answers = Map.of(
                QuestionsFactor.INPUT_FIRST, ANSWERS.get(QUESTIONS.indexOf((String) asked.get(0))),
                QuestionsFactor.INPUT_SECOND, ANSWERS.get(QUESTIONS.indexOf((String) asked.get(1))));
        FakeHttp.Request answer = fx.post(ChallengeServlet.CHALLENGE).param("factor", "questions");
        answers.forEach(answer::param);
        fx.send(challenge, answer);

        assertThat(fx.session().state(fx.clock.instant()).verifiedAt()).containsKey("questions"); // it was answered
        assertThat(history.lastLogin(USER)).as("a sign-in that passed no login is not recorded").isEmpty();
        assertThat(history.signIns(USER)).isEmpty();
    }

    /** The counterpart: a factor that passes the login does teach the history, after answered questions too. */
    @Test
    void aVerifiedTotpRecordsTheSignIn() throws Exception {
        fx.totp.enrolled.add(USER);
        fx.signedIn(null);
        RiskHistory history = fx.storage.riskHistory();

        fx.send(challenge, fx.post(ChallengeServlet.CHALLENGE).param("factor", "totp")
                .param("code", PageFixture.GOOD_CODE));

        assertThat(fx.session().state(fx.clock.instant()).verifiedAt()).containsKey("totp");
        assertThat(history.lastLogin(USER)).isPresent();
    }
}
