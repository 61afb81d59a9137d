package dev.stepwise.mfa.core;

import dev.stepwise.mfa.Factors;

import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.Denied;
import dev.stepwise.mfa.core.Decision.EnrollmentRequired;
import dev.stepwise.mfa.core.Decision.Granted;
import dev.stepwise.mfa.core.exemption.MfaExemption;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One requirement against what a session has proven: roles, acceptable factors, freshness, trusted devices and
 * enrolment holds (the rules listed on {@link MfaPolicy}). No login policy, no exemption: those are decided around
 * it ({@link LoginRules}, {@link MfaPolicy#decide(Requirement, Caller, MfaState, EnrolledFactors, MfaExemption)}).
 */
final class RequirementRules {

    private final Clock clock;
    private final List<String> offered;
    private final boolean questionsOnStepUp;

    RequirementRules(Clock clock, List<String> offered) {
        this(clock, offered, false);
    }

    /**
     * @param questionsOnStepUp whether security questions may satisfy every step-up ({@link QuestionRules#acceptable})
     */
    RequirementRules(Clock clock, List<String> offered, boolean questionsOnStepUp) {
        this.questionsOnStepUp = questionsOnStepUp;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.offered = List.copyOf(offered);
        if (this.offered.isEmpty()) {
            throw new IllegalArgumentException("at least one factor must be offered");
        }
    }

    Clock clock() {
        return clock;
    }

    List<String> offered() {
        return offered;
    }

    /** See {@link MfaPolicy#decide(Requirement, Caller, MfaState, EnrolledFactors)}. */
    Decision decide(Requirement requirement, Caller caller, MfaState state, EnrolledFactors enrolled) {
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(state, "state");
        requireOwnState(caller, state);
        if (!requirement.roles().isEmpty() && !caller.isInAnyRole(requirement.roles())) {
            return new Granted(Granted.Why.NOT_APPLICABLE);
        }
        List<String> acceptable = acceptable(requirement);
        if (acceptable.isEmpty()) {
            return new Denied(Denied.Why.NO_ACCEPTABLE_FACTOR);
        }
        Instant now = clock.instant();
        HeldFactors held = new HeldFactors(requirement.kind() == Requirement.Kind.STEP_UP, enrolled, caller.name(), now);
        // Each acceptable verification is judged on its own: the latest one may be stamped in the future
        // (clock skew) and so not trusted, which must not hide an earlier one that is fresh. Its hold is the one
        // kept with it: a satisfied step-up reads nothing from the store.
        boolean anyVerified = false;
        for (String id : acceptable) {
            Instant verifiedAt = state.verifiedAt().get(id);
            if (verifiedAt != null) {
                anyVerified = true;
                if (isFresh(requirement, verifiedAt, now) && !held.holdsVerification(state, id)) {
                    return new Granted(Granted.Why.FACTOR_VERIFIED);
                }
            }
        }
        if (requirement.trustedDeviceSatisfies() && state.trust() != null && state.trust().isValidAt(now)) {
            return new Granted(Granted.Why.TRUSTED_DEVICE);
        }
        return challengeOrEnrolment(requirement, acceptable, enrolled.of(caller.name()), held, anyVerified);
    }

    /**
     * What the caller must do when nothing proven satisfies {@code requirement}: the factors to offer are chosen
     * by the store's holds (a factor held now is not offered).
     */
    private static Decision challengeOrEnrolment(Requirement requirement, List<String> acceptable, Set<String> has,
                                                 HeldFactors held, boolean anyVerified) {
        List<String> candidates = new ArrayList<>();
        boolean anyHeld = false;
        for (String id : acceptable) {
            if (has.contains(id)) {
                if (held.contains(id)) {
                    anyHeld = true;
                } else {
                    candidates.add(id);
                }
            }
        }
        if (candidates.isEmpty()) {
            return anyHeld ? new Denied(Denied.Why.FACTOR_ON_HOLD) : new EnrollmentRequired(acceptable, requirement);
        }
        ChallengeRequired.Why why = anyVerified ? ChallengeRequired.Why.EXPIRED : ChallengeRequired.Why.MISSING;
        return new ChallengeRequired(candidates, why, requirement);
    }

    private List<String> acceptable(Requirement requirement) {
        boolean questions = QuestionRules.acceptable(requirement, questionsOnStepUp);
        List<String> result = new ArrayList<>();
        for (String id : offered) {
            if ((requirement.factors().isEmpty() || requirement.factors().contains(id))
                    && (questions || !id.equals(Factors.QUESTIONS))) {
                result.add(id);
            }
        }
        return result;
    }

    private static boolean isFresh(Requirement requirement, Instant verifiedAt, Instant now) {
        if (requirement.kind() == Requirement.Kind.MFA) {
            return true;
        }
        // A verification stamped in the future (clock skew between nodes) is not trusted as fresh.
        return !verifiedAt.isAfter(now) && !now.isAfter(verifiedAt.plus(requirement.maxAge()));
    }

    /** A challenge or an enrolment: what an exemption may waive (never a denial). */
    static boolean isWaivable(Decision d) {
        return d instanceof ChallengeRequired || d instanceof EnrollmentRequired;
    }

    /** Whether {@code exemption} is active at {@code now}; {@code null} is not. */
    static boolean isActive(MfaExemption exemption, Instant now) {
        return exemption != null && exemption.isActiveAt(now);
    }

    static void requireOwnExemption(Caller caller, MfaExemption exemption) {
        if (exemption != null && !exemption.user().equals(caller.name())) {
            throw new IllegalArgumentException("the exemption belongs to another user");
        }
    }

    static void requireOwnState(Caller caller, MfaState state) {
        if (!state.user().equals(caller.name())) {
            throw new IllegalArgumentException("the session state belongs to another user");
        }
    }
}
