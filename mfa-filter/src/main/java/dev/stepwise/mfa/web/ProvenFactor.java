package dev.stepwise.mfa.web;

import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.http.PendingChallenge;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Instant;
import java.util.Map;

/**
 * What a proven factor does to the session, the same for the challenge page ({@link ChallengeServlet}) and the JSON
 * challenge API ({@link ChallengeApiServlet}): the proof recorded (new session id, verification time,
 * {@code FactorVerified}), the device trusted when the user asked and the challenge offers it, and the pending
 * challenge taken out once.
 */
final class ProvenFactor {

    private ProvenFactor() {
    }

    /**
     * Records the proof of {@code factorId} for the call's user, trusts the browser if {@code trustAsked} and the
     * screen offers trust for this factor, and takes the screen's pending challenge.
     *
     * @return the challenge this proof answered, or {@code null} when there was none, or another request of the
     *         session took it first (of two concurrent successes only one resumes), or it expired
     */
    static PendingChallenge record(PageCall call, ChallengeScreen screen, String factorId,
                                   Map<String, Instant> heldUntil, boolean trustAsked) {
        HttpServletRequest request = call.request;
        call.enforcement.recordVerified(request, call.user(), factorId, heldUntil);
        if (trustAsked && screen.offersTrust()
                && MfaSession.of(request).state(call.now()).mayTrustDeviceAfter(factorId, call.now())) {
            call.enforcement.trustDevice(request, call.response, call.user()); // never for a factor on hold
        }
        PendingChallenge pending = screen.pending();
        return pending == null ? null : MfaSession.of(request).takePending(pending.id(), call.now());
    }
}
