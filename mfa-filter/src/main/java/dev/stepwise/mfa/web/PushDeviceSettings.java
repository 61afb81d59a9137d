package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.exemption.EnrolmentHold;
import dev.stepwise.mfa.factor.push.PushFactor;
import dev.stepwise.mfa.factor.push.PushRegistration;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * {@code /settings/push}: the user's devices for push codes. The page's script ({@code /mfa/push.js}) registers the
 * service worker, subscribes with the VAPID public key and posts the subscription ({@code register}); a device is
 * removed one at a time ({@code remove}), except the last, which goes with the factor on the settings page (where
 * the rules on removing a factor apply). Adding a device needs the same step-up as adding any factor, removing one
 * the step-up of any other change.
 */
final class PushDeviceSettings extends SettingsHandler {

    /** The form field of the subscription's auth secret (RFC 8291), withheld from a form saved for a step-up. */
    static final String AUTH = "auth";

    private final Optional<PageCall.Capable<PushFactor>> push;

    PushDeviceSettings(PageCall call, SettingsAccess access) {
        super(call, access);
        this.push = call.capable(PushFactor.class);
    }

    /** The GET: the page, when the user may add a device (a step-up first, as for any new factor). */
    void offer() throws ServletException, IOException {
        if (push.isEmpty()) {
            call.seeOtherPage(SettingsServlet.SETTINGS);
        } else if (access.mayAdd()) {
            show(null, null);
        }
    }

    private void show(String errorKey, String noticeKey) throws ServletException, IOException {
        PushFactor factor = push.get().capability();
        call.render("push-devices.jsp", new PushDevicesPage(call.links(), factor.applicationServerKey().orElse(null),
                factor.devices(call.user()), errorKey, noticeKey));
    }

    /** {@code register} or {@code remove}. */
    void post() throws ServletException, IOException {
        if (push.isEmpty()) {
            call.error(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (call.action("register")) {
            register();
        } else if (call.action("remove")) {
            remove();
        } else {
            call.error(HttpServletResponse.SC_BAD_REQUEST);
        }
    }

    private void register() throws ServletException, IOException {
        // A step-up asked now saves this form for after it: never with the browser's auth secret, which the store
        // keeps sealed (the browser is added again after the challenge).
        dev.stepwise.mfa.http.RequestMarks.withhold(call.request, java.util.Set.of(AUTH));
        if (!access.mayAdd()) {
            return;
        }
        PushFactor factor = push.get().capability();
        String factorId = push.get().factorId();
        boolean first = !factor.isEnrolled(call.user());
        Optional<EnrolmentHold> hold = first ? access.holdUnderExemption(factorId) : Optional.empty();
        PushRegistration result = factor.register(call.user(), call.param("name"), call.param("endpoint"),
                call.param("p256dh"), call.param(AUTH));
        if (result != PushRegistration.ADDED) {
            show(result.messageKey(), null);
            return;
        }
        if (first) {
            access.recordEnrolment(factorId, hold);
        }
        show(null, result.messageKey());
    }

    private void remove() throws ServletException, IOException {
        if (!access.mayChange()) {
            return;
        }
        PushFactor factor = push.get().capability();
        if (factor.devices(call.user()).size() <= 1) {
            show("stepwise.mfa.push.error.last-device", null);
            return;
        }
        show(factor.remove(call.user(), call.param("device")) ? null : "stepwise.mfa.push.error.no-device",
                null);
    }
}
