package dev.stepwise.mfa.web;

import java.util.List;
import java.util.Objects;

/**
 * The model of {@code questions-enroll.jsp}: the user writes their own security questions and answers. The page
 * says plainly that this is the weakest way to sign in; answers are never shown back, not even after a refused
 * form.
 *
 * @param links     the forms' token and targets
 * @param action    where the form posts
 * @param questions the questions to fill the rows with (the stored ones, or those of a refused form), never answers
 * @param rows      how many rows the form has
 * @param min       fewest questions
 * @param error     message key of why the form was refused, or {@code null}
 */
public record QuestionsPage(PageLinks links, String action, List<String> questions, int rows, int min, String error) {

    /**
     * Checks the components and copies the mutable ones.
     *
     * @param links     the forms' token and targets
     * @param action    where the form posts
     * @param questions the questions to fill the rows with, never answers
     * @param rows      how many rows the form has
     * @param min       fewest questions
     * @param error     message key of why the form was refused, or {@code null}
     */
    public QuestionsPage {
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(action, "action");
        questions = List.copyOf(questions);
    }

    /**
     * The question of row {@code i} (0-based), or the empty string.
     *
     * @return one entry per row
     */
    public List<String> rowQuestions() {
        return java.util.stream.IntStream.range(0, rows)
                .mapToObj(i -> i < questions.size() ? questions.get(i) : "").toList();
    }
}
