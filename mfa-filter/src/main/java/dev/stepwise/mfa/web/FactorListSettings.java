package dev.stepwise.mfa.web;

import dev.stepwise.mfa.Factors;
import dev.stepwise.mfa.factor.questions.QuestionsFactor;

import dev.stepwise.mfa.core.Caller;
import dev.stepwise.mfa.core.EnrolmentRules;
import dev.stepwise.mfa.core.KeyRules;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.preference.MfaPreferences;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.EnrolmentRemoval;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.KeyEnrolment;
import dev.stepwise.mfa.factor.KeyRegistration;
import dev.stepwise.mfa.factor.RecoveryCodes;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /settings}: the offered factors and what is set up (described by each factor's capabilities), removing
 * a factor, "always ask", trusted devices. Looking needs the session's MFA (when the user has a factor);
 * changing needs a step-up.
 */
final class FactorListSettings extends SettingsHandler {

    FactorListSettings(PageCall call, SettingsAccess access) {
        super(call, access);
    }

    /** The GET: the settings page, with the message of what was just done ({@code done}), if any. */
    void show() throws ServletException, IOException {
        show(null);
    }

    /** The settings page, with why the last change was refused ({@code error}: a message key), if it was. */
    void show(String error) throws ServletException, IOException {
        if (!access.allowed(Requirement.mfa().withReason("manage-mfa"))) {
            return;
        }
        String user = call.user();
        Set<String> raw = access.raw();
        Set<String> enrolled = EnrolmentRules.counting(raw);
        Map<String, String> names = call.texts().factorNames(call.enforcement.offered());
        List<SettingsPage.FactorRow> rows = new ArrayList<>();
        for (String id : call.enforcement.offered()) {
            // security questions are shown as set up even where they do not count (the page says they never do alone)
            boolean has = enrolled.contains(id) || id.equals(Factors.QUESTIONS) && raw.contains(id);
            rows.add(call.factor(id).map(f -> row(id, names.get(id), has, f))
                    .orElseGet(() -> new SettingsPage.FactorRow(id, names.get(id), false, null, null, null)));
        }
        List<SettingsPage.Device> devices = call.enforcement.config().trust().enabled()
                ? SettingsPage.active(call.storage.trust().list(user), call.now()) : null;
        List<SettingsPage.KeyRow> keys = new KeySettings(call, access).rows();
        call.render("settings.jsp", new SettingsPage(call.links(), rows, keys, KeyRules.suggestBackupKey(keys.size()),
                call.capable(RecoveryCodes.class).isPresent(), call.storage.preferences().of(user).alwaysAskAtLogin(),
                devices, SettingsPage.doneKey(call.param("done")), error));
    }

    /** A factor as the settings describe it: set up or not, codes left, where it is set up. */
    private SettingsPage.FactorRow row(String id, String name, boolean enrolled, Factor factor) {
        Integer codesLeft = factor.capability(RecoveryCodes.class).map(r -> r.remaining(call.user())).orElse(null);
        String base = call.base();
        if (factor.capability(KeyEnrolment.class).isPresent()) {
            return new SettingsPage.FactorRow(id, name, enrolled, codesLeft, base + SettingsServlet.TOTP, null);
        }
        if (factor.capability(KeyRegistration.class).isPresent()) {
            return new SettingsPage.FactorRow(id, name, enrolled, codesLeft, base + SettingsServlet.WEBAUTHN,
                    "stepwise-add-webauthn");
        }
        if (factor.capability(QuestionsFactor.class).isPresent()) {
            return new SettingsPage.FactorRow(id, name, enrolled, codesLeft, base + SettingsServlet.QUESTIONS,
                    "stepwise-add-questions");
        }
        if (factor.capability(dev.stepwise.mfa.factor.push.PushFactor.class).isPresent()) {
            return new SettingsPage.FactorRow(id, name, enrolled, codesLeft, base + SettingsServlet.PUSH, null);
        }
        return new SettingsPage.FactorRow(id, name, enrolled, codesLeft, null, null);
    }

    /** Removes one of the user's factors: never below the login policy, never leaving SMS alone, after a step-up. */
    void remove() throws IOException {
        String factorId = call.param("factor");
        Optional<Factor> factor = call.factor(factorId);
        Optional<EnrolmentRemoval> removal = factor.flatMap(f -> f.capability(EnrolmentRemoval.class));
        if (factor.isEmpty() || !factor.get().isEnrolled(call.user()) || removal.isEmpty()) {
            call.error(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        Caller caller = Caller.of(call.user(), call.request::isUserInRole);
        if (!access.rules().mayRemove(caller, factorId, access.raw())) {
            // Never below what the login policy or the user's role requires.
            call.localizedError(HttpServletResponse.SC_CONFLICT, "stepwise.mfa.error.keep-factor");
            return;
        }
        if (!access.mayChange()) {
            return;
        }
        String user = call.user();
        call.audit(header -> new MfaEvent.FactorRemoved(header, factorId, "by the user"));
        removal.get().removeEnrolment(user);
        call.seeOtherPage(SettingsServlet.SETTINGS + "?done=removed");
    }

    /**
     * "Always ask for a second factor when I sign in". Asking for more needs nothing; asking for less needs a
     * fresh factor, like every other weakening.
     */
    void savePreferences() throws IOException {
        boolean alwaysAsk = "on".equals(call.param("alwaysAsk"));
        var preferences = call.storage.preferences();
        boolean before = preferences.of(call.user()).alwaysAskAtLogin();
        if (access.rules().preferenceNeedsStepUp(before, alwaysAsk, access.raw()) && !access.mayChange()) {
            return;
        }
        preferences.save(call.user(), new MfaPreferences(alwaysAsk));
        call.seeOtherPage(SettingsServlet.SETTINGS + "?done=preferences");
    }

    /** Revokes one trusted device of the user ({@code deviceId}) or all of them ({@code null}). */
    void revokeDevices(String deviceId) throws IOException {
        if (!access.mayChange()) {
            return;
        }
        String user = call.user();
        if (deviceId == null) {
            call.storage.trust().revokeAll(user);
        } else if (!call.storage.trust().revoke(user, deviceId)) {
            call.error(HttpServletResponse.SC_BAD_REQUEST); // not this user's device, or already revoked
            return;
        }
        call.audit(header -> new MfaEvent.DeviceRevoked(header, deviceId == null ? "all" : deviceId,
                "by the user"));
        call.seeOtherPage(SettingsServlet.SETTINGS + "?done=devices-revoked");
    }
}
