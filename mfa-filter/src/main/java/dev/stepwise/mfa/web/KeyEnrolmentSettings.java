package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.exemption.EnrolmentHold;
import dev.stepwise.mfa.factor.KeyEnrolment;
import dev.stepwise.mfa.runtime.AttemptOutcome;
import dev.stepwise.mfa.runtime.Attempts;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code /settings/totp}: an authenticator app is set up with the offered factor that has the
 * {@link KeyEnrolment} capability. A GET only offers; the page's POST ({@code action=begin}) makes the key and
 * shows it, so a link or an {@code <img>} on another site cannot replace the key the user is scanning; a POST
 * with a code confirms it, as one attempt on the account.
 */
final class KeyEnrolmentSettings extends SettingsHandler {

    /** The form field holding the code. */
    static final String CODE = "code";
    /** What the page says for any code that did not confirm the key. */
    static final String ERROR_CODE = "stepwise.mfa.error.code";

    private final Optional<PageCall.Capable<KeyEnrolment>> enrolment;

    KeyEnrolmentSettings(PageCall call, SettingsAccess access) {
        super(call, access);
        this.enrolment = call.capable(KeyEnrolment.class);
    }

    /** The GET: the offer, when the user may set one up. */
    void offer() throws ServletException, IOException {
        if (mayEnrol()) {
            call.render("totp-enroll.jsp", KeyEnrolmentPage.offering(call.links()));
        }
    }

    /** A new pending key, shown as a QR code (POST only: it replaces an earlier one). */
    void begin() throws ServletException, IOException {
        if (mayEnrol()) {
            KeyEnrolment.KeyOffer key = enrolment.orElseThrow().capability().offerKey(call.user(),
                    call.enforcement.config().factors().issuer());
            call.render("totp-enroll.jsp", KeyEnrolmentPage.showing(call.links(), key));
        }
    }

    /** Whether a key may be set up now; if not, the answer (the settings, a challenge) is sent. */
    private boolean mayEnrol() throws IOException {
        if (enrolment.isEmpty() || call.factor(enrolment.get().factorId()).orElseThrow().isEnrolled(call.user())) {
            call.seeOtherPage(SettingsServlet.SETTINGS);
            return false;
        }
        return access.mayAdd();
    }

    /** The code that confirms the key: an attempt on the account like a challenge's (refused while locked). */
    void confirm() throws ServletException, IOException {
        if (enrolment.isEmpty()) {
            call.error(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        // Decided again now, not only when the key was made: the exemption that waived the step-up may be over.
        if (!access.mayAdd()) {
            return;
        }
        String factorId = enrolment.get().factorId();
        AtomicReference<Optional<EnrolmentHold>> hold = new AtomicReference<>(Optional.empty());
        AttemptOutcome outcome = new Attempts(call.storage.throttle(), call.enforcement.clock(),
                call.enforcement::fire).confirm(call.user(), factorId, call.context(), () -> {
                    hold.set(access.holdUnderExemption(factorId));
                    return enrolment.get().capability().confirmKey(call.user(), call.param(CODE));
                });
        if (outcome instanceof AttemptOutcome.Verified) {
            access.recordEnrolment(factorId, hold.get()); // told first: recording the verification reads the store
            call.enforcement.recordVerified(call.request, call.user(), factorId);
            new RecoveryCodeSettings(call, access).afterEnrolment("totp-enrolled");
            return;
        }
        if (outcome instanceof AttemptOutcome.Refused refused) {
            call.response.setStatus(429);
            call.response.setHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
            call.render("totp-enroll.jsp", KeyEnrolmentPage.failed(call.links(), AttemptOutcome.LOCKED));
            return;
        }
        call.render("totp-enroll.jsp", KeyEnrolmentPage.failed(call.links(), ERROR_CODE));
    }
}
