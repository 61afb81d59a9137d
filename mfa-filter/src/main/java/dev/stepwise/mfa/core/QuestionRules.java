package dev.stepwise.mfa.core;

import dev.stepwise.mfa.Factors;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The rules of security questions ({@value Factors#QUESTIONS}), the weakest factor, as plain functions:
 * <ul>
 *   <li>the user writes their own questions, {@value #MIN_QUESTIONS} to {@value #MAX_QUESTIONS}; a question follows
 *       the rule of key names ({@link KeyRules#name}) with up to {@value #MAX_QUESTION} characters, and no two are the
 *       same once normalised;</li>
 *   <li>an answer is normalised ({@link #answer}): Unicode NFKC, case folded with {@link Locale#ROOT}, spaces trimmed
 *       and collapsed; it has {@value #MIN_ANSWER} to {@value #MAX_ANSWER} characters then, no control or format
 *       (bidi) character, differs from its question and from the other answers;</li>
 *   <li>a challenge asks {@value #ASKED} of them, chosen at random ({@link #pick});</li>
 *   <li>answers are something the user knows, like the password: the factor never counts alone
 *       ({@link #counts}), never satisfies the login requirement or an {@code @RequiresMfa}, and satisfies a step-up
 *       only where the application says so ({@link #acceptable}).</li>
 * </ul>
 */
public final class QuestionRules {

    /** Fewest questions a user must write. */
    public static final int MIN_QUESTIONS = 3;
    /** Most questions a user may keep. */
    public static final int MAX_QUESTIONS = 10;
    /** Questions asked by one challenge; all must be answered right. */
    public static final int ASKED = 2;
    /** Longest question, in {@code char}s after trimming (the stores keep 200 characters). */
    public static final int MAX_QUESTION = 200;
    /** Shortest answer, in {@code char}s after normalising. */
    public static final int MIN_ANSWER = 3;
    /** Longest answer, in {@code char}s after normalising. */
    public static final int MAX_ANSWER = 100;
    /** Longest raw answer looked at (before normalising, which may grow or shrink it); longer is refused as is. */
    public static final int MAX_ANSWER_INPUT = 4 * MAX_ANSWER;

    /** Bundle key: fewer than {@value #MIN_QUESTIONS} or more than {@value #MAX_QUESTIONS} questions. */
    public static final String ERROR_COUNT = "stepwise.mfa.questions.error.count";
    /** Bundle key: a question is empty, too long or has a character that is not allowed. */
    public static final String ERROR_QUESTION = "stepwise.mfa.questions.error.question";
    /** Bundle key: an answer is too short, too long or has a character that is not allowed. */
    public static final String ERROR_ANSWER = "stepwise.mfa.questions.error.answer";
    /** Bundle key: two questions are the same, two answers are the same, or an answer repeats its question. */
    public static final String ERROR_REPEATED = "stepwise.mfa.questions.error.repeated";

    private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private QuestionRules() {
    }

    /**
     * One question with its normalised answer, ready to be hashed.
     *
     * @param question the question as the user wrote it (trimmed)
     * @param answer   the normalised answer ({@link #answer})
     */
    public record Entry(String question, String answer) {
        /**
         * Checks the components.
         *
         * @param question the question as the user wrote it (trimmed)
         * @param answer   the normalised answer
         */
        public Entry {
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(answer, "answer");
        }

        /** Never shows the answer. */
        @Override
        public String toString() {
            return "Entry[question=" + question + ", answer=(hidden)]";
        }
    }

    /** What {@link #check} made of a form. */
    public sealed interface Checked {
        /**
         * Acceptable: the entries to store, in the order written.
         *
         * @param entries the questions with their normalised answers
         */
        record Accepted(List<Entry> entries) implements Checked {
            /**
             * Copies the entries.
             *
             * @param entries the questions with their normalised answers
             */
            public Accepted {
                entries = List.copyOf(entries);
            }
        }

        /**
         * Refused: nothing may be stored.
         *
         * @param messageKey bundle key of what the page shows (never the answer)
         */
        record Refused(String messageKey) implements Checked {
        }
    }

    /**
     * A question as written, checked: the rule of key names with up to {@value #MAX_QUESTION} characters.
     *
     * @param raw what the user typed, or {@code null}
     * @return the trimmed question; empty if it is not acceptable
     */
    public static Optional<String> question(String raw) {
        return KeyRules.printableText(raw, MAX_QUESTION);
    }

    /**
     * An answer, normalised so that the same answer typed another way matches: Unicode NFKC (the ligature
     * {@code ﬁ} is {@code fi}, full-width {@code Ａ} is {@code A}, a no-break space is a space), case folded by
     * upper- then lower-casing with {@link Locale#ROOT} (so {@code ß} is {@code ss} and the Turkish dotless
     * {@code ı} is {@code i}; the dotted capital {@code İ} stays {@code i̇}, an {@code i} with a combining dot), NFKC
     * again, then every run of white space made one space and the ends trimmed.
     *
     * @param raw what the user typed, or {@code null}
     * @return the normalised answer; empty if it is over {@value #MAX_ANSWER_INPUT} characters as typed, or
     *         outside {@value #MIN_ANSWER} to {@value #MAX_ANSWER} once normalised, or holds a control or format
     *         (e.g. bidi override) character
     */
    public static Optional<String> answer(String raw) {
        if (raw == null || raw.length() > MAX_ANSWER_INPUT) {
            return Optional.empty();
        }
        String folded = Normalizer.normalize(raw, Normalizer.Form.NFKC)
                .toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        String spaced = SPACES.matcher(Normalizer.normalize(folded, Normalizer.Form.NFKC)).replaceAll(" ").strip();
        if (spaced.length() < MIN_ANSWER || spaced.length() > MAX_ANSWER || !KeyRules.allPrintable(spaced)) {
            return Optional.empty();
        }
        return Optional.of(spaced);
    }

    /**
     * Checks a settings form: rows whose question and answer are both blank are skipped.
     *
     * @param questions the questions as typed, one per row
     * @param answers   the answers as typed, one per row (as many as questions)
     * @return the entries to store, or the reason to refuse them all
     */
    public static Checked check(List<String> questions, List<String> answers) {
        Objects.requireNonNull(questions, "questions");
        Objects.requireNonNull(answers, "answers");
        if (questions.size() != answers.size()) {
            return new Checked.Refused(ERROR_COUNT);
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> seenQuestions = new HashSet<>();
        Set<String> seenAnswers = new HashSet<>();
        for (int i = 0; i < questions.size(); i++) {
            String q = questions.get(i);
            String a = answers.get(i);
            if (isBlank(q) && isBlank(a)) {
                continue;
            }
            Optional<String> question = question(q);
            if (question.isEmpty()) {
                return new Checked.Refused(ERROR_QUESTION);
            }
            Optional<String> answer = answer(a);
            if (answer.isEmpty()) {
                return new Checked.Refused(ERROR_ANSWER);
            }
            String questionKey = fold(question.get());
            if (!seenQuestions.add(questionKey) || !seenAnswers.add(answer.get())
                    || answer.get().equals(questionKey)) {
                return new Checked.Refused(ERROR_REPEATED);
            }
            entries.add(new Entry(question.get(), answer.get()));
        }
        if (entries.size() < MIN_QUESTIONS || entries.size() > MAX_QUESTIONS) {
            return new Checked.Refused(ERROR_COUNT);
        }
        return new Checked.Accepted(entries);
    }

    /**
     * Which {@value #ASKED} of a user's questions one challenge asks: distinct positions, uniformly at random.
     *
     * @param count  how many questions the user has, at least {@value #ASKED}
     * @param random the source (a {@code SecureRandom} in the factor)
     * @return two distinct positions in {@code 0 .. count-1}, in the order they are asked
     */
    public static int[] pick(int count, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        if (count < ASKED) {
            throw new IllegalArgumentException("at least " + ASKED + " questions are needed, got " + count);
        }
        int first = random.nextInt(count);
        int second = random.nextInt(count - 1);
        if (second >= first) {
            second++;
        }
        return new int[]{first, second};
    }

    /**
     * Whether questions count among the factors {@code raw} (the user's enrolled ones): only beside another factor
     * that counts and is not recovery codes; answers are something the user knows, like the password.
     *
     * @param raw the user's enrolled factors, SMS already left out when it is alone
     * @return whether {@value Factors#QUESTIONS} is among them and counts
     */
    public static boolean counts(Set<String> raw) {
        return raw.contains(Factors.QUESTIONS) && raw.stream().anyMatch(id -> id != null && !id.isBlank()
                && !id.equals(Factors.QUESTIONS) && !id.equals(Factors.RECOVERY) && !id.equals(Factors.SMS));
    }

    /**
     * Whether {@code verified} (the factors a session verified) holds one that may satisfy the login: any but
     * {@value Factors#QUESTIONS}, which never does. Answered questions alone thus prove nothing for the login, nor
     * for what the login is judged on (the user's "always ask", the adaptive sign-in history).
     *
     * @param verified the ids of the factors verified in the session
     * @return whether one of them is not {@value Factors#QUESTIONS}
     */
    public static boolean anyForLogin(Set<String> verified) {
        return verified.stream().anyMatch(id -> id != null && !id.isBlank() && !id.equals(Factors.QUESTIONS));
    }

    /**
     * Whether questions may satisfy {@code requirement}: never the login requirement or an {@code @RequiresMfa};
     * a step-up only when the application allows them for every step-up ({@code stepwise.mfa.questions.step-up=on})
     * or the step-up names {@value Factors#QUESTIONS} among its factors.
     *
     * @param requirement the requirement
     * @param stepUpAllowed whether {@code stepwise.mfa.questions.step-up} is {@code on}
     * @return whether {@value Factors#QUESTIONS} is acceptable for it
     */
    public static boolean acceptable(Requirement requirement, boolean stepUpAllowed) {
        return requirement.kind() == Requirement.Kind.STEP_UP
                && (stepUpAllowed || requirement.factors().contains(Factors.QUESTIONS));
    }

    private static String fold(String question) {
        return SPACES.matcher(Normalizer.normalize(question, Normalizer.Form.NFKC)
                .toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
