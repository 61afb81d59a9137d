package dev.stepwise.mfa.http;

import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.core.risk.RiskAssessment;
import dev.stepwise.mfa.factor.ChallengeContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.io.Serializable;
import java.security.Principal;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * The library's state in one request's HTTP session, for the principal of that request: the only class that
 * reads or writes the library's session attribute. Every access binds the session to the current principal
 * first ({@link SessionSlots#bind}), so state made for one user is never seen by another. Reading never creates
 * a session; writing does.
 *
 * <pre>{@code
 * MfaSession session = MfaSession.of(request);
 * MfaState state = session.state(now);             // this principal's state, or a fresh one
 * session.state(state.withVerified("totp", now));  // stored for this principal only
 * }</pre>
 */
public final class MfaSession {

    /** The name of the session attribute the MFA records are kept in. */
    public static final String ATTRIBUTE = "dev.stepwise.mfa.session";
    /** Creating the slots of a new session: striped, so concurrent first requests agree on one object. */
    private static final Object[] CREATE_LOCKS = new Object[64];

    static {
        for (int i = 0; i < CREATE_LOCKS.length; i++) {
            CREATE_LOCKS[i] = new Object();
        }
    }

    private final HttpServletRequest request;
    private final String user;

    private MfaSession(HttpServletRequest request, String user) {
        this.request = request;
        this.user = user;
    }

    /**
     * The session of this request's principal ({@code null} principal: an anonymous visitor's).
     *
     * @param request the HTTP request
     * @return the session of this request's principal ({@code null} principal: an anonymous visitor's)
     */
    public static MfaSession of(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return new MfaSession(request, principal == null ? null : principal.getName());
    }

    private SessionSlots slots(boolean create) {
        HttpSession session = request.getSession(create);
        if (session == null) {
            return null;
        }
        Object o = session.getAttribute(ATTRIBUTE);
        if (o instanceof SessionSlots slots) {
            if (slots.bind(user)) {
                session.setAttribute(ATTRIBUTE, slots); // emptied for a new principal: store the change
            }
            return slots;
        }
        if (!create) {
            return null;
        }
        synchronized (CREATE_LOCKS[Math.floorMod(session.getId().hashCode(), CREATE_LOCKS.length)]) {
            Object again = session.getAttribute(ATTRIBUTE);
            if (again instanceof SessionSlots slots) {
                slots.bind(user);
                return slots;
            }
            SessionSlots fresh = new SessionSlots(user);
            session.setAttribute(ATTRIBUTE, fresh);
            return fresh;
        }
    }

    /** Stores the slots again after a change, so a replicating container sees it. */
    private void changed(SessionSlots slots) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.setAttribute(ATTRIBUTE, slots);
        }
    }

    /** Empties the slots if the session belonged to another principal; creates nothing. */
    public void bind() {
        slots(false);
    }

    /**
     * This principal's MFA state, or a fresh one starting {@code now} (not stored).
     *
     * @param now the current instant
     * @return this principal's MFA state, or a fresh one starting {@code now} (not stored)
     */
    public MfaState state(Instant now) {
        SessionSlots slots = slots(false);
        MfaState state = slots == null ? null : slots.state(user);
        return state != null && state.user().equals(user) ? state : MfaState.start(user, now);
    }

    /**
     * Stores the principal's MFA state.
     *
     * @param state the user's MFA state in the session
     */
    public void state(MfaState state) {
        if (!state.user().equals(user)) {
            throw new IllegalArgumentException("state of another user");
        }
        SessionSlots slots = slots(true);
        slots.state(user, state);
        changed(slots);
    }

    /**
     * Changes this principal's state in one step (a verification, a trust grant): the change sees the latest.
     *
     * @param now the current instant
     * @param change the change
     * @return the MFA state
     */
    public MfaState update(Instant now, UnaryOperator<MfaState> change) {
        SessionSlots slots = slots(true);
        MfaState updated = slots.updateState(user, MfaState.start(user, now), change);
        if (!updated.user().equals(user)) {
            throw new IllegalArgumentException("state of another user");
        }
        changed(slots);
        return updated;
    }

    /**
     * Stores {@code updated} only if the state is still the {@code read} one this request decided on; whether it
     * did (if not, another request of the session changed it, and the next request decides again).
     *
     * @param read the state this request read and decided on
     * @param updated the new state
     * @return whether {@code updated} was stored
     */
    public boolean replace(MfaState read, MfaState updated) {
        if (!updated.user().equals(user)) {
            throw new IllegalArgumentException("state of another user");
        }
        SessionSlots slots = slots(true);
        boolean replaced = slots.replaceState(user, read, updated);
        changed(slots);
        return replaced;
    }

    /**
     * The pending challenge, or {@code null} when there is none or it expired.
     *
     * @param now the current instant
     * @return the pending challenge, or {@code null} when there is none or it expired
     */
    public PendingChallenge pending(Instant now) {
        SessionSlots slots = slots(false);
        return slots == null ? null : slots.pending(user, now);
    }

    /**
     * Keeps the pending challenge.
     *
     * @param challenge the challenge the page shows
     */
    public void pending(PendingChallenge challenge) {
        SessionSlots slots = slots(true);
        slots.pending(user, challenge);
        changed(slots);
    }

    /**
     * Takes the challenge {@code id} out because it was answered; {@code null} when none, replaced or expired.
     *
     * @param id the id
     * @param now the current instant
     * @return the pending challenge
     */
    public PendingChallenge takePending(String id, Instant now) {
        SessionSlots slots = slots(false);
        if (slots == null) {
            return null;
        }
        PendingChallenge taken = slots.takePending(user, id, now);
        changed(slots);
        return taken;
    }

    /**
     * Keeps the request to run again after its challenge was passed.
     *
     * @param ready the request ready to run again
     */
    public void resume(SessionSlots.Resume ready) {
        SessionSlots slots = slots(true);
        slots.resume(user, ready);
        changed(slots);
    }

    /**
     * The saved request to replay now, taken atomically; {@code null} when this is not its target or it expired.
     *
     * @param path the path
     * @param query the raw query string, or {@code null}
     * @param now the current instant
     * @return the saved request to replay now, taken atomically; {@code null} when this is not its target or it expired
     */
    public SessionSlots.Resume takeResume(String path, String query, Instant now) {
        SessionSlots slots = slots(false);
        if (slots == null) {
            return null;
        }
        SessionSlots.Resume taken = slots.takeResume(user, path, query, now);
        if (taken != null) {
            changed(slots);
        }
        return taken;
    }

    /** {@return this principal's risk assessment of this session, or {@code null}} */
    public RiskAssessment risk() {
        SessionSlots slots = slots(false);
        return slots == null ? null : slots.risk(user);
    }

    /**
     * Keeps the sign-in's risk assessment.
     *
     * @param assessment the sign-in's risk assessment
     */
    public void risk(RiskAssessment assessment) {
        SessionSlots slots = slots(true);
        slots.risk(user, assessment);
        changed(slots);
    }

    /**
     * Whether {@code flag} is set now for the first time for this principal (then do the once-only thing);
     * always {@code false} without an HTTP session.
     *
     * @param flag the flag
     * @return whether {@code flag} is set now for the first time for this principal (then do the once-only thing); always {@code false} without an HTTP session
     */
    public boolean firstTime(SessionSlots.Flag flag) {
        if (request.getSession(false) == null) {
            return false; // a caller without a session (HTTP Basic on every request) is not audited per request
        }
        SessionSlots slots = slots(true);
        boolean first = slots.firstTime(user, flag);
        if (first) {
            changed(slots);
        }
        return first;
    }

    /**
     * The CSRF token of this session and principal, created when needed.
     *
     * @param fresh the fresh
     * @return the CSRF token of this session and principal, created when needed
     */
    public String csrfToken(java.util.function.Supplier<String> fresh) {
        SessionSlots slots = slots(true);
        String before = slots.csrf(user);
        String token = slots.csrfOrCreate(user, fresh);
        if (before == null) {
            changed(slots);
        }
        return token;
    }

    /** {@return the CSRF token of this session and principal, or {@code null} when none was made} */
    public String csrfToken() {
        SessionSlots slots = slots(false);
        return slots == null ? null : slots.csrf(user);
    }

    /**
     * Storage for factors' challenge state (a WebAuthn challenge, …), bound like everything else.
     *
     * @return the challenge context session
     */
    public ChallengeContext.Session factorStore() {
        return new ChallengeContext.Session() {
            @Override
            public Object get(String key) {
                SessionSlots slots = slots(false);
                return slots == null ? null : slots.factorData(user, key);
            }

            @Override
            public void put(String key, Serializable value) {
                SessionSlots slots = slots(true);
                slots.factorData(user, key, value);
                changed(slots);
            }

            @Override
            public Object remove(String key) {
                SessionSlots slots = slots(false);
                if (slots == null) {
                    return null;
                }
                Object removed = slots.removeFactorData(user, key);
                changed(slots);
                return removed;
            }
        };
    }

    /** A new session id for a higher MFA level (OWASP session management); the slots move with the session. */
    public void rotateId() {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
    }
}
