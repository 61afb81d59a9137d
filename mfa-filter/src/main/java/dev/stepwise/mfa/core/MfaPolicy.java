package dev.stepwise.mfa.core;

import dev.stepwise.mfa.Factors;
import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.Denied;
import dev.stepwise.mfa.core.Decision.EnrollmentRequired;
import dev.stepwise.mfa.core.Decision.Granted;
import dev.stepwise.mfa.core.exemption.MfaExemption;
import dev.stepwise.mfa.core.risk.RiskAssessment;
import dev.stepwise.mfa.core.risk.RiskLevel;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
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
 *
 * <p><b>Roles that must always use MFA</b> ({@code stepwise.mfa.mandatory-roles}, plus the roles of a
 * {@code roles:} login policy): a caller in one is asked for MFA at login whatever the login policy (and must
 * enrol without a factor), can never be exempted, and may not switch their own MFA off.
 *
 * <p><b>Exemptions</b> ({@link MfaExemption}, granted by an administrator to a user who cannot prove a factor,
 * e.g. a lost phone): while active, an exemption waives
 * <ul>
 *   <li>the login policy (including {@code all} and the user's own "always ask"),</li>
 *   <li>{@link Requirement.Kind#MFA} requirements that name no role (a role-restricted requirement is a "this
 *       role must always use MFA" rule),</li>
 *   <li>the step-up that guards <em>adding</em> a factor ({@link #decideEnrolment}), so the user can set up a new
 *       one and get back to normal;</li>
 * </ul>
 * and never a {@link Requirement.Kind#STEP_UP} otherwise: changing the password or email, moving money, removing
 * a factor, regenerating recovery codes stay behind a fresh factor. Whoever holds only the password during the
 * exemption can browse and enrol a factor, not take over: a factor enrolled under the exemption is on hold
 * ({@link EnrolledFactors#heldUntil}, {@code stepwise.mfa.exemption.enrol-hold}, default one day) and satisfies no
 * step-up until the hold has passed, which gives the user and the administrators time to notice it. A waived
 * decision is {@code Granted(EXEMPT)}, so the adapter can audit each use.
 */
public final class MfaPolicy {

    /** The login requirement: session MFA, any offered factor, reason {@code login}. */
    private static final Requirement SESSION_MFA = Requirement.mfa().withReason("login");

    private final Clock clock;
    private final List<String> offered;
    private final Set<String> mandatoryRoles;

    /**
     * A policy without roles that must always use MFA (beyond those of a {@code roles:} login policy).
     *
     * @param clock   the time source for every freshness check
     * @param offered the factor ids the application offers, in the order pages list them
     */
    public MfaPolicy(Clock clock, List<String> offered) {
        this(clock, offered, Set.of());
    }

    /**
     * @param clock          the time source for every freshness check
     * @param offered        the factor ids the application offers, in the order pages list them
     * @param mandatoryRoles roles that must always use MFA ({@code stepwise.mfa.mandatory-roles}); pass also the
     *                       roles of a {@code roles:} login policy ({@link LoginPolicy#mandatoryRoles()}) so that
     *                       {@link #decide(Requirement, Caller, MfaState, EnrolledFactors, MfaExemption)}, which
     *                       does not see the login policy, refuses to exempt them too
     */
    public MfaPolicy(Clock clock, List<String> offered, Set<String> mandatoryRoles) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.offered = List.copyOf(offered);
        if (this.offered.isEmpty()) {
            throw new IllegalArgumentException("at least one factor must be offered");
        }
        this.mandatoryRoles = Set.copyOf(mandatoryRoles);
    }

    public Clock clock() {
        return clock;
    }

    public List<String> offered() {
        return offered;
    }

    /** The roles that must always use MFA, as configured. */
    public Set<String> mandatoryRoles() {
        return mandatoryRoles;
    }

    /**
     * Decides {@code requirement} for {@code caller} with what the session has proven. For a step-up, a factor
     * still on hold ({@link EnrolledFactors#heldUntil}: enrolled under an exemption) neither satisfies it nor is
     * offered for it; when only held factors could be proven the answer is {@link Denied.Why#FACTOR_ON_HOLD}.
     */
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
        HeldFactors held = new HeldFactors(requirement.kind() == Requirement.Kind.STEP_UP, enrolled, caller.name(), now);
        // Each acceptable verification is judged on its own: the latest one may be stamped in the future
        // (clock skew) and so not trusted, which must not hide an earlier one that is fresh.
        boolean anyVerified = false;
        for (String id : acceptable) {
            Instant verifiedAt = state.verifiedAt().get(id);
            if (verifiedAt != null) {
                anyVerified = true;
                if (isFresh(requirement, verifiedAt, now) && !held.contains(id)) {
                    return new Granted(Granted.Why.FACTOR_VERIFIED);
                }
            }
        }
        if (requirement.trustedDeviceSatisfies() && state.trust() != null && state.trust().isValidAt(now)) {
            return new Granted(Granted.Why.TRUSTED_DEVICE);
        }
        return challengeOrEnrolment(requirement, acceptable, enrolled.of(caller.name()), held, anyVerified);
    }

    /** What the caller must do when nothing proven satisfies {@code requirement}. */
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

    /**
     * What one request gets when both the login policy and the endpoint's own requirement were decided: the
     * endpoint's challenge when it has one (its factors are among those the login accepts, so proving one
     * satisfies both, and its reason — "to change your password" — tells the user more), else the login
     * policy's refusal, else the endpoint's decision.
     */
    public static Decision forRequest(Decision login, Decision endpoint) {
        Objects.requireNonNull(login, "login");
        if (endpoint == null) {
            return login;
        }
        return login.isGranted() || endpoint instanceof ChallengeRequired ? endpoint : login;
    }

    /**
     * Decides the login policy: whether this session must pass MFA before any page. {@link LoginPolicy.Enrolled}
     * lets users without a factor through; {@link LoginPolicy.Roles} and {@link LoginPolicy.All} make them enrol.
     * A session already cleared ({@link MfaState#loginCleared()}) is granted without asking the store.
     *
     * <p>Same as {@link #decideLogin(LoginPolicy, LoginFacts, Caller, MfaState, EnrolledFactors)} with
     * {@link LoginFacts#NONE}: under {@link LoginPolicy.Adaptive} an unassessed sign-in counts as risky.
     */
    public Decision decideLogin(LoginPolicy policy, Caller caller, MfaState state, EnrolledFactors enrolled) {
        return decideLogin(policy, LoginFacts.NONE, caller, state, enrolled);
    }

    /**
     * Decides the login policy with what the adapter knows about the sign-in.
     *
     * <ol>
     *   <li>a session already cleared is granted (nothing looked up);</li>
     *   <li>a caller in a mandatory role ({@link #mandatoryRoles()}, or a {@code roles:} policy's) must pass MFA,
     *       and enrol if they have no factor, whatever the policy;</li>
     *   <li>otherwise the policy: {@code off} asks nothing; {@code enrolled} asks users with a factor;
     *       {@code all} asks everyone (enrol if none); {@link LoginPolicy.Adaptive} asks users with a factor when
     *       {@link LoginFacts#risk()} reaches its threshold (or was not assessed) — users without a factor go
     *       through, so adaptive MFA locks nobody out; at {@link RiskLevel#HIGH} a trusted device does not count
     *       (a trust cookie arriving with, say, failed attempts is the stolen-cookie case);</li>
     *   <li>the user's "always ask" ({@link LoginFacts#alwaysAsk()}) turns a pass into a challenge when they have
     *       a factor, even on a trusted device (they asked to be asked); without a factor it changes nothing;</li>
     *   <li>an active exemption of a caller in no mandatory role turns a remaining challenge or enrolment into
     *       {@code Granted(EXEMPT)}.</li>
     * </ol>
     *
     * <pre>{@code
     * Decision d = policy.decideLogin(new LoginPolicy.Adaptive(RiskLevel.MEDIUM),
     *         LoginFacts.NONE.withRisk(risk), caller, state, enrolled);
     * if (d instanceof Decision.ChallengeRequired) {
     *     page.show(risk.messageKeys());                  // "We don't recognise this device"
     * }
     * }</pre>
     *
     * @throws IllegalArgumentException if the state or the exemption belongs to another user
     */
    public Decision decideLogin(LoginPolicy policy, LoginFacts facts, Caller caller, MfaState state,
                                EnrolledFactors enrolled) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(state, "state");
        // Checked before the shortcuts below: another user's cleared state must never clear this caller.
        requireOwnState(caller, state);
        requireOwnExemption(caller, facts.exemption());
        if (state.loginCleared()) {
            return new Granted(Granted.Why.NOT_APPLICABLE);
        }
        boolean mandatory = isMandatory(caller, policy);
        Decision d = mandatory
                ? decide(SESSION_MFA, caller, state, enrolled)
                : byPolicy(policy, facts, caller, state, enrolled);
        if (facts.alwaysAsk() && d instanceof Granted granted && granted.why() != Granted.Why.FACTOR_VERIFIED) {
            Decision asked = decide(SESSION_MFA.trustingDevices(false), caller, state, enrolled);
            if (!(asked instanceof EnrollmentRequired)) {
                d = asked;
            }
        }
        if (!mandatory && isWaivable(d) && isActive(facts.exemption())) {
            return new Granted(Granted.Why.EXEMPT);
        }
        return d;
    }

    private Decision byPolicy(LoginPolicy policy, LoginFacts facts, Caller caller, MfaState state,
                              EnrolledFactors enrolled) {
        if (policy instanceof LoginPolicy.All) {
            return decide(SESSION_MFA, caller, state, enrolled);
        }
        if (policy instanceof LoginPolicy.Roles) {
            // a caller in one of the roles is mandatory and decided before; everyone else goes through
            return new Granted(Granted.Why.NOT_APPLICABLE);
        }
        if (policy instanceof LoginPolicy.Enrolled) {
            return unlessEnrolmentNeeded(decide(SESSION_MFA, caller, state, enrolled));
        }
        if (policy instanceof LoginPolicy.Adaptive adaptive) {
            RiskAssessment risk = facts.risk();
            if (risk != null && !risk.requiresMfa(adaptive.require())) {
                return new Granted(Granted.Why.NOT_APPLICABLE);
            }
            boolean high = risk == null || risk.level() == RiskLevel.HIGH;
            return unlessEnrolmentNeeded(decide(SESSION_MFA.trustingDevices(!high), caller, state, enrolled));
        }
        if (policy instanceof LoginPolicy.Off) {
            return new Granted(Granted.Why.NOT_APPLICABLE);
        }
        // Not a silent "off": a login policy added later must be decided here, not waved through.
        throw new IllegalArgumentException("unsupported login policy: " + policy);
    }

    private static Decision unlessEnrolmentNeeded(Decision d) {
        return d instanceof EnrollmentRequired ? new Granted(Granted.Why.NOT_APPLICABLE) : d;
    }

    /**
     * Decides {@code requirement} like {@link #decide(Requirement, Caller, MfaState, EnrolledFactors)}, then lets an
     * active exemption waive a challenge or enrolment for {@link Requirement.Kind#MFA} requirements that name no
     * role, for callers in no mandatory role. A {@link Requirement.Kind#STEP_UP} is never waived here (see
     * {@link #decideEnrolment} for the one step-up an exemption does waive).
     *
     * @param exemption the caller's exemption, or {@code null}
     * @throws IllegalArgumentException if the state or the exemption belongs to another user
     */
    public Decision decide(Requirement requirement, Caller caller, MfaState state, EnrolledFactors enrolled,
                           MfaExemption exemption) {
        Objects.requireNonNull(caller, "caller");
        requireOwnExemption(caller, exemption);
        Decision d = decide(requirement, caller, state, enrolled);
        if (requirement.kind() == Requirement.Kind.MFA && requirement.roles().isEmpty() && isWaivable(d)
                && !caller.isInAnyRole(mandatoryRoles) && isActive(exemption)) {
            return new Granted(Granted.Why.EXEMPT);
        }
        return d;
    }

    /**
     * Decides the requirement that guards <em>adding</em> a factor (the settings page asks a step-up of a user
     * who already has one). An active exemption waives it, for a caller in no mandatory role: the exempted user
     * lost their factor and must be able to set up a new one. Use it only for adding a factor — removing one,
     * regenerating recovery codes or switching MFA off go through {@link #decide} and stay behind a fresh factor.
     *
     * <p>The cost: whoever holds the password during the exemption can add a factor of their own. That factor is
     * put on hold by the adapter (it satisfies no step-up for a while, see {@link #decide}), and the
     * {@code FactorEnrolledUnderExemption} event tells the user. A factor on hold does not block adding another one
     * while the exemption lasts.
     *
     * @param requirement what adding a factor asks normally (a step-up)
     * @param exemption   the caller's exemption, or {@code null}
     * @throws IllegalArgumentException if the state or the exemption belongs to another user
     */
    public Decision decideEnrolment(Requirement requirement, Caller caller, MfaState state,
                                    EnrolledFactors enrolled, MfaExemption exemption) {
        Objects.requireNonNull(caller, "caller");
        requireOwnExemption(caller, exemption);
        Decision d = decide(requirement, caller, state, enrolled);
        boolean onHold = d instanceof Denied denied && denied.why() == Denied.Why.FACTOR_ON_HOLD;
        if ((isWaivable(d) || onHold) && !caller.isInAnyRole(mandatoryRoles) && isActive(exemption)) {
            return new Granted(Granted.Why.EXEMPT);
        }
        return d;
    }

    /**
     * Whether {@code caller} may switch their own MFA off (remove their last factor): never below what policy or
     * role requires. No for a caller in a mandatory role (configured or {@code roles:}) and under {@code all};
     * yes under {@code off}, {@code enrolled} and {@code adaptive}. The fresh factor this also needs is the
     * adapter's step-up.
     *
     * <pre>{@code
     * if (!policy.mayDisableOwnMfa(config.login(), caller)) {
     *     page.error("stepwise.mfa.settings.required");   // "Your account must keep a second factor."
     * }
     * }</pre>
     */
    public boolean mayDisableOwnMfa(LoginPolicy login, Caller caller) {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(caller, "caller");
        return !(login instanceof LoginPolicy.All) && !isMandatory(caller, login);
    }

    /**
     * Whether {@code caller} may remove {@code factorId}. Removing a factor while another offered one (not counting
     * recovery codes, a backup rather than a way to sign in day to day) remains is always allowed; removing the last
     * one is switching MFA off ({@link #mayDisableOwnMfa}).
     *
     * @param enrolled the caller's enrolled factor ids
     */
    public boolean mayRemoveFactor(LoginPolicy login, Caller caller, String factorId, Set<String> enrolled) {
        Objects.requireNonNull(factorId, "factorId");
        Set<String> remaining = new HashSet<>(enrolled);
        remaining.remove(factorId);
        remaining.remove(Factors.RECOVERY);
        remaining.retainAll(offered);
        return !remaining.isEmpty() || mayDisableOwnMfa(login, caller);
    }

    /**
     * Whether an administrator may exempt {@code target} at all: not when the target is in a mandatory role
     * (configured, or of a {@code roles:} login policy). The policy checks again at each decision, since roles
     * change.
     */
    public boolean mayExempt(LoginPolicy login, Caller target) {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(target, "target");
        return !isMandatory(target, login);
    }

    private boolean isMandatory(Caller caller, LoginPolicy login) {
        return caller.isInAnyRole(mandatoryRoles) || caller.isInAnyRole(login.mandatoryRoles());
    }

    private boolean isActive(MfaExemption exemption) {
        return exemption != null && exemption.isActiveAt(clock.instant());
    }

    /** A challenge or an enrolment: what an exemption may waive (never a denial). */
    private static boolean isWaivable(Decision d) {
        return d instanceof ChallengeRequired || d instanceof EnrollmentRequired;
    }

    private static void requireOwnExemption(Caller caller, MfaExemption exemption) {
        if (exemption != null && !exemption.user().equals(caller.name())) {
            throw new IllegalArgumentException("the exemption belongs to another user");
        }
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
