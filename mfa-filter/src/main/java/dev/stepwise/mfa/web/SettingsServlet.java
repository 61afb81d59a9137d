package dev.stepwise.mfa.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The user's own MFA settings under {@code stepwise.mfa.path}: {@code /settings} lists the offered factors and
 * what is set up ({@link FactorListSettings}); {@code /settings/totp} enrols an authenticator app
 * ({@link KeyEnrolmentSettings}); {@code /settings/webauthn} registers a security key
 * ({@link KeyRegistrationSettings}, also while keys exist: a backup key) and renames or removes one key
 * ({@link KeySettings}); {@code /settings/questions} writes security questions ({@link QuestionSettings}); new recovery codes come from {@link RecoveryCodeSettings}. Changing
 * anything — adding a factor when one exists already, removing one — needs a fresh factor first
 * (docs/security-model.md: step-up on the library's own settings; {@link SettingsAccess}), and every form
 * carries the session's CSRF token.
 */
public final class SettingsServlet extends LibraryPage {

    static final String SETTINGS = "/settings";
    static final String TOTP = "/settings/totp";
    static final String WEBAUTHN = "/settings/webauthn";
    static final String QUESTIONS = "/settings/questions";
    static final String PUSH = "/settings/push";

    private static final long serialVersionUID = 1L;

    /** Creates the settings servlet. */
    public SettingsServlet() {
        super(SETTINGS);
    }

    @Override
    void get(PageCall call, String page) throws ServletException, IOException {
        SettingsAccess access = new SettingsAccess(call);
        switch (page) {
            case SETTINGS -> new FactorListSettings(call, access).show();
            case TOTP -> new KeyEnrolmentSettings(call, access).offer();
            case WEBAUTHN -> new KeyRegistrationSettings(call, access).begin();
            case QUESTIONS -> new QuestionSettings(call, access).offer();
            case PUSH -> new PushDeviceSettings(call, access).offer();
            default -> call.error(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    @Override
    void post(PageCall call, String page) throws ServletException, IOException {
        SettingsAccess access = new SettingsAccess(call);
        try {
            switch (page) {
                case TOTP -> totp(call, access);
                case WEBAUTHN -> new KeyRegistrationSettings(call, access).finish();
                case QUESTIONS -> new QuestionSettings(call, access).save();
                case PUSH -> new PushDeviceSettings(call, access).post();
                case SETTINGS -> settings(call, access);
                default -> call.error(HttpServletResponse.SC_BAD_REQUEST);
            }
        } finally {
            // factors, holds or preferences may have changed, even when a later step failed
            call.enforcement.factsChanged();
        }
    }

    private static void totp(PageCall call, SettingsAccess access) throws ServletException, IOException {
        KeyEnrolmentSettings totp = new KeyEnrolmentSettings(call, access);
        if (call.action("begin")) {
            totp.begin();
        } else {
            totp.confirm();
        }
    }

    private static void settings(PageCall call, SettingsAccess access) throws ServletException, IOException {
        // one key at a time: KeySettings; everything else on the page: FactorListSettings
        FactorListSettings settings = new FactorListSettings(call, access);
        String action = call.param("action");
        switch (action == null ? "" : action) {
            case "remove" -> settings.remove();
            case "rename-key" -> new KeySettings(call, access).rename(settings::show);
            case "remove-key" -> new KeySettings(call, access).remove(settings::show);
            case "preferences" -> settings.savePreferences();
            case "recovery" -> new RecoveryCodeSettings(call, access).regenerate();
            case "revoke-device" -> revokeOne(call, settings);
            case "revoke-all-devices" -> settings.revokeDevices(null);
            default -> call.error(HttpServletResponse.SC_BAD_REQUEST);
        }
    }

    /** One device, named by the form; without a name nothing is revoked ("all" is a form of its own). */
    private static void revokeOne(PageCall call, FactorListSettings settings) throws IOException {
        String device = call.param("device");
        if (device == null || device.isBlank()) {
            call.error(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        settings.revokeDevices(device);
    }
}
