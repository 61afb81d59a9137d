package dev.stepwise.mfa.web;

import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.RecoveryCodes;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Recovery codes on the settings pages: a new set on request (behind a step-up, and only beside another
 * factor: on their own they would be a password written on paper), and the first set right after a first
 * factor was enrolled. The codes come from the offered factor with the {@link RecoveryCodes} capability.
 */
final class RecoveryCodeSettings extends SettingsHandler {

    RecoveryCodeSettings(PageCall call, SettingsAccess access) {
        super(call, access);
    }

    /** The settings page's "make new codes": the old ones stop working. */
    void regenerate() throws ServletException, IOException {
        Optional<PageCall.Capable<RecoveryCodes>> recovery = call.capable(RecoveryCodes.class);
        if (recovery.isEmpty() || !access.rules().mayHaveRecoveryCodes(access.raw())) {
            call.error(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        if (access.mayChange()) {
            show(recovery.get().capability().replaceCodes(call.user()), null);
        }
    }

    /**
     * After a factor was enrolled ({@code done} names it for the message): the first factor comes with its way
     * out, codes for the day the device is lost, if the user has none yet; else back to the settings.
     */
    void afterEnrolment(String done) throws ServletException, IOException {
        Optional<PageCall.Capable<RecoveryCodes>> recovery = call.capable(RecoveryCodes.class);
        if (recovery.isEmpty() || recovery.get().capability().remaining(call.user()) > 0) {
            call.seeOtherPage(SettingsServlet.SETTINGS + "?done=" + done);
            return;
        }
        // Codes made under an exemption are held like the factor they back up: else they would pass a
        // step-up at once for whoever enrolled with only the password.
        access.holdUnderExemption(recovery.get().factorId());
        show(recovery.get().capability().replaceCodes(call.user()), SettingsPage.doneKey(done));
    }

    private void show(List<String> codes, String done) throws ServletException, IOException {
        call.audit(header -> new MfaEvent.RecoveryCodesRegenerated(header, codes.size()));
        call.render("recovery-codes.jsp", new RecoveryCodesPage(call.links(), codes, done));
    }
}
