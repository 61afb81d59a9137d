package dev.stepwise.mfa.web;

import dev.stepwise.mfa.http.SessionSlots;
import dev.stepwise.mfa.http.SavedRequest;
import dev.stepwise.mfa.http.PendingChallenge;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.factor.CodeSending;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.runtime.AttemptOutcome;
import dev.stepwise.mfa.runtime.Attempts;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The challenge pages under {@code stepwise.mfa.path} (default {@code /mfa}): {@code /challenge} shows a
 * factor the user has enrolled and checks it; {@code /enroll} tells a user without a factor what to do;
 * {@code /logout} signs out of a half-finished login. Registered by {@link MfaBootstrap}.
 *
 * <p>A GET changes nothing: it shows the page. An email or SMS code is sent by the page's "Send code" button (a
 * POST with the CSRF token and {@code action=send}; {@code action=resend} for a new one), never by opening the
 * page — any other site can make a browser open it. An answer is one attempt on the account ({@link Attempts});
 * this servlet only renders its outcome.
 *
 * <p>The pages are JSPs in the library jar under {@code META-INF/resources/mfa/}; an application overrides one
 * by putting its own file at the same path in its WAR.
 */
public final class ChallengeServlet extends LibraryPage {

    static final String CHALLENGE = "/challenge";
    static final String ENROLL = "/enroll";
    static final String LOGOUT = "/logout";
    /** Where the library's JSPs live, in the jar's {@code META-INF/resources}. */
    static final String PAGES = PageCall.PAGES;
    /** Form field naming the pending challenge a page showed ({@link PendingChallenge#id()}). */
    static final String CHALLENGE_ID = "stepwise_challenge";

    private static final long serialVersionUID = 1L;

    /** Creates the challenge servlet. */
    public ChallengeServlet() {
        super(CHALLENGE);
    }

    @Override
    void get(PageCall call, String page) throws ServletException, IOException {
        switch (page) {
            case CHALLENGE -> new ChallengeScreen(call).show(call.param("factor"), null);
            case ENROLL -> call.render("enroll.jsp",
                    new EnrolPage(call.links(), call.texts().factorNames(enforcement.offered())));
            default -> call.error(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
    }

    @Override
    void post(PageCall call, String page) throws ServletException, IOException {
        if (page.equals(LOGOUT)) {
            HttpServletRequest request = call.request;
            request.logout();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            call.seeOther(request.getContextPath() + "/");
        } else if (page.equals(CHALLENGE)) {
            answer(call);
        } else {
            call.error(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    /** A POST to the challenge: a code sent, or an answer checked as one attempt. */
    private void answer(PageCall call) throws ServletException, IOException {
        ChallengeScreen screen = new ChallengeScreen(call);
        PendingChallenge pending = screen.pending();
        String factorId = call.param("factor");
        String posted = call.param(CHALLENGE_ID);
        if (posted != null && (pending == null || !pending.isNamedBy(posted))) {
            // The page answered is not the challenge pending now (replaced from another tab or site, or expired):
            // show the current one, so the user confirms what they see. Not an attempt: nothing was checked.
            screen.show(factorId, ChallengeScreen.Message.of("stepwise.mfa.error.replaced"));
            return;
        }
        List<String> factors = screen.factors();
        if (factorId == null || !factors.contains(factorId)) {
            call.localizedError(HttpServletResponse.SC_BAD_REQUEST, "stepwise.mfa.error.not-offered");
            return;
        }
        Factor factor = enforcement.factor(factorId).orElseThrow();
        boolean send = call.action("send");
        if (factor.capability(CodeSending.class).isPresent() && (send || call.action("resend"))) {
            // Sending a code is neither a success nor a failure: the failure count stays (README: asking for
            // a code does not reset it).
            screen.show(factorId, null, send ? ChallengeScreen.Start.SEND : ChallengeScreen.Start.RESEND);
            return;
        }
        AttemptOutcome outcome = new Attempts(storage.throttle(), enforcement.clock(), enforcement::fire)
                .verify(call.user(), factor, call.input(), call.context());
        render(call, screen, factorId, outcome);
    }

    /** The outcome on the page: 429 with the wait, a message on the challenge again, or the verified steps. */
    private void render(PageCall call, ChallengeScreen screen, String factorId, AttemptOutcome outcome)
            throws ServletException, IOException {
        if (outcome instanceof AttemptOutcome.Refused refused) {
            // Locked or too soon: the input was not even looked at (NIST SP 800-63B §5.2.2, per account).
            call.response.setStatus(429);
            call.response.setHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
            screen.show(factorId, new ChallengeScreen.Message(refused.messageKey(), refused.retryAfterSeconds()));
        } else if (outcome instanceof AttemptOutcome.Verified v) {
            verified(call, screen, factorId, v.heldUntil());
        } else {
            screen.show(factorId, ChallengeScreen.Message.of(outcome.messageKey()));
        }
    }

    /** A proven factor: recorded, the device trusted if asked, and the challenged request resumed. */
    private void verified(PageCall call, ChallengeScreen screen, String factorId, Map<String, Instant> heldUntil)
            throws ServletException, IOException {
        HttpServletRequest request = call.request;
        PendingChallenge answered = ProvenFactor.record(call, screen, factorId, heldUntil,
                "on".equals(call.param("trust")));
        SavedRequest saved = answered == null ? null : answered.saved();
        if (saved == null) {
            call.seeOther(request.getContextPath() + "/");
        } else if (!saved.replayable()) {
            call.render("resubmit.jsp", new ResubmitPage(request.getContextPath()
                    + (saved.method().equals("GET") ? saved.target() : "/")));
        } else {
            MfaSession.of(request).resume(new SessionSlots.Resume(saved, answered.confirmsOneRequest(),
                    answered.expiresAt()));
            call.seeOther(request.getContextPath() + saved.target());
        }
    }
}
