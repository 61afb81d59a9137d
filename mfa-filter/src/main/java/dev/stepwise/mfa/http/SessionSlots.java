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
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

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
        /** The session's risk assessment was audited. */
        RISK_AUDITED,
        /** The session's use of an exemption was audited. */
        EXEMPTION_AUDITED
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
        /**
         * Checks the components.
         * @param request the request to replay
         * @param confirmed whether passing the challenge confirmed exactly this request (a zero-{@code maxAge} step-up: the replay, and nothing else, is granted)
         * @param expiresAt when it is dropped unused
         */
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

    /**
     * What {@code slot} gives for {@code principal}, who is bound in the same step under this object's lock
     * (see the class comment). Every accessor below goes through here or {@link #write}.
     */
    private synchronized <T> T read(String principal, Supplier<T> slot) {
        bind(principal);
        return slot.get();
    }

    /** Makes {@code change} to the slots of {@code principal}, bound in the same step under this object's lock. */
    private synchronized void write(String principal, Runnable change) {
        bind(principal);
        change.run();
    }

    MfaState state(String principal) {
        return read(principal, () -> state);
    }

    void state(String principal, MfaState newState) {
        write(principal, () -> state = newState);
    }

    /** Changes the stored state in one step: {@code change} gets the stored state (or {@code fresh}). */
    MfaState updateState(String principal, MfaState fresh, UnaryOperator<MfaState> change) {
        return read(principal, () -> state = change.apply(state != null ? state : fresh));
    }

    /**
     * Stores {@code newState} only if the stored state is still {@code expected} (or none is stored); whether it
     * did. A state decided on an older copy never overwrites what another request of the session stored since.
     */
    boolean replaceState(String principal, MfaState expected, MfaState newState) {
        return read(principal, () -> {
            if (state != null && !state.equals(expected)) {
                return false;
            }
            state = newState;
            return true;
        });
    }

    /** The pending challenge, or {@code null}; an expired one is wiped, with the request it saved. */
    PendingChallenge pending(String principal, Instant now) {
        return read(principal, () -> {
            if (pending != null && !now.isBefore(pending.expiresAt())) {
                pending = null;
            }
            return pending;
        });
    }

    void pending(String principal, PendingChallenge challenge) {
        write(principal, () -> pending = challenge);
    }

    /**
     * Takes out the pending challenge named {@code id} (it was answered); {@code null} when there is none, it
     * expired, or another challenge has replaced it meanwhile (which then stays).
     */
    PendingChallenge takePending(String principal, String id, Instant now) {
        return read(principal, () -> {
            PendingChallenge p = pending(principal, now);
            if (p == null || !p.id().equals(id)) {
                return null;
            }
            pending = null;
            return p;
        });
    }

    void resume(String principal, Resume ready) {
        write(principal, () -> resume = ready);
    }

    /**
     * Takes the request to replay when {@code path}/{@code query} is its target and it has not expired; atomic,
     * so of two concurrent requests for the target exactly one gets it. An expired one is wiped.
     */
    Resume takeResume(String principal, String path, String query, Instant now) {
        return read(principal, () -> {
            if (resume != null && !now.isBefore(resume.expiresAt())) {
                resume = null;
            }
            if (resume == null || !resume.request().isTarget(path, query)) {
                return null;
            }
            Resume taken = resume;
            resume = null;
            return taken;
        });
    }

    RiskAssessment risk(String principal) {
        return read(principal, () -> risk);
    }

    void risk(String principal, RiskAssessment assessment) {
        write(principal, () -> risk = assessment);
    }

    /** Sets {@code flag}; whether it was not set before (do the once-only thing). */
    boolean firstTime(String principal, Flag flag) {
        return read(principal, () -> flags.add(flag));
    }

    String csrf(String principal) {
        return read(principal, () -> csrf);
    }

    String csrfOrCreate(String principal, Supplier<String> fresh) {
        return read(principal, () -> {
            if (csrf == null) {
                csrf = fresh.get();
            }
            return csrf;
        });
    }

    Object factorData(String principal, String key) {
        return read(principal, () -> factorData.get(key));
    }

    void factorData(String principal, String key, Serializable value) {
        write(principal, () -> factorData.put(key, value));
    }

    Object removeFactorData(String principal, String key) {
        return read(principal, () -> factorData.remove(key));
    }
}
