package dev.stepwise.mfa.factor.questions;

import dev.stepwise.mfa.Factors;
import dev.stepwise.mfa.core.QuestionRules;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.ChallengeView;
import dev.stepwise.mfa.factor.EnrolmentRemoval;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.Verification;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Security questions the user wrote, factor id {@value Factors#QUESTIONS}: the weakest factor, off by default.
 * Enrolled with at least {@value QuestionRules#MIN_QUESTIONS} questions; the rules of what may be stored, and of when
 * the factor counts and what it may satisfy, are {@link QuestionRules}.
 *
 * <pre>{@code
 * QuestionsFactor questions = new QuestionsFactor(store);
 * questions.enrol("alice", List.of("First concert?", "Favourite tree?", "Grandma's street?"),
 *                          List.of("Blur 1995", "larch", "Mill Lane"));
 * ChallengeView view = questions.beginChallenge("alice", ctx);     // two questions, kept until answered right
 * questions.verify("alice", Map.of("answer1", "…", "answer2", "…"), ctx);
 * }</pre>
 *
 * <p>Challenge: {@value QuestionRules#ASKED} questions are chosen with {@link SecureRandom} and kept in the store
 * ({@link SecurityQuestionStore#ask}), so a reload, a new session or another node asks the same pair until it is
 * answered right; only then is it forgotten. Both answers must be right; both are hashed whatever the first gave,
 * and neither is hashed when one cannot be an answer at all. A wrong pair is {@link Verification.Rejected}: the
 * attempt unit counts it against the account like a wrong code (throttle, lockout). A store that cannot be reached
 * throws, and the attempt unit grants nothing (fail closed).
 */
public final class QuestionsFactor implements Factor, EnrolmentRemoval {

    /** The form field of the answer to the first question asked. */
    public static final String INPUT_FIRST = "answer1";

    /** The form field of the answer to the second question asked. */
    public static final String INPUT_SECOND = "answer2";

    /** The challenge page's model key: the two questions asked, in order. */
    public static final String MODEL_QUESTIONS = "questions";

    /** Bundle key shown for any refused pair of answers (never says which one was wrong). */
    public static final String ERROR_ANSWERS = "stepwise.mfa.questions.error.wrong";

    private final SecurityQuestionStore store;
    private final AnswerHasher hasher;
    private final SecureRandom random;

    /**
     * With the default hasher ({@value AnswerHasher#DEFAULT_ITERATIONS} PBKDF2 iterations).
     *
     * @param store the questions and answer hashes
     */
    public QuestionsFactor(SecurityQuestionStore store) {
        this(store, new AnswerHasher(), new SecureRandom());
    }

    /**
     * @param store  the questions and answer hashes
     * @param hasher how answers are hashed
     * @param random which questions are asked
     */
    public QuestionsFactor(SecurityQuestionStore store, AnswerHasher hasher, SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public String id() {
        return Factors.QUESTIONS;
    }

    /** Whether {@code user} has at least {@value QuestionRules#MIN_QUESTIONS} questions. */
    @Override
    public boolean isEnrolled(String user) {
        return store.list(Objects.requireNonNull(user, "user")).size() >= QuestionRules.MIN_QUESTIONS;
    }

    /**
     * The questions {@code user} wrote, in order (for the settings page; never the answers).
     *
     * @param user the user name (the container's caller principal name)
     * @return the questions
     */
    public List<String> questions(String user) {
        return store.list(Objects.requireNonNull(user, "user")).stream().map(SecurityQuestion::question).toList();
    }

    /**
     * Checks and stores the questions and answers of a settings form, replacing every old one (the caller required
     * a fresh factor first when the user already has one that counts).
     *
     * @param user      the user name (the container's caller principal name)
     * @param questions the questions as typed
     * @param answers   the answers as typed, one per question
     * @return {@link QuestionRules.Checked.Accepted} when stored, else why nothing was stored
     */
    public QuestionRules.Checked enrol(String user, List<String> questions, List<String> answers) {
        return enrol(user, questions, answers, () -> true);
    }

    /**
     * As {@link #enrol(String, List, List)}, asking {@code mayHash} (a throttle) once the form is acceptable and
     * before any answer is hashed: when it says no, nothing is hashed or stored.
     *
     * @param user      the user name (the container's caller principal name)
     * @param questions the questions as typed
     * @param answers   the answers as typed, one per question
     * @param mayHash   whether the hashing may be done now; asked only for an acceptable form
     * @return {@link QuestionRules.Checked.Accepted} when stored; else why nothing was stored, with
     *         {@link dev.stepwise.mfa.core.SaveThrottle#ERROR_BUSY} when {@code mayHash} said no
     */
    public QuestionRules.Checked enrol(String user, List<String> questions, List<String> answers,
                                       java.util.function.BooleanSupplier mayHash) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(mayHash, "mayHash");
        QuestionRules.Checked checked = QuestionRules.check(questions, answers);
        if (checked instanceof QuestionRules.Checked.Accepted && !mayHash.getAsBoolean()) {
            return new QuestionRules.Checked.Refused(dev.stepwise.mfa.core.SaveThrottle.ERROR_BUSY);
        }
        if (checked instanceof QuestionRules.Checked.Accepted accepted) {
            List<SecurityQuestion> hashed = new ArrayList<>();
            for (QuestionRules.Entry entry : accepted.entries()) {
                hashed.add(hasher.hash(entry.question(), entry.answer()));
            }
            store.replaceAll(user, hashed);
        }
        return checked;
    }

    /** Shows the pair being asked ({@value #MODEL_QUESTIONS}), choosing and keeping one when none is kept. */
    @Override
    public ChallengeView beginChallenge(String user, ChallengeContext ctx) {
        Objects.requireNonNull(user, "user");
        Optional<List<SecurityQuestion>> pair = asked(user);
        if (pair.isEmpty()) {
            return ChallengeView.EMPTY;
        }
        return new ChallengeView(Map.of(MODEL_QUESTIONS,
                pair.get().stream().map(SecurityQuestion::question).toList()));
    }

    @Override
    public Verification verify(String user, Map<String, String> input, ChallengeContext ctx) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(ctx, "ctx");
        Optional<String> first = QuestionRules.answer(input.get(INPUT_FIRST));
        Optional<String> second = QuestionRules.answer(input.get(INPUT_SECOND));
        if (first.isEmpty() || second.isEmpty()) {
            return Verification.rejected(ERROR_ANSWERS);   // cannot be answers: no hashing
        }
        Optional<List<SecurityQuestion>> pair = asked(user);
        if (pair.isEmpty()) {
            return Verification.rejected(ERROR_ANSWERS);
        }
        boolean right = hasher.matches(first.get(), pair.get().get(0))
                & hasher.matches(second.get(), pair.get().get(1));   // both hashed: no hint which was wrong
        if (!right) {
            return Verification.rejected(ERROR_ANSWERS);
        }
        store.forgetAsked(user);
        return Verification.accepted();
    }

    /** The pair kept for {@code user}, chosen now if none is; empty when the user has too few questions. */
    private Optional<List<SecurityQuestion>> asked(String user) {
        List<SecurityQuestion> all = store.list(user);
        if (all.size() < QuestionRules.MIN_QUESTIONS) {
            return Optional.empty();
        }
        int[] picked = QuestionRules.pick(all.size(), random);
        List<String> ids = store.ask(user, List.of(all.get(picked[0]).id(), all.get(picked[1]).id()));
        Optional<List<SecurityQuestion>> found = find(all, ids);
        if (found.isEmpty()) {
            // a pair kept from questions since replaced: never ask a third one beside it, start anew
            store.forgetAsked(user);
            found = find(all, store.ask(user, List.of(all.get(picked[0]).id(), all.get(picked[1]).id())));
        }
        return found;
    }

    private static Optional<List<SecurityQuestion>> find(List<SecurityQuestion> all, List<String> ids) {
        if (ids.size() != QuestionRules.ASKED || ids.get(0).equals(ids.get(1))) {
            return Optional.empty();
        }
        List<SecurityQuestion> pair = new ArrayList<>();
        for (String id : ids) {
            all.stream().filter(q -> q.id().equals(id)).findFirst().ifPresent(pair::add);
        }
        return pair.size() == QuestionRules.ASKED ? Optional.of(List.copyOf(pair)) : Optional.empty();
    }

    /** The challenge page of this factor: the two questions asked, an answer field each. */
    @Override
    public String page() {
        return "/mfa/questions.jsp";
    }

    /** {@link EnrolmentRemoval}: every question and answer of {@code user} is deleted. */
    @Override
    public void removeEnrolment(String user) {
        store.replaceAll(Objects.requireNonNull(user, "user"), List.of());
    }
}
