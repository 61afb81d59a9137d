package dev.stepwise.mfa.core;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What the status poll of the push number prompt's sign-in page learns (docs/push.md, "Status poll"): only the
 * state of the approval that this very session asked for. Another session's approval, a spent one, or none at all
 * all look the same ({@link Status#NONE}), so the poll tells another browser of the user, or an attacker who also
 * has the password, nothing. The poll only reads: it never continues, never counts a failure.
 */
public final class ApprovalPoll {

    /** The state the page is told. */
    public enum Status {
        /** The device has not chosen yet. */
        PENDING,
        /** The device chose the right number: the page may continue. */
        APPROVED,
        /** The device chose another number, or "This wasn't me". */
        DENIED,
        /** The approval ended before the page continued. */
        EXPIRED,
        /** Nothing for this session: none, another session's, or spent. */
        NONE;

        /** {@return the name the status endpoint answers, in lower case} */
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private ApprovalPoll() {
    }

    /**
     * The status of a stored approval as the session polling sees it.
     *
     * @param state       the stored state
     * @param expiresAt   when the approval ends
     * @param now         the time
     * @param sameSession whether the polling session is the one that started the approval
     * @return the status; {@link Status#NONE} for another session's or a spent approval
     */
    public static Status of(ApprovalRules.State state, Instant expiresAt, Instant now, boolean sameSession) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!sameSession || state == ApprovalRules.State.USED) {
            return Status.NONE;
        }
        if (state == ApprovalRules.State.DENIED) {
            return Status.DENIED;
        }
        if (!now.isBefore(expiresAt)) {
            return Status.EXPIRED;
        }
        return state == ApprovalRules.State.APPROVED ? Status.APPROVED : Status.PENDING;
    }
}
