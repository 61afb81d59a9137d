package dev.stepwise.mfa.http;

import dev.stepwise.mfa.core.AttemptState;
import dev.stepwise.mfa.core.LoginPolicy;
import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.core.QuestionRules;
import dev.stepwise.mfa.core.TrustedDeviceGrant;
import dev.stepwise.mfa.core.risk.RiskContext;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.trust.DeviceTrust;
import dev.stepwise.mfa.trust.TrustedDevices;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What the session and the audit trail record about a user's proofs: a verified factor, a trusted browser, the
 * trust grant kept true to its record, a failure, a lockout, a successful sign-in (adaptive MFA). Each method is
 * one explicit step; nothing here decides access.
 */
public final class SessionRecords {

    private static final System.Logger LOG = System.getLogger(SessionRecords.class.getName());

    private final MfaRuntime runtime;

    /**
     * Creates the session records from its parts.
     *
     * @param runtime the runtime
     */
    public SessionRecords(MfaRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Records a verified factor: rotates the session id (OWASP session management: a new privilege level gets a
     * new id), stores the verification time with the hold the factor is under ({@link MfaState#holdAtVerification},
     * so that a step-up it satisfies reads nothing from the store) and fires {@link MfaEvent.FactorVerified}.
     * Called only once the factor's code or key was checked: the holds are read after that check, so a
     * credential activated after its hold was saved (enrolled under an exemption) is always seen held.
     *
     * @param request the HTTP request
     * @param facts what the library read from the request
     * @param user the user name (the container's caller principal name)
     * @param factorId the factor's id (e.g. {@code totp})
     */
    public void recordVerified(HttpServletRequest request, RequestFacts facts, String user, String factorId) {
        recordVerified(request, facts, user, factorId, null);
    }

    /**
     * As {@link #recordVerified(HttpServletRequest, RequestFacts, String, String)}, with the holds the factor read
     * in the same snapshot as the credential it checked ({@code Verification.Accepted#heldUntil}: a credential read
     * active is never read without the hold saved before its activation), so that none is read here; {@code null}:
     * read them after the check, as that method does.
     *
     * @param request   the request whose session records the verification
     * @param facts     the request's facts (the event's header)
     * @param user      the verified user (the session's)
     * @param factorId  the factor proven
     * @param heldUntil the holds read with the checked credential, or {@code null}
     */
    public void recordVerified(HttpServletRequest request, RequestFacts facts, String user, String factorId,
                               Map<String, Instant> heldUntil) {
        Map<String, Instant> holds = heldUntil != null ? heldUntil : StoreUserFacts.holds(runtime, user);
        Instant now = runtime.clock().instant();
        MfaSession session = MfaSession.of(request);
        session.update(now, state -> {
            if (!state.user().equals(user)) {
                throw new IllegalArgumentException("a verification of another user");
            }
            return state.withVerified(factorId, now, holds);
        });
        session.rotateId();
        runtime.fire(new MfaEvent.FactorVerified(facts.eventHeader(user, now), factorId));
        if (QuestionRules.anyForLogin(Set.of(factorId))) {
            // Only a factor that may satisfy the login teaches the sign-in history: answered questions never do.
            recordLogin(facts, user);
        }
    }

    /**
     * Keeps the session's "trust this device" grant true to the device record and returns the state to decide
     * with: a grant held in the session is checked against its record on every request (a device revoked on the
     * settings page, by an administrator or by a password change stops counting on the next request of a live
     * session), and a cookie is accepted when it is valid for the user. An invalid cookie (forged, another
     * user's, expired, revoked) is cleared from the browser.
     *
     * @param request the HTTP request
     * @param response the HTTP response
     * @param facts what the library read from the request
     * @param state the user's MFA state in the session
     * @return the MFA state
     */
    public MfaState keepTrustTrue(HttpServletRequest request, HttpServletResponse response, RequestFacts facts,
                                  MfaState state) {
        if (!runtime.config().trust().enabled()) {
            return state;
        }
        String user = state.user();
        MfaSession session = MfaSession.of(request);
        if (state.trust() != null) {
            if (state.trust().isValidAt(runtime.clock().instant())
                    && runtime.storage().trust().isActive(user, state.trust().deviceId())) {
                return state;
            }
            // The login policy is asked again: it may have been cleared by this grant.
            MfaState without = state.withoutTrust();
            session.state(without);
            TrustCookie.clear(response, facts.contextPath(), facts.secure());
            return without;
        }
        if (facts.trustCookie() == null) {
            return state;
        }
        DeviceTrust verdict = runtime.storage().trust().check(facts.trustCookie(), user);
        if (verdict instanceof DeviceTrust.Trusted t) {
            MfaState trusted = state.withTrust(new TrustedDeviceGrant(t.device().deviceId(), t.expiresAt()));
            session.state(trusted);
            session.rotateId(); // the session's level rose: a new session id, as after a verification
            runtime.fire(new MfaEvent.TrustedDeviceUsed(facts.eventHeader(user, runtime.clock().instant()),
                    t.device().deviceId()));
            return trusted;
        }
        TrustCookie.clear(response, facts.contextPath(), facts.secure());
        return state;
    }

    /**
     * Trusts this browser for {@code user} after a verified factor: cookie, device record, session grant.
     *
     * @param request the HTTP request
     * @param response the HTTP response
     * @param facts what the library read from the request
     * @param user the user name (the container's caller principal name)
     */
    public void trustDevice(HttpServletRequest request, HttpServletResponse response, RequestFacts facts,
                            String user) {
        TrustedDevices.Issued issued = runtime.storage().trust().issue(user, facts.userAgentHeader());
        TrustCookie.write(response, facts.contextPath(), facts.secure(), issued.cookieValue(),
                issued.maxAge());
        MfaSession session = MfaSession.of(request);
        session.update(runtime.clock().instant(), state -> state.withTrust(
                new TrustedDeviceGrant(issued.device().deviceId(), issued.device().expiresAt())));
        runtime.fire(new MfaEvent.DeviceTrusted(facts.eventHeader(user, runtime.clock().instant()),
                issued.device().deviceId(), issued.device().expiresAt()));
    }

    /**
     * Fires {@link MfaEvent.FactorFailed}.
     *
     * @param facts what the library read from the request
     * @param user the user name (the container's caller principal name)
     * @param factorId the factor's id (e.g. {@code totp})
     */
    public void recordFailed(RequestFacts facts, String user, String factorId) {
        runtime.fire(new MfaEvent.FactorFailed(facts.eventHeader(user, runtime.clock().instant()), factorId,
                "rejected"));
    }

    /**
     * An account was just locked by this failure: one log line for the operator (no code, no secret).
     *
     * @param facts what the library read from the request
     * @param user the user name (the container's caller principal name)
     * @param factorId the factor's id (e.g. {@code totp})
     * @param state the account's attempt state
     */
    public void recordLockout(RequestFacts facts, String user, String factorId, AttemptState state) {
        LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: account {0} locked until {1} after {2} failed "
                + "attempts (last with {3})", user, state.lockedUntil(), state.failures(), factorId);
        runtime.fire(new MfaEvent.LockedOut(facts.eventHeader(user, runtime.clock().instant()), factorId,
                state.failures(), state.lockedUntil()));
    }

    /**
     * Remembers this device and network for the user once a sign-in succeeded (never before: adaptive).
     *
     * @param facts what the library read from the request
     * @param user the user name (the container's caller principal name)
     */
    public void recordLogin(RequestFacts facts, String user) {
        if (!(runtime.config().policy().login() instanceof LoginPolicy.Adaptive)) {
            return;
        }
        runtime.storage().riskHistory().recordLogin(runtime.riskSignals().located(new RiskContext(user,
                runtime.clock().instant(), facts.deviceCookie(), facts.clientInet(), 0, null)));
    }
}
