package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.Denied;
import dev.stepwise.mfa.core.Decision.EnrollmentRequired;
import dev.stepwise.mfa.core.Decision.Granted;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a caller may go on: the one place where the rules live. The servlet filter and the CDI
 * interceptor both call it.
 *
 * <p>Rules:
 * <ul>
 *   <li>a requirement with roles applies only to callers in one of them;</li>
 *   <li>the acceptable factors are the requirement's factors among those the application offers (all offered
 *       when the requirement names none); none left → {@link Denied} (fail closed on misconfiguration);</li>
 *   <li>{@link Requirement.Kind#MFA}: any acceptable factor verified in this session;
 *       {@link Requirement.Kind#STEP_UP}: an acceptable factor verified in this session no longer than
 *       {@code maxAge} ago (exactly {@code maxAge} ago still counts);</li>
 *   <li>a valid trusted-device grant satisfies a requirement only when it says so (session MFA by default,
 *       step-up never by default);</li>
 *   <li>otherwise: a challenge over the acceptable factors the user has enrolled, or enrolment when there are
 *       none.</li>
 * </ul>
 */
public final class MfaPolicy {

    private final Clock clock;
    private final List<String> offered;

    /**
     * @param clock   the time source for every freshness check
     * @param offered the factor ids the application offers, in the order pages list them
     */
    public MfaPolicy(Clock clock, List<String> offered) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.offered = List.copyOf(offered);
        if (this.offered.isEmpty()) {
            throw new IllegalArgumentException("at least one factor must be offered");
        }
    }

    public Clock clock() {
        return clock;
    }

    public List<String> offered() {
        return offered;
    }

    /** Decides {@code requirement} for {@code caller} with what the session has proven. */
    public Decision decide(Requirement requirement, Caller caller, MfaState state, EnrolledFactors enrolled) {
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
        // Each acceptable verification is judged on its own: the latest one may be stamped in the future
        // (clock skew) and so not trusted, which must not hide an earlier one that is fresh.
        boolean anyVerified = false;
        for (String id : acceptable) {
            Instant verifiedAt = state.verifiedAt().get(id);
            if (verifiedAt != null) {
                anyVerified = true;
                if (isFresh(requirement, verifiedAt, now)) {
                    return new Granted(Granted.Why.FACTOR_VERIFIED);
                }
            }
        }
        if (requirement.trustedDeviceSatisfies() && state.trust() != null && state.trust().isValidAt(now)) {
            return new Granted(Granted.Why.TRUSTED_DEVICE);
        }
        Set<String> has = enrolled.of(caller.name());
        List<String> candidates = new ArrayList<>();
        for (String id : acceptable) {
            if (has.contains(id)) {
                candidates.add(id);
            }
        }
        if (candidates.isEmpty()) {
            return new EnrollmentRequired(acceptable, requirement);
        }
        ChallengeRequired.Why why = anyVerified ? ChallengeRequired.Why.EXPIRED : ChallengeRequired.Why.MISSING;
        return new ChallengeRequired(candidates, why, requirement);
    }

    /**
     * Decides the login policy: whether this session must pass MFA before any page. {@link LoginPolicy.Enrolled}
     * lets users without a factor through; {@link LoginPolicy.Roles} and {@link LoginPolicy.All} make them enrol.
     * A session already cleared ({@link MfaState#loginCleared()}) is granted without asking the store.
     */
    public Decision decideLogin(LoginPolicy policy, Caller caller, MfaState state, EnrolledFactors enrolled) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(state, "state");
        // Checked before the shortcuts below: another user's cleared state must never clear this caller.
        requireOwnState(caller, state);
        if (state.loginCleared()) {
            return new Granted(Granted.Why.NOT_APPLICABLE);
        }
        Requirement sessionMfa = Requirement.mfa().withReason("login");
        if (policy instanceof LoginPolicy.All) {
            return decide(sessionMfa, caller, state, enrolled);
        }
        if (policy instanceof LoginPolicy.Roles roles) {
            return decide(sessionMfa.forRoles(roles.roles()), caller, state, enrolled);
        }
        if (policy instanceof LoginPolicy.Enrolled) {
            Decision d = decide(sessionMfa, caller, state, enrolled);
            return d instanceof EnrollmentRequired ? new Granted(Granted.Why.NOT_APPLICABLE) : d;
        }
        if (policy instanceof LoginPolicy.Off) {
            return new Granted(Granted.Why.NOT_APPLICABLE);
        }
        // Not a silent "off": a login policy added later must be decided here, not waved through.
        throw new IllegalArgumentException("unsupported login policy: " + policy);
    }

    private static void requireOwnState(Caller caller, MfaState state) {
        if (!state.user().equals(caller.name())) {
            throw new IllegalArgumentException("the session state belongs to another user");
        }
    }

    private List<String> acceptable(Requirement requirement) {
        if (requirement.factors().isEmpty()) {
            return offered;
        }
        List<String> result = new ArrayList<>();
        for (String id : offered) {
            if (requirement.factors().contains(id)) {
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
}
