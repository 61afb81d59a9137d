package dev.stepwise.mfa.store;

import dev.stepwise.mfa.core.AccountThrottle;
import dev.stepwise.mfa.core.AttemptPolicy;
import dev.stepwise.mfa.core.QuestionRules;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.TestChallengeContexts;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.factor.questions.AnswerHasher;
import dev.stepwise.mfa.factor.questions.QuestionsFactor;
import dev.stepwise.mfa.factor.questions.SecurityQuestion;
import dev.stepwise.mfa.runtime.AttemptOutcome;
import dev.stepwise.mfa.runtime.Attempts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The security questions store and factor on every supported database: storage at rest, the pair kept per user,
 * and the attacks (32 wrong answers at once, reload, another user, non-ASCII and oversize answers, store down).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecurityQuestionStoreContractTest {

    static final Instant T0 = StoreContractTest.T0;
    static final List<String> QUESTIONS = List.of("First concert?", "Favourite tree?", "Grandma's street?",
            "Name of the ﬁrst boat?");
    static final List<String> ANSWERS = List.of("Blur 1995", "larch", "Mill Lane", "ＳＥＡ ﬁsh");

    TestDatabase db;
    FaultyDataSource dataSource;
    JdbcStore store;
    QuestionsFactor factor;
    final dev.stepwise.mfa.MutableClock clock = new dev.stepwise.mfa.MutableClock(T0);

    abstract TestDatabase newDatabase();

    @BeforeAll
    void openStore() {
        db = newDatabase();
        dataSource = new FaultyDataSource(db.dataSource());
        store = JdbcStore.open(dataSource, new SecretBox(StoreContractTest.BOX_KEY), true, clock);
        factor = new QuestionsFactor(store.securityQuestions(), new AnswerHasher(AnswerHasher.MIN_ITERATIONS,
                new SecureRandom()), new SecureRandom());
    }

    @AfterAll
    void closeStore() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        dataSource.heal();
        clock.set(T0);
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String table : StoreContractTest.tables(c)) {
                if (!table.equalsIgnoreCase("stepwise_schema_version")) {
                    st.executeUpdate("DELETE FROM " + table);
                }
            }
        }
    }

    /** Enrols {@code user} with the four questions. */
    String enrolled(String name) {
        String user = StoreContractTest.user(name);
        assertThat(factor.enrol(user, QUESTIONS, ANSWERS)).isInstanceOf(QuestionRules.Checked.Accepted.class);
        return user;
    }

    /** The answers to the questions {@code view} shows, typed as given by {@code how}. */
    static Map<String, String> answersTo(List<?> asked, java.util.function.UnaryOperator<String> how) {
        Map<String, String> input = new HashMap<>();
        input.put(QuestionsFactor.INPUT_FIRST, how.apply(ANSWERS.get(QUESTIONS.indexOf(asked.get(0)))));
        input.put(QuestionsFactor.INPUT_SECOND, how.apply(ANSWERS.get(QUESTIONS.indexOf(asked.get(1)))));
        return input;
    }

    static List<?> asked(QuestionsFactor factor, String user, ChallengeContext ctx) {
        return (List<?>) factor.beginChallenge(user, ctx).model().get(QuestionsFactor.MODEL_QUESTIONS);
    }

    @Test
    void questionsAreSealedAndAnswersNeverStored() throws SQLException {
        String alice = enrolled("alice");

        assertThat(factor.isEnrolled(alice)).isTrue();
        assertThat(factor.questions(alice)).containsExactlyElementsOf(QUESTIONS);
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT question_box, salt, iterations, answer_hash FROM stepwise_question WHERE user_id = ?")) {
            ps.setString(1, alice);
            try (ResultSet rs = ps.executeQuery()) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    String all = new String(rs.getBytes(1), StandardCharsets.ISO_8859_1)
                            + new String(rs.getBytes(4), StandardCharsets.ISO_8859_1);
                    assertThat(all).doesNotContain("concert", "tree", "larch", "Blur", "blur");
                    assertThat(rs.getInt(3)).isEqualTo(AnswerHasher.MIN_ITERATIONS);
                }
                assertThat(rows).isEqualTo(4);
            }
        }
    }

    @Test
    void rightAnswersTypedAnotherWayPassAndOneWrongAnswerFails() {
        String alice = enrolled("alice");
        ChallengeContext ctx = TestChallengeContexts.at(T0);
        List<?> asked = asked(factor, alice, ctx);

        Map<String, String> oneWrong = answersTo(asked, a -> a);
        oneWrong.put(QuestionsFactor.INPUT_SECOND, "not it");
        assertThat(factor.verify(alice, oneWrong, ctx)).isInstanceOf(Verification.Rejected.class);
        // full width, upper case, ligatures spelled out, extra spaces: the same answers
        Map<String, String> typedOtherwise = answersTo(asked, a -> "  " + a.toUpperCase().replace("ﬁ", "fi")
                .replace(" ", "   ") + " ");
        assertThat(factor.verify(alice, typedOtherwise, ctx)).isInstanceOf(Verification.Accepted.class);
    }

    @Test
    void aReloadANewSessionAndAWrongAnswerAskTheSamePairUntilItIsAnsweredRight() {
        String alice = enrolled("alice");
        ChallengeContext first = TestChallengeContexts.at(T0);
        List<?> asked = asked(factor, alice, first);
        assertThat(asked).hasSize(2).doesNotHaveDuplicates();

        for (int i = 0; i < 20; i++) {
            assertThat(asked(factor, alice, TestChallengeContexts.at(T0))).isEqualTo(asked);
        }
        assertThat(factor.verify(alice, Map.of(QuestionsFactor.INPUT_FIRST, "wrong one",
                QuestionsFactor.INPUT_SECOND, "wrong two"), first)).isInstanceOf(Verification.Rejected.class);
        assertThat(asked(factor, alice, first)).isEqualTo(asked);

        assertThat(factor.verify(alice, answersTo(asked, a -> a), first)).isInstanceOf(Verification.Accepted.class);
        Set<Object> later = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            later.add(asked(factor, alice, first));
            factor.verify(alice, answersTo(asked(factor, alice, first), a -> a), first);
        }
        assertThat(later).hasSizeGreaterThan(1);   // a new pair after each right answer
    }

    @Test
    void thirtyTwoSimultaneousChallengesAllAskOnePair() throws Exception {
        String alice = enrolled("alice");

        List<List<?>> pairs = Concurrently.run(32, () -> asked(factor, alice, TestChallengeContexts.at(T0)));

        assertThat(new HashSet<>(pairs)).hasSize(1);
    }

    @Test
    void thirtyTwoSimultaneousWrongAnswersAreCheckedOnlyAsThePolicyAllows() throws Exception {
        String alice = enrolled("alice");
        List<MfaEvent> events = new CopyOnWriteArrayList<>();
        Attempts attempts = new Attempts(new AccountThrottle(store.attempts(), AttemptPolicy.defaults(), clock), clock,
                events::add);
        ChallengeContext ctx = TestChallengeContexts.at(T0);
        List<?> asked = asked(factor, alice, ctx);
        Map<String, String> wrong = answersTo(asked, a -> a + " zzqx");

        List<AttemptOutcome> outcomes = Concurrently.run(32, () -> attempts.verify(alice, factor, wrong, ctx));

        assertThat(outcomes).filteredOn(AttemptOutcome.Rejected.class::isInstance).hasSize(3);
        assertThat(outcomes).filteredOn(AttemptOutcome.Refused.class::isInstance).hasSize(29);
        assertThat(events).filteredOn(MfaEvent.FactorChecked.class::isInstance).hasSize(3);
        assertThat(events.toString()).doesNotContain("zzqx", "larch", "blur");
        // the right answers are refused as well while the throttle says wait
        assertThat(attempts.verify(alice, factor, answersTo(asked, a -> a), ctx))
                .isInstanceOf(AttemptOutcome.Refused.class);
    }

    @Test
    void anotherUserInTheSameSessionCannotUseAlicesPairOrAnswers() {
        String alice = enrolled("alice");
        String bob = StoreContractTest.user("bob");
        assertThat(factor.enrol(bob, List.of("Bob's tree?", "Bob's street?", "Bob's band?"),
                List.of("birch", "high street", "pulp"))).isInstanceOf(QuestionRules.Checked.Accepted.class);
        ChallengeContext shared = TestChallengeContexts.at(T0);
        List<?> alicesPair = asked(factor, alice, shared);

        assertThat(factor.verify(bob, answersTo(alicesPair, a -> a), shared)).isInstanceOf(Verification.Rejected.class);
        assertThat(asked(factor, bob, shared)).allSatisfy(q -> assertThat(q.toString()).startsWith("Bob's"));
        String carol = StoreContractTest.user("carol");
        assertThat(factor.beginChallenge(carol, shared).model()).isEmpty();
        assertThat(factor.verify(carol, answersTo(alicesPair, a -> a), shared)).isInstanceOf(Verification.Rejected.class);
        assertThat(factor.isEnrolled(carol)).isFalse();
    }

    @Test
    void oversizeAndMalformedAnswersAreRejectedAndTheFormsRefused() {
        String alice = enrolled("alice");
        ChallengeContext ctx = TestChallengeContexts.at(T0);
        asked(factor, alice, ctx);

        assertThat(factor.verify(alice, Map.of(QuestionsFactor.INPUT_FIRST, "a".repeat(1_000_000),
                QuestionsFactor.INPUT_SECOND, "larch"), ctx)).isInstanceOf(Verification.Rejected.class);
        assertThat(factor.verify(alice, Map.of(), ctx)).isInstanceOf(Verification.Rejected.class);
        assertThat(factor.verify(alice, Map.of(QuestionsFactor.INPUT_FIRST, "lar\u202ech",
                QuestionsFactor.INPUT_SECOND, "larch"), ctx)).isInstanceOf(Verification.Rejected.class);
        assertThat(factor.enrol(alice, List.of("x".repeat(100_000), "b?", "c?"), List.of("one", "two", "six")))
                .isEqualTo(new QuestionRules.Checked.Refused(QuestionRules.ERROR_QUESTION));
        assertThat(factor.questions(alice)).containsExactlyElementsOf(QUESTIONS);   // nothing replaced
    }

    @Test
    void replacingForgetsThePairAndRemovingForgetsEverything() {
        String alice = enrolled("alice");
        List<Object> before = List.copyOf(asked(factor, alice, TestChallengeContexts.at(T0)));
        assertThat(factor.enrol(alice, List.of("A?", "B?", "C?"), List.of("one", "two", "six")))
                .isInstanceOf(QuestionRules.Checked.Accepted.class);

        List<Object> after = List.copyOf(asked(factor, alice, TestChallengeContexts.at(T0)));
        assertThat(after).doesNotContainAnyElementsOf(before).isSubsetOf("A?", "B?", "C?");
        factor.removeEnrolment(alice);
        assertThat(factor.isEnrolled(alice)).isFalse();
        assertThat(store.securityQuestions().list(alice)).isEmpty();
    }

    @Test
    void concurrentReplacementsLeaveOneWholeSet() throws Exception {
        String alice = StoreContractTest.user("alice");
        AnswerHasher hasher = new AnswerHasher(AnswerHasher.MIN_ITERATIONS, new SecureRandom());

        Concurrently.run(8, () -> {
            List<SecurityQuestion> set = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                set.add(hasher.hash("Q" + i + "?", "answer " + i));
            }
            store.securityQuestions().replaceAll(alice, set);
            return null;
        });

        assertThat(store.securityQuestions().list(alice)).hasSize(3);
    }

    @Test
    void aStoreThatIsDownFailsClosedWithoutSecrets() {
        String alice = enrolled("alice");
        ChallengeContext ctx = TestChallengeContexts.at(T0);
        Map<String, String> right = answersTo(asked(factor, alice, ctx), a -> a);
        dataSource.goDown();

        for (Runnable op : List.<Runnable>of(() -> factor.verify(alice, right, ctx),
                () -> factor.beginChallenge(alice, ctx), () -> factor.isEnrolled(alice),
                () -> factor.enrol(alice, QUESTIONS, ANSWERS), () -> factor.removeEnrolment(alice),
                () -> store.securityQuestions().forgetAsked(alice))) {
            assertThatThrownBy(op::run).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageNotContaining(alice).hasMessageNotContaining("larch");
        }
        Attempts attempts = new Attempts(new AccountThrottle(new dev.stepwise.mfa.core.FailureCounter() {
            private final Map<String, dev.stepwise.mfa.core.FailureCount> counts = new HashMap<>();

            @Override
            public synchronized dev.stepwise.mfa.core.FailureCount read(String user) {
                return counts.getOrDefault(user, dev.stepwise.mfa.core.FailureCount.NONE);
            }

            @Override
            public synchronized boolean replace(String user, dev.stepwise.mfa.core.FailureCount expected,
                                                dev.stepwise.mfa.core.FailureCount next) {
                if (!read(user).equals(expected)) {
                    return false;
                }
                counts.put(user, next);
                return true;
            }

            @Override
            public synchronized void giveBack(String user) {
                counts.remove(user);
            }

            @Override
            public synchronized void reset(String user) {
                counts.remove(user);
            }
        }, AttemptPolicy.defaults(), clock), clock, e -> { });
        assertThat(attempts.verify(alice, factor, right, ctx)).isInstanceOf(AttemptOutcome.Unavailable.class);
        dataSource.heal();
        assertThat(factor.verify(alice, right, ctx)).isInstanceOf(Verification.Accepted.class);
    }
}
