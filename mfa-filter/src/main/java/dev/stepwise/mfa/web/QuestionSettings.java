package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.exemption.EnrolmentHold;
import dev.stepwise.mfa.core.QuestionRules;
import dev.stepwise.mfa.factor.questions.QuestionsFactor;
import dev.stepwise.mfa.http.RequestMarks;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /settings/questions}: the user writes their own security questions, with the offered {@code questions}
 * factor. Saving replaces every earlier question; like adding any factor it needs a fresh factor first once the
 * user has one that counts, and replacing existing questions always does. Answers are checked and hashed by the
 * factor ({@link QuestionRules}) and never written back into the page.
 */
final class QuestionSettings extends SettingsHandler {

    /** Form fields: {@code q1}… and {@code answer1}…, up to {@value QuestionRules#MAX_QUESTIONS}. */
    static final String QUESTION = "q";
    /** Answers are named so that the step-up page masks them ({@link SubmissionPreview}); never kept for replay. */
    static final String ANSWER = "answer";
    private static final java.util.Set<String> ANSWER_FIELDS = java.util.stream.IntStream
            .rangeClosed(1, QuestionRules.MAX_QUESTIONS).mapToObj(i -> ANSWER + i)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final Optional<PageCall.Capable<QuestionsFactor>> questions;

    QuestionSettings(PageCall call, SettingsAccess access) {
        super(call, access);
        this.questions = call.capable(QuestionsFactor.class);
    }

    /** The GET: the form, with the questions stored so far (never the answers). */
    void offer() throws ServletException, IOException {
        if (questions.isEmpty()) {
            call.error(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (mayWrite()) {
            render(questions.get().capability().questions(call.user()), null);
        }
    }

    /** The POST: the questions and answers checked and stored, replacing the old ones. */
    void save() throws ServletException, IOException {
        if (questions.isEmpty()) {
            call.error(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        // A step-up asked now saves this form for after it: never with the answers (the user types them again).
        RequestMarks.withhold(call.request, ANSWER_FIELDS);
        if (!mayWrite()) {
            return;
        }
        List<String> typed = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (int i = 1; i <= QuestionRules.MAX_QUESTIONS; i++) {
            typed.add(call.param(QUESTION + i));
            answers.add(call.param(ANSWER + i));
        }
        String factorId = questions.get().factorId();
        Optional<EnrolmentHold> hold = access.holdUnderExemption(factorId);
        QuestionRules.Checked checked = questions.get().capability().enrol(call.user(), typed, answers);
        if (checked instanceof QuestionRules.Checked.Refused refused) {
            call.response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(typed.stream().map(q -> q == null ? "" : q).toList(), refused.messageKey());
            return;
        }
        access.recordEnrolment(factorId, hold);
        call.seeOtherPage(SettingsServlet.SETTINGS + "?done=questions-saved");
    }

    /** Adding needs what adding any factor needs; replacing stored questions is a change and needs a step-up. */
    private boolean mayWrite() throws IOException {
        boolean has = call.factor(questions.get().factorId()).orElseThrow().isEnrolled(call.user());
        return has ? access.mayChange() : access.mayAdd();
    }

    private void render(List<String> shown, String error) throws ServletException, IOException {
        call.render("questions-enroll.jsp", new QuestionsPage(call.links(), call.base() + SettingsServlet.QUESTIONS,
                shown.size() > QuestionRules.MAX_QUESTIONS ? shown.subList(0, QuestionRules.MAX_QUESTIONS) : shown,
                Math.max(QuestionRules.MIN_QUESTIONS + 2, Math.min(QuestionRules.MAX_QUESTIONS, shown.size())),
                QuestionRules.MIN_QUESTIONS, error));
    }
}
