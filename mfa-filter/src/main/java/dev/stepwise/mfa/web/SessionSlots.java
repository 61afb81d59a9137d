package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.core.risk.RiskAssessment;

import java.io.Serializable;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the library keeps in one HTTP session, held as one session attribute and owned by one principal.
 * When the session is used by another principal (an application that signs in a second user without a new
 * session) every slot is emptied before the new principal sees it: no risk assessment, pending challenge,
 * saved request, trust grant, CSRF token or flag outlives the user it was made for.
 *
 * <p>All access is synchronized on this object, so check-and-take operations (the saved request, a flag) are
 * atomic between concurrent requests of one session on one node. Only {@link MfaSession} uses it.
 */
final class SessionSlots implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Things done once per session and principal. */
    enum Flag {
        RISK_AUDITED, EXEMPTION_AUDITED
    }

    /**
     * A request ready to run again after its challenge was passed: single use, short-lived.
     *
     * @param request   the request to replay
     * @param confirmed whether passing the challenge confirmed exactly this request (a zero-{@code maxAge}
     *                  step-up: the replay, and nothing else, is granted)
     * @param expiresAt when it is dropped unused
     */
    record Resume(SavedRequest request, boolean confirmed, Instant expiresAt) implements Serializable {
        Resume {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    private String owner;
    private MfaState state;
    private PendingChallenge pending;
    private Resume resume;
    private RiskAssessment risk;
    private String csrf;
    private final Set<Flag> flags = EnumSet.noneOf(Flag.class);
    private final Map<String, Serializable> factorData = new HashMap<>();

    SessionSlots(String owner) {
        this.owner = owner;
    }

    /** Makes {@code principal} the owner; empties every slot when the session belonged to someone else. */
    synchronized boolean bind(String principal) {
        if (Objects.equals(owner, principal)) {
            return false;
        }
        owner = principal;
        state = null;
        pending = null;
        resume = null;
        risk = null;
        csrf = null;
        flags.clear();
        factorData.clear();
        return true;
    }

    synchronized String owner() {
        return owner;
    }

    synchronized MfaState state() {
        return state;
    }

    synchronized void state(MfaState newState) {
        state = newState;
    }

    /** The pending challenge, or {@code null}; an expired one is wiped, with the request it saved. */
    synchronized PendingChallenge pending(Instant now) {
        if (pending != null && !now.isBefore(pending.expiresAt())) {
            pending = null;
        }
        return pending;
    }

    synchronized void pending(PendingChallenge challenge) {
        pending = challenge;
    }

    /** Takes the pending challenge out (it was answered), or {@code null} when there is none or it expired. */
    synchronized PendingChallenge takePending(Instant now) {
        PendingChallenge p = pending(now);
        pending = null;
        return p;
    }

    synchronized void resume(Resume ready) {
        resume = ready;
    }

    /**
     * Takes the request to replay when {@code path}/{@code query} is its target and it has not expired; atomic,
     * so of two concurrent requests for the target exactly one gets it. An expired one is wiped.
     */
    synchronized Resume takeResume(String path, String query, Instant now) {
        if (resume == null) {
            return null;
        }
        if (!now.isBefore(resume.expiresAt())) {
            resume = null;
            return null;
        }
        if (!resume.request().isTarget(path, query)) {
            return null;
        }
        Resume taken = resume;
        resume = null;
        return taken;
    }

    synchronized RiskAssessment risk() {
        return risk;
    }

    synchronized void risk(RiskAssessment assessment) {
        risk = assessment;
    }

    /** Sets {@code flag}; whether it was not set before (do the once-only thing). */
    synchronized boolean firstTime(Flag flag) {
        return flags.add(flag);
    }

    synchronized String csrf() {
        return csrf;
    }

    synchronized String csrfOrCreate(java.util.function.Supplier<String> fresh) {
        if (csrf == null) {
            csrf = fresh.get();
        }
        return csrf;
    }

    synchronized Object factorData(String key) {
        return factorData.get(key);
    }

    synchronized void factorData(String key, Serializable value) {
        factorData.put(key, value);
    }

    synchronized Object removeFactorData(String key) {
        return factorData.remove(key);
    }
}
