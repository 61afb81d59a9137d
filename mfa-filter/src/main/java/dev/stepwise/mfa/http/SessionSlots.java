package dev.stepwise.mfa.http;

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
 * <p>All access is synchronized on this object and names the principal it is for, which is bound in the same
 * step: a write for one principal can never land in slots another principal owns by then, and check-and-take
 * operations (the saved request, a flag) are atomic between concurrent requests of one session on one node.
 * Only {@link MfaSession} uses it.
 */
public final class SessionSlots implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Things done once per session and principal. */
    public enum Flag {
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
    public record Resume(SavedRequest request, boolean confirmed, Instant expiresAt) implements Serializable {
        public Resume {
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

    synchronized MfaState state(String principal) {
        bind(principal);
        return state;
    }

    synchronized void state(String principal, MfaState newState) {
        bind(principal);
        state = newState;
    }

    /** The pending challenge, or {@code null}; an expired one is wiped, with the request it saved. */
    synchronized PendingChallenge pending(String principal, Instant now) {
        bind(principal);
        if (pending != null && !now.isBefore(pending.expiresAt())) {
            pending = null;
        }
        return pending;
    }

    synchronized void pending(String principal, PendingChallenge challenge) {
        bind(principal);
        pending = challenge;
    }

    /**
     * Takes out the pending challenge named {@code id} (it was answered); {@code null} when there is none, it
     * expired, or another challenge has replaced it meanwhile (which then stays).
     */
    synchronized PendingChallenge takePending(String principal, String id, Instant now) {
        bind(principal);
        PendingChallenge p = pending(principal, now);
        if (p == null || !p.id().equals(id)) {
            return null;
        }
        pending = null;
        return p;
    }

    synchronized void resume(String principal, Resume ready) {
        bind(principal);
        resume = ready;
    }

    /**
     * Takes the request to replay when {@code path}/{@code query} is its target and it has not expired; atomic,
     * so of two concurrent requests for the target exactly one gets it. An expired one is wiped.
     */
    synchronized Resume takeResume(String principal, String path, String query, Instant now) {
        bind(principal);
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

    synchronized RiskAssessment risk(String principal) {
        bind(principal);
        return risk;
    }

    synchronized void risk(String principal, RiskAssessment assessment) {
        bind(principal);
        risk = assessment;
    }

    /** Sets {@code flag}; whether it was not set before (do the once-only thing). */
    synchronized boolean firstTime(String principal, Flag flag) {
        bind(principal);
        return flags.add(flag);
    }

    synchronized String csrf(String principal) {
        bind(principal);
        return csrf;
    }

    synchronized String csrfOrCreate(String principal, java.util.function.Supplier<String> fresh) {
        bind(principal);
        if (csrf == null) {
            csrf = fresh.get();
        }
        return csrf;
    }

    synchronized Object factorData(String principal, String key) {
        bind(principal);
        return factorData.get(key);
    }

    synchronized void factorData(String principal, String key, Serializable value) {
        bind(principal);
        factorData.put(key, value);
    }

    synchronized Object removeFactorData(String principal, String key) {
        bind(principal);
        return factorData.remove(key);
    }
}
