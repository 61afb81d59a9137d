package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.exemption.EnrolmentHold;
import dev.stepwise.mfa.core.EnrolmentRules;
import dev.stepwise.mfa.core.QuestionRules;
import dev.stepwise.mfa.core.SaveThrottle;
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
 * factor ({@link QuestionRules}) and never written back into the page. Questions are set up only beside a factor
 * that counts ({@link EnrolmentRules#mayHaveQuestions}); an acceptable form is hashed only when the per-user save
 * throttle ({@link SaveThrottle}, shared by every node through the store) grants it, else 429 and nothing changes.
 */
final class QuestionSettings extends SettingsHandler {

    /** Form fields: {@code q1}… and {@code answer1}…, up to {@value QuestionRules#MAX_QUESTIONS}. */
    static final String QUESTION = "q";
    /** Answers are named so that the step-up page masks them ({@link SubmissionPreview}); never kept for replay. */
    static final String ANSWER = "answer";
    /** Bundle key: questions are set up only beside a factor that counts; add one first. */
    static final String ERROR_FIRST_FACTOR = "stepwise.mfa.questions.error.first-factor";
    private static final java.util.Set<String> ANSWER_FIELDS = java.util.stream.IntStream
            .rangeClosed(1, QuestionRules.MAX_QUESTIONS).mapToObj(i -> ANSWER + i)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Too Many Requests (RFC 6585), which the servlet API names no constant for. */
    private static final int TOO_MANY_REQUESTS = 429;

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
        if (!mayHave()) {
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
        if (!mayHave() || !mayWrite()) {
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
        SaveThrottle throttle = new SaveThrottle(SaveThrottle.QUESTIONS,
                call.storage.store().oneTimeCodes()::reserveSend, call.enforcement.clock());
        QuestionRules.Checked checked = questions.get().capability().enrol(call.user(), typed, answers,
                () -> throttle.reserve(call.user())); // only an acceptable form takes a save; then it is hashed
        if (checked instanceof QuestionRules.Checked.Refused refused) {
            refusedStatus(refused.messageKey());
            render(typed.stream().map(q -> q == null ? "" : q).toList(), refused.messageKey());
            return;
        }
        access.recordEnrolment(factorId, hold);
        call.seeOtherPage(SettingsServlet.SETTINGS + "?done=questions-saved");
    }

    /** 429 with the wait for a save the throttle refused (nothing hashed or changed), else 400. */
    private void refusedStatus(String messageKey) {
        if (SaveThrottle.ERROR_BUSY.equals(messageKey)) {
            call.response.setStatus(TOO_MANY_REQUESTS);
            call.response.setHeader("Retry-After", Long.toString(SaveThrottle.WINDOW.toSeconds()));
        } else {
            call.response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
    }

    /**
     * Whether the user has a factor that counts besides questions ({@link EnrolmentRules#mayHaveQuestions});
     * if not, the page says to add one first (409, no form) and nothing is done.
     */
    private boolean mayHave() throws ServletException, IOException {
        if (access.rules().mayHaveQuestions(access.raw())) {
            return true;
        }
        call.response.setStatus(HttpServletResponse.SC_CONFLICT);
        call.render("questions-enroll.jsp", new QuestionsPage(call.links(), call.base() + SettingsServlet.QUESTIONS,
                List.of(), 0, QuestionRules.MIN_QUESTIONS, ERROR_FIRST_FACTOR));
        return false;
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
