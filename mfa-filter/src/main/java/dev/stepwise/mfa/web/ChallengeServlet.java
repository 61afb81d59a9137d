package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.AccountThrottle;
import dev.stepwise.mfa.core.AttemptReservation;
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
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The challenge pages under {@code stepwise.mfa.path} (default {@code /mfa}): {@code /challenge} shows a
 * factor the user has enrolled and checks it; {@code /enroll} tells a user without a factor what to do;
 * {@code /logout} signs out of a half-finished login. Registered by {@link MfaBootstrap}.
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
    static final String MESSAGES = "dev.stepwise.mfa.web.messages";

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
                request.setAttribute("stepwise_factorNames", names(enforcement.offered(), request.getLocale()));
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
        if (factorId == null || !factors.contains(factorId)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Choose one of the offered factors.");
            return;
        }
        Factor factor = enforcement.factor(factorId).orElseThrow();
        if ("resend".equals(request.getParameter("action")) && factor instanceof OutOfBandFactor outOfBand) {
            // A new code is neither a success nor a failure: the failure count stays (SECURITY.md).
            ChallengeView view = "voice".equals(request.getParameter("channel")) && factor instanceof SmsFactor sms
                    ? sms.resend(user, contextOf(request, enforcement), PhoneChannel.VOICE)
                    : outOfBand.resend(user, contextOf(request, enforcement));
            showChallenge(request, response, user, factorId, null, view);
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
        try {
            outcome = factor.verify(user, input(request), contextOf(request, enforcement));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Stepwise MFA: factor " + factorId + " failed to verify: "
                    + e.getClass().getName());
            outcome = Verification.unavailable("stepwise.mfa.error.unavailable");
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
            throttle.giveBack(user); // nothing was checked: not the user's failure (Verification.Unavailable)
            showChallenge(request, response, user, factorId, unavailable.messageKey());
            return;
        }
        throttle.recordSuccess(user);
        enforcement.recordVerified(request, user, factorId);
        if (factor instanceof dev.stepwise.mfa.factor.recovery.RecoveryFactor recovery) {
            // Told once per use, so the application can warn the user (someone may hold their codes).
            enforcement.fire(new dev.stepwise.mfa.event.MfaEvent.RecoveryCodeUsed(user, now,
                    enforcement.clientAddress(request), MfaEnforcement.userAgent(request), recovery.remaining(user)));
        }
        if ("on".equals(request.getParameter("trust")) && enforcement.config().trustEnabled()) {
            enforcement.trustDevice(request, response, user);
        }
        MfaSession session = MfaSession.of(request);
        // Taken once: of two concurrent successes only one resumes; an expired challenge resumes nothing.
        PendingChallenge answered = session.takePending(enforcement.clock().instant());
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

    private void showChallenge(HttpServletRequest request, HttpServletResponse response, String user,
                               String wanted, String errorKey) throws ServletException, IOException {
        showChallenge(request, response, user, wanted, errorKey, null);
    }

    /** Shows the challenge; {@code presetView} is what a resend returned (else the factor's view is asked for). */
    private void showChallenge(HttpServletRequest request, HttpServletResponse response, String user,
                               String wanted, String errorKey, ChallengeView presetView)
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
            view = presetView != null ? presetView : factor.beginChallenge(user, contextOf(request, enforcement));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Stepwise MFA: factor " + factorId + " could not start: "
                    + e.getClass().getName());
            view = ChallengeView.EMPTY;
            errorKey = "stepwise.mfa.error.unavailable";
        }
        view.model().forEach(request::setAttribute);
        request.setAttribute("stepwise_factor", factorId);
        request.setAttribute("stepwise_factors", factors);
        request.setAttribute("stepwise_factorNames", names(factors, request.getLocale()));
        // Recovery codes have letters; one-time codes are digits. A factor's bundle entries say which.
        ResourceBundle bundle = ResourceBundle.getBundle(MESSAGES, request.getLocale());
        String inputmode = "stepwise.mfa.factor." + factorId + ".inputmode";
        String label = "stepwise.mfa.factor." + factorId + ".label";
        request.setAttribute("stepwise_inputmode", bundle.containsKey(inputmode) ? bundle.getString(inputmode) : "numeric");
        if (bundle.containsKey(label)) {
            request.setAttribute("stepwise_label", bundle.getString(label));
        }
        request.setAttribute("stepwise_reason", reasonText(pending, request.getLocale()));
        request.setAttribute("stepwise_risk", MfaEnforcement.riskReasons(request));
        request.setAttribute("stepwise_error", errorKey);
        if (enforcement.config().trustEnabled() && (pending == null || pending.requirement().kind()
                == dev.stepwise.mfa.core.Requirement.Kind.MFA)) {
            // Offered where trust will be used: at login and for session MFA, not for a step-up it cannot satisfy.
            request.setAttribute("stepwise_trustDays", Math.max(1, enforcement.config().trustDuration().toDays()));
        }
        if (pending != null && pending.saved() != null && pending.saved().hasBody()) {
            // The user confirms what they see: the request's fields, secret-looking values masked.
            request.setAttribute("stepwise_submission", SubmissionPreview.of(pending.saved()));
        }
        String page = factor.page();
        render(request, response, page != null ? page : PAGES + "challenge.jsp");
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
        return enforcement.config().path();
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
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = (port == 80 && "http".equals(scheme)) || (port == 443 && "https".equals(scheme));
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }

    /** What a factor may know of this request: time, locale, client, session store and origin. */
    static ChallengeContext contextOf(HttpServletRequest request, MfaEnforcement enforcement) {
        return new ChallengeContext(enforcement.clock().instant(), request.getLocale(),
                enforcement.clientAddress(request), request.getHeader("User-Agent"),
                MfaSession.of(request).factorStore(), originOf(request));
    }

    /** The text explaining why the user is asked, from the requirement's reason key. */
    private static String reasonText(PendingChallenge pending, Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(MESSAGES, locale);
        String key = pending == null ? "" : pending.requirement().reason();
        try {
            return bundle.getString(key.isEmpty() ? "stepwise.mfa.reason.default" : "stepwise.mfa.reason." + key);
        } catch (MissingResourceException e) {
            return bundle.getString("stepwise.mfa.reason.default");
        }
    }

    /** Display names of factors: the bundle's {@code stepwise.mfa.factor.<id>.name}, else the id itself. */
    static Map<String, String> names(List<String> factors, Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(MESSAGES, locale);
        Map<String, String> names = new java.util.LinkedHashMap<>();
        for (String id : factors) {
            String key = "stepwise.mfa.factor." + id + ".name";
            names.put(id, bundle.containsKey(key) ? bundle.getString(key) : id);
        }
        return names;
    }

    private static void seeOther(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
    }
}
