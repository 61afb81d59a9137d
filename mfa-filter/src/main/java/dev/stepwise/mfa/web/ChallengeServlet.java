package dev.stepwise.mfa.web;

import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.http.PendingChallenge;
import dev.stepwise.mfa.http.SavedRequest;
import dev.stepwise.mfa.http.SessionSlots;
import dev.stepwise.mfa.core.AccountThrottle;
import dev.stepwise.mfa.core.AttemptReservation;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.ChallengeView;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.factor.otp.OutOfBandFactor;
import dev.stepwise.mfa.factor.sms.PhoneChannel;
import dev.stepwise.mfa.factor.sms.SmsFactor;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The challenge pages under {@code stepwise.mfa.path} (default {@code /mfa}): {@code /challenge} shows a
 * factor the user has enrolled and checks it; {@code /enroll} tells a user without a factor what to do;
 * {@code /logout} signs out of a half-finished login. Registered by {@link MfaBootstrap}.
 *
 * <p>A GET changes nothing: it shows the page. An email or SMS code is sent by the page's "Send code" button (a
 * POST with the CSRF token and {@code action=send}; {@code action=resend} for a new one), never by opening the
 * page — any other site can make a browser open it.
 *
 * <p>The pages are JSPs in the library jar under {@code META-INF/resources/mfa/}; an application overrides one
 * by putting its own file at the same path in its WAR.
 */
public final class ChallengeServlet extends LibraryPage {

    static final String CHALLENGE = "/challenge";
    static final String ENROLL = "/enroll";
    static final String LOGOUT = "/logout";
    /** Where the library's JSPs live, in the jar's {@code META-INF/resources}. */
    static final String PAGES = "/mfa/";
    /** Form field naming the pending challenge a page showed ({@link PendingChallenge#id()}). */
    static final String CHALLENGE_ID = "stepwise_challenge";

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(ChallengeServlet.class.getName());

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Principal principal = request.getUserPrincipal(); // present: LibraryPage checked it
        switch (page(request)) {
            case CHALLENGE -> showChallenge(request, response, principal.getName(), request.getParameter("factor"),
                    null);
            case ENROLL -> {
                request.setAttribute("stepwise_factorNames", PageTexts.of(request.getLocale())
                        .factorNames(enforcement.offered()));
                render(request, response, "enroll.jsp");
            }
            default -> response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Principal principal = request.getUserPrincipal(); // present: LibraryPage checked it
        if (!CsrfToken.matches(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "The form expired. Please go back and try again.");
            return;
        }
        String page = page(request);
        if (page.equals(LOGOUT)) {
            request.logout();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            seeOther(response, request.getContextPath() + "/");
            return;
        }
        if (!page.equals(CHALLENGE)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        verify(request, response, principal.getName());
    }

    private void verify(HttpServletRequest request, HttpServletResponse response, String user)
            throws ServletException, IOException {
        PendingChallenge pending = pending(request);
        List<String> factors = factorsFor(pending, user);
        String factorId = request.getParameter("factor");
        String posted = request.getParameter(CHALLENGE_ID);
        if (posted != null && (pending == null || !pending.isNamedBy(posted))) {
            // The page answered is not the challenge pending now (replaced from another tab or site, or expired):
            // show the current one, so the user confirms what they see. Not an attempt: nothing was checked.
            showChallenge(request, response, user, factorId, "stepwise.mfa.error.replaced");
            return;
        }
        if (factorId == null || !factors.contains(factorId)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Choose one of the offered factors.");
            return;
        }
        Factor factor = enforcement.factor(factorId).orElseThrow();
        String action = request.getParameter("action");
        if (factor instanceof OutOfBandFactor && ("send".equals(action) || "resend".equals(action))) {
            // Sending a code is neither a success nor a failure: the failure count stays (README: asking for
            // a code does not reset it).
            showChallenge(request, response, user, factorId, null, "send".equals(action) ? Start.SEND : Start.RESEND);
            return;
        }
        AccountThrottle throttle = storage.throttle();
        Instant now = enforcement.clock().instant();
        // Counted before it is checked (one atomic reservation), so parallel attempts check only what the policy
        // allows; locked or too soon: the input is not even looked at (NIST SP 800-63B §5.2.2, per account).
        AttemptReservation reservation = throttle.reserve(user);
        if (reservation instanceof AttemptReservation.Refused refused) {
            long wait = refused.retryAfterSeconds();
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(wait));
            request.setAttribute("stepwise_wait", wait);
            showChallenge(request, response, user, factorId, refused instanceof AttemptReservation.Locked
                    ? "stepwise.mfa.error.locked" : "stepwise.mfa.error.wait");
            return;
        }
        AttemptReservation.Reserved reserved = (AttemptReservation.Reserved) reservation;
        Verification outcome;
        boolean threw = false;
        try {
            outcome = factor.verify(user, input(request), contextOf(request, enforcement));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Stepwise MFA: factor " + factorId + " failed to verify: "
                    + e.getClass().getName());
            outcome = Verification.unavailable("stepwise.mfa.error.unavailable");
            threw = true; // kept as a failure: a factor that throws on bad input must not give unthrottled guesses
        }
        if (outcome instanceof Verification.Rejected rejected) {
            // The reservation stays as this attempt's failure.
            enforcement.recordFailed(request, user, factorId);
            if (reserved.locksIfRejected()) {
                enforcement.recordLockout(request, user, factorId, reserved.ifRejected());
            }
            showChallenge(request, response, user, factorId, reserved.ifRejected().isLockedAt(now)
                    ? "stepwise.mfa.error.locked" : rejected.messageKey());
            return;
        }
        if (outcome instanceof Verification.Unavailable unavailable) {
            if (!threw) {
                throttle.giveBack(user); // the factor said it could not check: not the user's failure
            }
            showChallenge(request, response, user, factorId, unavailable.messageKey());
            return;
        }
        throttle.recordSuccess(user);
        enforcement.recordVerified(request, user, factorId);
        if (factor instanceof dev.stepwise.mfa.factor.recovery.RecoveryFactor recovery) {
            // Told once per use, so the application can warn the user (someone may hold their codes).
            enforcement.fire(new dev.stepwise.mfa.event.MfaEvent.RecoveryCodeUsed(
                    new dev.stepwise.mfa.event.EventHeader(user, now, enforcement.clientAddress(request),
                            MfaEnforcement.userAgent(request)), recovery.remaining(user)));
        }
        if ("on".equals(request.getParameter("trust")) && offersTrust(pending)) {
            enforcement.trustDevice(request, response, user);
        }
        MfaSession session = MfaSession.of(request);
        // Taken once: of two concurrent successes only one resumes; an expired challenge resumes nothing.
        PendingChallenge answered = pending == null ? null
                : session.takePending(pending.id(), enforcement.clock().instant());
        SavedRequest saved = answered == null ? null : answered.saved();
        if (saved == null) {
            seeOther(response, request.getContextPath() + "/");
        } else if (!saved.replayable()) {
            request.setAttribute("stepwise_target", request.getContextPath() + (saved.method().equals("GET")
                    ? saved.target() : "/"));
            render(request, response, "resubmit.jsp");
        } else {
            session.resume(new SessionSlots.Resume(saved, answered.confirmsOneRequest(), answered.expiresAt()));
            seeOther(response, request.getContextPath() + saved.target());
        }
    }

    /** What showing a challenge may do: only look (a GET, a page shown again), or send a code (a POST). */
    private enum Start { LOOK, SEND, RESEND }

    private void showChallenge(HttpServletRequest request, HttpServletResponse response, String user,
                               String wanted, String errorKey) throws ServletException, IOException {
        showChallenge(request, response, user, wanted, errorKey, Start.LOOK);
    }

    /** Shows the challenge for {@code wanted} (else the first factor); only {@code start} SEND/RESEND sends. */
    private void showChallenge(HttpServletRequest request, HttpServletResponse response, String user,
                               String wanted, String errorKey, Start start)
            throws ServletException, IOException {
        PendingChallenge pending = pending(request);
        List<String> factors = factorsFor(pending, user);
        if (factors.isEmpty()) {
            seeOther(response, request.getContextPath() + base() + ENROLL);
            return;
        }
        String factorId = wanted != null && factors.contains(wanted) ? wanted : factors.get(0);
        Factor factor = enforcement.factor(factorId).orElseThrow();
        ChallengeView view;
        try {
            view = start(factor, start, user, request);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Stepwise MFA: factor " + factorId + " could not start: "
                    + e.getClass().getName());
            view = ChallengeView.EMPTY;
            errorKey = "stepwise.mfa.error.unavailable";
        }
        view.model().forEach(request::setAttribute);
        request.setAttribute("stepwise_factor", factorId);
        request.setAttribute("stepwise_factors", factors);
        PageTexts texts = PageTexts.of(request.getLocale());
        request.setAttribute("stepwise_factorNames", texts.factorNames(factors));
        request.setAttribute("stepwise_inputmode", texts.inputmode(factorId));
        texts.label(factorId).ifPresent(label -> request.setAttribute("stepwise_label", label));
        request.setAttribute("stepwise_reason", texts.reason(pending == null ? "" : pending.requirement().reason()));
        request.setAttribute("stepwise_risk", MfaEnforcement.riskReasons(request));
        request.setAttribute("stepwise_error", errorKey);
        request.setAttribute("stepwise_challengeId", pending == null ? null : pending.id());
        if (offersTrust(pending)) {
            request.setAttribute("stepwise_trustDays", Math.max(1, enforcement.config().trust().duration().toDays()));
        }
        if (pending != null && pending.saved() != null && pending.saved().hasBody()) {
            // The user confirms what they see: the request's fields, secret-looking values masked.
            request.setAttribute("stepwise_submission", SubmissionPreview.of(pending.saved()));
            request.setAttribute("stepwise_target", pending.saved().method() + " " + pending.saved().path());
        }
        String page = factor.page();
        render(request, response, page != null ? page : PAGES + "challenge.jsp");
    }

    /**
     * The factor's page model. A GET must change nothing (any other site can make a browser send one, e.g. as an
     * {@code <img>}), so a code is sent only for {@link Start#SEND} / {@link Start#RESEND}, which come from the
     * page's POST with its CSRF token; otherwise an {@link OutOfBandFactor} only says where a code would go.
     */
    private ChallengeView start(Factor factor, Start start, String user, HttpServletRequest request) {
        ChallengeContext ctx = contextOf(request, enforcement);
        if (!(factor instanceof OutOfBandFactor outOfBand)) {
            // e.g. WebAuthn options for this page: a new page replaces an unanswered ceremony of this session,
            // which costs the user a retry and gives another site nothing
            return factor.beginChallenge(user, ctx);
        }
        if (start == Start.LOOK) {
            return outOfBand.preview(user, ctx);
        }
        if ("voice".equals(request.getParameter("channel")) && factor instanceof SmsFactor sms) {
            return sms.resend(user, ctx, PhoneChannel.VOICE);
        }
        return start == Start.SEND ? outOfBand.beginChallenge(user, ctx) : outOfBand.resend(user, ctx);
    }

    /**
     * Whether "trust this device" is offered, and a ticked box honoured: only where the trust will be used, at
     * login and for session MFA, never on a step-up, which a trusted device does not satisfy (README). Decided
     * from the challenge the server issued, not from the form.
     */
    private boolean offersTrust(PendingChallenge pending) {
        return enforcement.config().trust().enabled() && pending != null
                && pending.requirement().kind() == Requirement.Kind.MFA;
    }

    private void render(HttpServletRequest request, HttpServletResponse response, String page)
            throws ServletException, IOException {
        prepare(request, response, base());
        String path = page.startsWith("/") ? page : PAGES + page;
        request.getRequestDispatcher(path).forward(request, response);
    }

    /** What every library page needs: the CSRF token, the form targets, and no caching or framing. */
    static void prepare(HttpServletRequest request, HttpServletResponse response, String path) {
        String base = request.getContextPath() + path;
        request.setAttribute("stepwise_csrf", CsrfToken.of(request));
        request.setAttribute("stepwise_action", base + CHALLENGE);
        request.setAttribute("stepwise_logout", base + LOGOUT);
        request.setAttribute("stepwise_settingsUrl", base + SettingsServlet.SETTINGS);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
    }

    private List<String> factorsFor(PendingChallenge pending, String user) {
        if (pending != null) {
            return pending.factors();
        }
        return new ArrayList<>(enforcement.enrolled(user)); // a step-up the user asked for themselves
    }

    private PendingChallenge pending(HttpServletRequest request) {
        return MfaSession.of(request).pending(enforcement.clock().instant());
    }

    private String base() {
        return enforcement.config().pages().path();
    }

    private static Map<String, String> input(HttpServletRequest request) {
        Map<String, String> input = new HashMap<>();
        request.getParameterMap().forEach((k, v) -> {
            if (!k.equals(CsrfToken.PARAMETER) && v.length > 0) {
                input.put(k, v[0]);
            }
        });
        return input;
    }

    /** The origin this request was made to, as a browser names it: scheme, host and non-default port. */
    static String originOf(HttpServletRequest request) {
        return dev.stepwise.mfa.http.RequestFacts.originOf(request);
    }

    /** What a factor may know of this request: time, locale, client, session store and origin. */
    static ChallengeContext contextOf(HttpServletRequest request, MfaEnforcement enforcement) {
        return new ChallengeContext(enforcement.clock().instant(), request.getLocale(),
                enforcement.clientAddress(request), request.getHeader("User-Agent"),
                MfaSession.of(request).factorStore(), originOf(request));
    }

    private static void seeOther(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
    }
}
