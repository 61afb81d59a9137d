package dev.stepwise.mfa.core.exemption;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A factor enrolled while its user had an active administrator's exemption ({@link MfaExemption}). An exemption
 * lets whoever holds the password set up a factor; that factor must not then pass every step-up at once. Until
 * {@code until} ({@code stepwise.mfa.exemption.enrol-hold} after the enrolment, default one day) it does not satisfy
 * a step-up ({@code MfaPolicy}); it does count for signing in and for session MFA. The user and the
 * administrators are told ({@code MfaEvent.FactorEnrolledUnderExemption}, the admin overview), so a stranger's
 * factor can be removed before the hold ends.
 *
 * <pre>{@code
 * EnrolmentHold.forEnrolment("alice", "totp", now, exemption, config.admin().exemptionEnrolHold())
 *         .ifPresent(hold -> { holds.save(hold); events.fire(…FactorEnrolledUnderExemption…); });
 * }</pre>
 *
 * @param user       whose factor it is
 * @param factorId   the factor enrolled
 * @param enrolledAt when it was enrolled
 * @param until      when the hold ends (exclusive)
 */
public record EnrolmentHold(String user, String factorId, Instant enrolledAt, Instant until) {

    /**
     * Checks the components.
     * @param user whose factor it is
     * @param factorId the factor enrolled
     * @param enrolledAt when it was enrolled
     * @param until when the hold ends (exclusive)
     */
    public EnrolmentHold {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(factorId, "factorId");
        Objects.requireNonNull(enrolledAt, "enrolledAt");
        Objects.requireNonNull(until, "until");
        if (!until.isAfter(enrolledAt)) {
            throw new IllegalArgumentException("a hold must end after the enrolment");
        }
    }

    /**
     * The hold on {@code factorId} enrolled by {@code user} at {@code now}: present when {@code exemption} (the
     * user's, or {@code null}) is active at {@code now} and {@code hold} is positive ({@code PT0S} switches holds
     * off).
     *
     * @param user whose factor it is
     * @param factorId the factor enrolled
     * @param now the current instant
     * @param exemption the exemption
     * @param hold the hold
     * @return the hold on {@code factorId} enrolled by {@code user} at {@code now}: present when {@code exemption} (the user's, or {@code null}) is active at {@code now} and {@code hold} is positive ({@code PT0S} switches holds off)
     * @throws IllegalArgumentException if the exemption belongs to another user
     */
    public static Optional<EnrolmentHold> forEnrolment(String user, String factorId, Instant now,
                                                       MfaExemption exemption, Duration hold) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(hold, "hold");
        if (exemption == null || !exemption.isActiveAt(now) || hold.isNegative() || hold.isZero()) {
            return Optional.empty();
        }
        if (!exemption.user().equals(user)) {
            throw new IllegalArgumentException("the exemption belongs to another user");
        }
        return Optional.of(new EnrolmentHold(user, factorId, now, now.plus(hold)));
    }

    /**
     * Whether the factor is still on hold at {@code now}.
     *
     * @param now the current instant
     * @return whether the factor is still on hold at {@code now}
     */
    public boolean isActiveAt(Instant now) {
        return now.isBefore(until);
    }
}
