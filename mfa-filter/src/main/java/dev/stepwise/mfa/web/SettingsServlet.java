package dev.stepwise.mfa.web;

import dev.stepwise.mfa.Factors;
import dev.stepwise.mfa.core.AccountThrottle;
import dev.stepwise.mfa.core.AttemptReservation;
import dev.stepwise.mfa.core.Caller;
import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.exemption.EnrolmentHold;
import dev.stepwise.mfa.event.EventHeader;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.factor.recovery.RecoveryCodeSet;
import dev.stepwise.mfa.factor.recovery.RecoveryFactor;
import dev.stepwise.mfa.factor.totp.TotpEnrolment;
import dev.stepwise.mfa.factor.totp.TotpFactor;
import dev.stepwise.mfa.factor.webauthn.WebAuthnByOrigin;
import dev.stepwise.mfa.factor.webauthn.RegistrationResult;
import dev.stepwise.mfa.trust.TrustedDevice;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The user's own MFA settings under {@code stepwise.mfa.path}: {@code /settings} lists the offered factors and
 * what is set up; {@code /settings/totp} enrols an authenticator app (a GET offers it; the page's POST with
 * {@code action=begin} makes the key and shows the QR code; a POST with the code confirms it). Changing anything — adding a factor when
 * one exists already, removing one — needs a fresh factor first (docs/security-model.md: step-up on the library's own
 * settings), and every form carries the session's CSRF token.
 */
public final class SettingsServlet extends LibraryPage {

    static final String SETTINGS = "/settings";
    static final String TOTP = "/settings/totp";
    static final String WEBAUTHN = "/settings/webauthn";

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Principal principal = request.getUserPrincipal(); // present: LibraryPage checked it
        String user = principal.getName();
        String page = page(request);
        if (page.equals(SETTINGS)) {
            // Looking needs the session's MFA (when the user has a factor); changing needs a step-up.
            if (allowed(request, response, user, Requirement.mfa().withReason("manage-mfa"))) {
                showSettings(request, response, user, request.getParameter("done"));
            }
        } else if (page.equals(TOTP)) {
            if (mayEnrolTotp(request, response, user)) {
                // Opening the page only offers: the key is made by the page's POST (action=begin), so a link or
                // an <img> on another site cannot replace the key the user is scanning.
                request.setAttribute("stepwise_totpOffer", Boolean.TRUE);
                render(request, response, "totp-enroll.jsp");
            }
        } else if (page.equals(WEBAUTHN)) {
            // Registration options are made here, on GET: a new page replaces an unanswered ceremony of this
            // session, which costs the user a retry and gives another site nothing (no code sent, no key kept).
            Optional<WebAuthnByOrigin> webauthn = webauthn();
            if (webauthn.isEmpty()) {
                seeOther(request, response, SETTINGS);
            } else if (allowedToEnrol(request, response, user)) {
                showWebAuthnRegistration(request, response, user, webauthn.get(), null);
            }
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private void showWebAuthnRegistration(HttpServletRequest request, HttpServletResponse response, String user,
                                          WebAuthnByOrigin webauthn, String errorKey)
            throws ServletException, IOException {
        var ctx = ChallengeServlet.contextOf(request, enforcement);
        request.setAttribute("stepwise_webauthn_options", webauthn.registration(ctx.origin())
                .beginRegistration(user, user, ctx));
        request.setAttribute("stepwise_error", errorKey);
        render(request, response, "webauthn-register.jsp");
    }

    private void registerWebAuthn(HttpServletRequest request, HttpServletResponse response, String user)
            throws ServletException, IOException {
        Optional<WebAuthnByOrigin> webauthn = webauthn();
        if (webauthn.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        // Decided again now, not only when the ceremony began: the exemption that waived the step-up may be over.
        if (!allowedToEnrol(request, response, user)) {
            return;
        }
        Optional<EnrolmentHold> hold = holdUnderExemption(user, Factors.WEBAUTHN);
        var ctx = ChallengeServlet.contextOf(request, enforcement);
        RegistrationResult result = webauthn.get().registration(ctx.origin()).finishRegistration(user,
                request.getParameter("credential"), request.getParameter("name"), ctx);
        if (result instanceof RegistrationResult.Refused refused) {
            showWebAuthnRegistration(request, response, user, webauthn.get(), refused.reason().messageKey());
            return;
        }
        // The authenticator just proved it holds the new key: a verified factor.
        enforcement.recordVerified(request, user, Factors.WEBAUTHN);
        recordEnrolment(request, user, Factors.WEBAUTHN, hold);
        firstFactorDone(request, response, user, "webauthn-registered");
    }

    /**
     * Before a factor is enrolled while an administrator's exemption (which waived the step-up for adding it) is
     * active: its hold, saved first, so that no fault between the two can leave the factor active without it.
     * Until {@code stepwise.mfa.exemption.enrol-hold} has passed the factor satisfies no step-up, since whoever
     * had the password could have enrolled it. A hold saved for an enrolment that then fails only delays that
     * factor (fail closed).
     */
    private Optional<EnrolmentHold> holdUnderExemption(String user, String factorId) {
        java.time.Instant now = enforcement.clock().instant();
        var exemption = storage.exemptions().find(user).filter(e -> e.isActiveAt(now));
        var hold = EnrolmentHold.forEnrolment(user, factorId, now, exemption.orElse(null),
                enforcement.config().admin().exemptionEnrolHold());
        hold.ifPresent(h -> storage.store().enrolmentHolds().save(h));
        return hold;
    }

    /** Records a factor the user just enrolled: the event, and the one that tells of its hold, if it has one. */
    private void recordEnrolment(HttpServletRequest request, String user, String factorId,
                                 Optional<EnrolmentHold> hold) {
        audit(request, user, (ip, ua, at) -> new MfaEvent.FactorEnrolled(new EventHeader(user, at, ip, ua),
                factorId));
        if (hold.isPresent()) {
            java.time.Instant now = enforcement.clock().instant();
            String grantedBy = storage.exemptions().find(user).filter(e -> e.isActiveAt(now))
                    .map(e -> e.grantedBy()).orElse("");
            audit(request, user, (ip, ua, at) -> new MfaEvent.FactorEnrolledUnderExemption(
                    new EventHeader(user, at, ip, ua), factorId, grantedBy, hold.get().until()));
        }
    }

    /** After enrolling a factor: recovery codes if the user has none yet, else back to the settings. */
    private void firstFactorDone(HttpServletRequest request, HttpServletResponse response, String user, String done)
            throws ServletException, IOException {
        Optional<RecoveryFactor> recovery = recovery();
        if (recovery.isPresent() && recovery.get().remaining(user) == 0) {
            // The first factor comes with its way out: codes for the day the device is lost.
            request.setAttribute("stepwise_done", "stepwise.mfa.settings.done." + done);
            // Codes made under an exemption are held like the factor they back up: else they would pass a
            // step-up at once for whoever enrolled with only the password.
            holdUnderExemption(user, Factors.RECOVERY);
            showCodes(request, response, recovery.get().regenerate(user));
        } else {
            seeOther(request, response, SETTINGS + "?done=" + done);
        }
    }

    /** What an audit event needs from this request. */
    private interface AuditedEvent {
        MfaEvent of(String clientAddress, String userAgent, java.time.Instant at);
    }

    private void audit(HttpServletRequest request, String user, AuditedEvent event) {
        enforcement.fire(event.of(enforcement.clientAddress(request), MfaEnforcement.userAgent(request),
                enforcement.clock().instant()));
    }

    private Optional<WebAuthnByOrigin> webauthn() {
        return enforcement.factor(Factors.WEBAUTHN).filter(WebAuthnByOrigin.class::isInstance)
                .map(WebAuthnByOrigin.class::cast);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Principal principal = request.getUserPrincipal(); // present: LibraryPage checked it
        if (!CsrfToken.matches(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        String user = principal.getName();
        String page = page(request);
        if (page.equals(TOTP) && "begin".equals(request.getParameter("action"))) {
            beginTotp(request, response, user);
        } else if (page.equals(TOTP)) {
            confirmTotp(request, response, user);
        } else if (page.equals(WEBAUTHN)) {
            registerWebAuthn(request, response, user);
        } else if (page.equals(SETTINGS) && "remove".equals(request.getParameter("action"))) {
            remove(request, response, user, request.getParameter("factor"));
        } else if (page.equals(SETTINGS) && "preferences".equals(request.getParameter("action"))) {
            savePreferences(request, response, user, "on".equals(request.getParameter("alwaysAsk")));
        } else if (page.equals(SETTINGS) && "recovery".equals(request.getParameter("action"))) {
            regenerateRecoveryCodes(request, response, user);
        } else if (page.equals(SETTINGS) && "revoke-device".equals(request.getParameter("action"))) {
            revokeDevices(request, response, user, request.getParameter("device"));
        } else if (page.equals(SETTINGS) && "revoke-all-devices".equals(request.getParameter("action"))) {
            revokeDevices(request, response, user, null);
        } else {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
        }
    }

    /** A new pending key for an authenticator app, shown as a QR code (POST only: it replaces an earlier one). */
    private void beginTotp(HttpServletRequest request, HttpServletResponse response, String user)
            throws ServletException, IOException {
        if (mayEnrolTotp(request, response, user)) {
            TotpEnrolment enrolment = totp().orElseThrow().begin(user, enforcement.config().factors().issuer());
            request.setAttribute("stepwise_qr", enrolment.svg());
            request.setAttribute("stepwise_secret", enrolment.groupedSecret());
            request.setAttribute("stepwise_uri", enrolment.uri());
            render(request, response, "totp-enroll.jsp");
        }
    }

    /** Whether an authenticator app may be set up now; if not, the answer (the settings, a challenge) is sent. */
    private boolean mayEnrolTotp(HttpServletRequest request, HttpServletResponse response, String user)
            throws IOException {
        Optional<TotpFactor> totp = totp();
        if (totp.isEmpty() || totp.get().isEnrolled(user)) {
            seeOther(request, response, SETTINGS);
            return false;
        }
        return allowedToEnrol(request, response, user);
    }

    private void confirmTotp(HttpServletRequest request, HttpServletResponse response, String user)
            throws ServletException, IOException {
        Optional<TotpFactor> totp = totp();
        if (totp.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        // Decided again now, not only when the secret was made: the exemption that waived the step-up may be over.
        if (!allowedToEnrol(request, response, user)) {
            return;
        }
        // Each code typed is an attempt on the account like a challenge's: reserved first, refused while locked or
        // too soon.
        AccountThrottle throttle = storage.throttle();
        AttemptReservation reservation = throttle.reserve(user);
        if (reservation instanceof AttemptReservation.Refused refused) {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
            showTotpError(request, response, "stepwise.mfa.error.locked");
            return;
        }
        Optional<EnrolmentHold> hold = holdUnderExemption(user, Factors.TOTP);
        Verification outcome = totp.get().confirm(user, request.getParameter(TotpFactor.INPUT_CODE));
        if (outcome instanceof Verification.Accepted) {
            // Typing a valid code proved possession of the new secret just shown, nothing about the account's other
            // factors: the attempt is given back, and earlier failures stay counted.
            throttle.giveBack(user);
            enforcement.recordVerified(request, user, Factors.TOTP);
            recordEnrolment(request, user, Factors.TOTP, hold);
            firstFactorDone(request, response, user, "totp-enrolled");
            return;
        }
        enforcement.recordFailed(request, user, Factors.TOTP);
        AttemptReservation.Reserved reserved = (AttemptReservation.Reserved) reservation;
        if (reserved.locksIfRejected()) {
            enforcement.recordLockout(request, user, Factors.TOTP, reserved.ifRejected());
        }
        showTotpError(request, response, TotpFactor.ERROR_CODE);
    }

    private void showTotpError(HttpServletRequest request, HttpServletResponse response, String errorKey)
            throws ServletException, IOException {
        request.setAttribute("stepwise_error", errorKey);
        request.setAttribute("stepwise_pending", Boolean.TRUE);
        render(request, response, "totp-enroll.jsp");
    }

    private void remove(HttpServletRequest request, HttpServletResponse response, String user, String factorId)
            throws ServletException, IOException {
        Optional<Factor> factor = factorId == null ? Optional.empty() : enforcement.factor(factorId);
        if (factor.isEmpty() || !factor.get().isEnrolled(user)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        Caller caller = Caller.of(user, request::isUserInRole);
        if (!enforcement.policy().mayRemoveFactor(enforcement.config().policy().login(), caller, factorId,
                enforcement.enrolled(user))) {
            // Never below what the login policy or the user's role requires.
            response.sendError(HttpServletResponse.SC_CONFLICT, "Your account must keep a second factor.");
            return;
        }
        if (!allowed(request, response, user, manage())) {
            return;
        }
        audit(request, user, (ip, ua, at) -> new MfaEvent.FactorRemoved(new EventHeader(user, at, ip, ua), factorId,
                "by the user"));
        if (factor.get() instanceof TotpFactor t) {
            t.remove(user);
            seeOther(request, response, SETTINGS + "?done=removed");
        } else if (factor.get() instanceof WebAuthnByOrigin w) {
            w.removeAll(user);
            seeOther(request, response, SETTINGS + "?done=removed");
        } else if (factor.get() instanceof RecoveryFactor r) {
            r.removeAll(user);
            seeOther(request, response, SETTINGS + "?done=removed");
        } else {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
        }
    }

    private void regenerateRecoveryCodes(HttpServletRequest request, HttpServletResponse response, String user)
            throws ServletException, IOException {
        Optional<RecoveryFactor> recovery = recovery();
        Set<String> others = enforcement.enrolled(user);
        others.remove(Factors.RECOVERY);
        if (recovery.isEmpty() || others.isEmpty()) {
            // Recovery codes back up a factor; on their own they would be a password written on paper.
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        if (allowed(request, response, user, manage())) {
            showCodes(request, response, recovery.get().regenerate(user));
        }
    }

    /**
     * "Always ask for a second factor when I sign in". Asking for more needs nothing; asking for less needs a
     * fresh factor, like every other weakening.
     */
    private void savePreferences(HttpServletRequest request, HttpServletResponse response, String user,
                                 boolean alwaysAsk) throws IOException {
        var preferences = storage.preferences();
        if (!alwaysAsk && preferences.of(user).alwaysAskAtLogin() && !allowed(request, response, user, manage())) {
            return;
        }
        preferences.save(user, new dev.stepwise.mfa.core.preference.MfaPreferences(alwaysAsk));
        seeOther(request, response, SETTINGS + "?done=preferences");
    }

    /** Revokes one trusted device of the user ({@code deviceId}) or all of them ({@code null}). */
    private void revokeDevices(HttpServletRequest request, HttpServletResponse response, String user, String deviceId)
            throws IOException {
        if (!allowed(request, response, user, manage())) {
            return;
        }
        if (deviceId == null) {
            storage.trust().revokeAll(user);
        } else if (!storage.trust().revoke(user, deviceId)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST); // not this user's device, or already revoked
            return;
        }
        audit(request, user, (ip, ua, at) -> new MfaEvent.DeviceRevoked(new EventHeader(user, at, ip, ua),
                deviceId == null ? "all" : deviceId, "by the user"));
        seeOther(request, response, SETTINGS + "?done=devices-revoked");
    }

    private void showCodes(HttpServletRequest request, HttpServletResponse response, RecoveryCodeSet codes)
            throws ServletException, IOException {
        String user = request.getUserPrincipal().getName();
        audit(request, user, (ip, ua, at) -> new MfaEvent.RecoveryCodesRegenerated(
                new EventHeader(user, at, ip, ua), codes.codes().size()));
        request.setAttribute("stepwise_codes", codes.codes());
        render(request, response, "recovery-codes.jsp");
    }

    private void showSettings(HttpServletRequest request, HttpServletResponse response, String user, String done)
            throws ServletException, IOException {
        Set<String> enrolled = enforcement.enrolled(user);
        Map<String, Boolean> factors = new LinkedHashMap<>();
        enforcement.offered().forEach(id -> factors.put(id, enrolled.contains(id)));
        request.setAttribute("stepwise_settings", factors);
        recovery().ifPresent(r -> request.setAttribute("stepwise_recoveryLeft", r.remaining(user)));
        request.setAttribute("stepwise_alwaysAsk", storage.preferences().of(user).alwaysAskAtLogin());
        if (enforcement.config().trust().enabled()) {
            java.time.Instant now = enforcement.clock().instant();
            java.util.List<Map<String, Object>> devices = new java.util.ArrayList<>();
            for (TrustedDevice d : storage.trust().list(user)) {
                if (d.isActiveAt(now)) {
                    devices.add(Map.of("id", d.deviceId(), "browser", dev.stepwise.mfa.event.UserAgentSummary.of(d.userAgent()),
                            "created", java.util.Date.from(d.createdAt()),
                            "lastSeen", java.util.Date.from(d.lastSeenAt())));
                }
            }
            request.setAttribute("stepwise_devices", devices);
        }
        request.setAttribute("stepwise_factorNames", PageTexts.of(request.getLocale()).factorNames(enforcement.offered()));
        request.setAttribute("stepwise_totpUrl", request.getContextPath() + enforcement.config().pages().path() + TOTP);
        request.setAttribute("stepwise_webauthnUrl", request.getContextPath() + enforcement.config().pages().path() + WEBAUTHN);
        request.setAttribute("stepwise_settingsUrl", request.getContextPath() + enforcement.config().pages().path() + SETTINGS);
        if (done != null && done.matches("[a-z-]{1,32}")) {
            request.setAttribute("stepwise_done", "stepwise.mfa.settings.done." + done);
        }
        render(request, response, "settings.jsp");
    }

    /** Whether the caller meets {@code requirement}; if not, the challenge (or enrolment) answer is sent. */
    private boolean allowed(HttpServletRequest request, HttpServletResponse response, String user,
                            Requirement requirement) throws IOException {
        if (enforcement.enrolled(user).isEmpty()) {
            return true; // nothing to prove yet: this is how a first factor is set up
        }
        Decision decision = enforcement.decide(request, requirement);
        if (decision.isGranted()) {
            return true;
        }
        enforcement.answer(decision, request).writeTo(response);
        return false;
    }

    /** Adding a factor: the same step-up as other changes, waived while an administrator's exemption lasts. */
    private boolean allowedToEnrol(HttpServletRequest request, HttpServletResponse response, String user)
            throws IOException {
        if (enforcement.enrolled(user).isEmpty()) {
            return true;
        }
        Decision decision = enforcement.decideEnrolment(request, manage());
        if (decision.isGranted()) {
            return true;
        }
        enforcement.answer(decision, request).writeTo(response);
        return false;
    }

    private Requirement manage() {
        return Requirement.stepUp(enforcement.config().policy().stepUpMaxAge()).withReason("manage-mfa");
    }

    private Optional<TotpFactor> totp() {
        return enforcement.factor(Factors.TOTP).filter(TotpFactor.class::isInstance).map(TotpFactor.class::cast);
    }

    private Optional<RecoveryFactor> recovery() {
        return enforcement.factor(Factors.RECOVERY).filter(RecoveryFactor.class::isInstance)
                .map(RecoveryFactor.class::cast);
    }

    private void render(HttpServletRequest request, HttpServletResponse response, String page)
            throws ServletException, IOException {
        ChallengeServlet.prepare(request, response, enforcement.config().pages().path());
        request.getRequestDispatcher(ChallengeServlet.PAGES + page).forward(request, response);
    }

    private void seeOther(HttpServletRequest request, HttpServletResponse response, String page) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + enforcement.config().pages().path() + page);
    }
}
