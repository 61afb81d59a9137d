package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.exemption.EnrolmentHold;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.KeyRegistration;
import dev.stepwise.mfa.factor.Verification;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * {@code /settings/webauthn}: a security key or passkey is registered with the offered factor that has the
 * {@link KeyRegistration} capability. The ceremony's options are made on GET: a new page replaces an unanswered
 * ceremony of this session, which costs the user a retry and gives another site nothing (no code sent, no key
 * kept); the page's POST carries the browser's answer.
 */
final class KeyRegistrationSettings extends SettingsHandler {

    private final Optional<PageCall.Capable<KeyRegistration>> registration;

    KeyRegistrationSettings(PageCall call, SettingsAccess access) {
        super(call, access);
        this.registration = call.capable(KeyRegistration.class);
    }

    /** The GET: a new ceremony, when the user may add a key. */
    void begin() throws ServletException, IOException {
        if (registration.isEmpty()) {
            call.seeOtherPage(SettingsServlet.SETTINGS);
        } else if (access.mayAdd()) {
            show(null);
        }
    }

    /** The browser's answer: the new key is stored, or the ceremony offered again with why it was refused. */
    void finish() throws ServletException, IOException {
        if (registration.isEmpty()) {
            call.error(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        // Decided again now, not only when the ceremony began: the exemption that waived the step-up may be over.
        if (!access.mayAdd()) {
            return;
        }
        String factorId = registration.get().factorId();
        Optional<EnrolmentHold> hold = access.holdUnderExemption(factorId);
        Verification result = registration.get().capability().finishRegistration(call.user(),
                call.param("credential"), call.param("name"), call.context());
        if (result instanceof Verification.Rejected refused) {
            show(refused.messageKey());
            return;
        }
        // The authenticator just proved it holds the new key: a verified factor.
        // The events first (a stranger's factor must be told of even if recording the verification fails).
        access.recordEnrolment(factorId, hold);
        call.enforcement.recordVerified(call.request, call.user(), factorId);
        new RecoveryCodeSettings(call, access).afterEnrolment("webauthn-registered");
    }

    private void show(String errorKey) throws ServletException, IOException {
        ChallengeContext ctx = call.context();
        String options = registration.orElseThrow().capability().beginRegistration(call.user(), call.user(), ctx);
        call.render("webauthn-register.jsp", new KeyRegistrationPage(call.links(), options, errorKey));
    }
}
