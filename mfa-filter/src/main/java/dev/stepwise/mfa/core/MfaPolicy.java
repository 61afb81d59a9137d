package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.Denied;
import dev.stepwise.mfa.core.Decision.Granted;
import dev.stepwise.mfa.core.exemption.MfaExemption;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Requirements and freshness: whether what a session has proven satisfies a requirement, plus the exemption
 * rules the {@link Gatekeeper} builds on; the rules on removing factors are {@link EnrolmentRules}'. Adapters ask
 * the {@link Gatekeeper}, which decides a whole request (login policy included) from values.
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
 * step-up until the hold has passed, which gives the user and the administrators time to notice it. The hold that
 * binds a verification is the one read when it was recorded ({@link MfaState#holdAtVerification()}: the adapter
 * reads the holds after the code was checked, so a factor enrolled under the exemption is always seen held); a
 * hold saved later does not void an earlier verification, which proved the factor as it was. A waived
 * decision is {@code Granted(EXEMPT)}, so the adapter can audit each use.
 */
public final class MfaPolicy {

    private final RequirementRules requirements;
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
        this(clock, offered, mandatoryRoles, false);
    }

    /**
     * @param clock             the time source for every freshness check
     * @param offered           the factor ids the application offers, in the order pages list them
     * @param mandatoryRoles    roles that must always use MFA (see {@link #MfaPolicy(Clock, List, Set)})
     * @param questionsOnStepUp whether security questions may satisfy every step-up
     *                          ({@code stepwise.mfa.questions.step-up}, {@link QuestionRules#acceptable}); they
     *                          never satisfy the login requirement or an {@code @RequiresMfa}
     */
    public MfaPolicy(Clock clock, List<String> offered, Set<String> mandatoryRoles, boolean questionsOnStepUp) {
        this.requirements = new RequirementRules(clock, offered, questionsOnStepUp);
        this.mandatoryRoles = Set.copyOf(mandatoryRoles);
    }

    /** {@return the clock} */
    public Clock clock() {
        return requirements.clock();
    }

    /** {@return the string values} */
    public List<String> offered() {
        return requirements.offered();
    }

    /** {@return the roles that must always use MFA, as configured} */
    public Set<String> mandatoryRoles() {
        return mandatoryRoles;
    }

    /** The requirement rules without login policy and exemption, for the {@link Gatekeeper}. */
    RequirementRules requirements() {
        return requirements;
    }

    /**
     * Decides {@code requirement} for {@code caller} with what the session has proven. For a step-up, a
     * verification whose kept hold ({@link MfaState#holdAtVerification()}) still runs does not satisfy it (one
     * kept without its hold is judged by {@link EnrolledFactors#heldUntil}), and a factor on hold now by
     * {@link EnrolledFactors#heldUntil} (enrolled under an exemption) is not offered for it; when only held
     * factors could be proven the answer is {@link Denied.Why#FACTOR_ON_HOLD}. A satisfied step-up whose
     * verifications carry their holds asks {@code enrolled} nothing.
     *
     * @param requirement what adding a factor asks normally (a step-up)
     * @param caller the authenticated caller
     * @param state the user's MFA state in the session
     * @param enrolled the caller's enrolled factor ids
     * @return the decision
     */
    public Decision decide(Requirement requirement, Caller caller, MfaState state, EnrolledFactors enrolled) {
        return requirements.decide(requirement, caller, state, enrolled);
    }

    /**
     * What one request gets when both the login policy and the endpoint's own requirement were decided: the
     * endpoint's challenge when it has one (its factors are among those the login accepts, so proving one
     * satisfies both, and its reason — "to change your password" — tells the user more), else the login
     * policy's refusal, else the endpoint's decision.
     *
     * @param login the decision of the login policy
     * @param endpoint the endpoint
     * @return what one request gets when both the login policy and the endpoint's own requirement were decided: the endpoint's challenge when it has one (its factors are among those the login accepts, so proving one satisfies both, and its reason — "to change your password" — tells the user more), else the login policy's refusal, else the endpoint's decision
     */
    public static Decision forRequest(Decision login, Decision endpoint) {
        Objects.requireNonNull(login, "login");
        if (endpoint == null) {
            return login;
        }
        return login.isGranted() || endpoint instanceof ChallengeRequired ? endpoint : login;
    }

    /**
     * Decides the login policy ({@link LoginRules}) with nothing known about the sign-in: under
     * {@link LoginPolicy.Adaptive} an unassessed sign-in counts as risky.
     *
     * @param policy the policy
     * @param caller the authenticated caller
     * @param state the user's MFA state in the session
     * @param enrolled the caller's enrolled factor ids
     * @return the decision
     */
    public Decision decideLogin(LoginPolicy policy, Caller caller, MfaState state, EnrolledFactors enrolled) {
        return decideLogin(policy, LoginFacts.NONE, caller, state, enrolled);
    }

    /**
     * Decides the login policy with what the adapter knows about the sign-in; the rules are those of
     * {@link LoginRules} (the {@link Gatekeeper} asks them with facts looked up lazily).
     *
     * @param policy the policy
     * @param facts what is known of the user at sign-in
     * @param caller the authenticated caller
     * @param state the user's MFA state in the session
     * @param enrolled the caller's enrolled factor ids
     * @return the decision
     * @throws IllegalArgumentException if the state or the exemption belongs to another user
     */
    public Decision decideLogin(LoginPolicy policy, LoginFacts facts, Caller caller, MfaState state,
                                EnrolledFactors enrolled) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(state, "state");
        RequirementRules.requireOwnState(caller, state);
        RequirementRules.requireOwnExemption(caller, facts.exemption());
        return loginRules(policy).decide(caller, state, facts.asUserFacts(), enrolled).decision();
    }

    /** The login rules of {@code login} with this policy's requirements and mandatory roles. */
    LoginRules loginRules(LoginPolicy login) {
        return new LoginRules(requirements, mandatoryRoles, login);
    }

    /**
     * Decides {@code requirement} like {@link #decide(Requirement, Caller, MfaState, EnrolledFactors)}, then lets an
     * active exemption waive it when {@link #exemptionWaives(Requirement, Decision, Caller)}.
     *
     * @param exemption the caller's exemption, or {@code null}
     * @param requirement what adding a factor asks normally (a step-up)
     * @param caller the authenticated caller
     * @param state the user's MFA state in the session
     * @param enrolled the caller's enrolled factor ids
     * @return the decision
     * @throws IllegalArgumentException if the state or the exemption belongs to another user
     */
    public Decision decide(Requirement requirement, Caller caller, MfaState state, EnrolledFactors enrolled,
                           MfaExemption exemption) {
        Objects.requireNonNull(caller, "caller");
        RequirementRules.requireOwnExemption(caller, exemption);
        Decision d = decide(requirement, caller, state, enrolled);
        if (exemptionWaives(requirement, d, caller) && RequirementRules.isActive(exemption, clock().instant())) {
            return new Granted(Granted.Why.EXEMPT);
        }
        return d;
    }

    /**
     * Whether an active exemption turns {@code decision} of {@code requirement} into {@code Granted(EXEMPT)}: a
     * challenge or enrolment for a {@link Requirement.Kind#MFA} requirement that names no role (a role-restricted
     * requirement is a "this role must always use MFA" rule), for a caller in no mandatory role. A
     * {@link Requirement.Kind#STEP_UP} is never waived here (see {@link #exemptionWaivesEnrolment} for the one
     * step-up an exemption does waive).
     *
     * @param requirement what adding a factor asks normally (a step-up)
     * @param decision the decision
     * @param caller the authenticated caller
     * @return whether an active exemption turns {@code decision} of {@code requirement} into {@code Granted(EXEMPT)}: a challenge or enrolment for a {@link Requirement.Kind#MFA} requirement that names no role (a role-restricted requirement is a "this role must always use MFA" rule), for a caller in no mandatory role
     */
    public boolean exemptionWaives(Requirement requirement, Decision decision, Caller caller) {
        return requirement.kind() == Requirement.Kind.MFA && requirement.roles().isEmpty()
                && RequirementRules.isWaivable(decision) && !caller.isInAnyRole(mandatoryRoles);
    }

    /**
     * Decides the requirement that guards <em>adding</em> a factor; an active exemption waives it when
     * {@link #exemptionWaivesEnrolment(Decision, Caller)}.
     *
     * @param requirement what adding a factor asks normally (a step-up)
     * @param exemption   the caller's exemption, or {@code null}
     * @param caller the authenticated caller
     * @param state the user's MFA state in the session
     * @param enrolled the caller's enrolled factor ids
     * @return the decision
     * @throws IllegalArgumentException if the state or the exemption belongs to another user
     */
    public Decision decideEnrolment(Requirement requirement, Caller caller, MfaState state,
                                    EnrolledFactors enrolled, MfaExemption exemption) {
        Objects.requireNonNull(caller, "caller");
        RequirementRules.requireOwnExemption(caller, exemption);
        Decision d = decide(requirement, caller, state, enrolled);
        if (exemptionWaivesEnrolment(d, caller) && RequirementRules.isActive(exemption, clock().instant())) {
            return new Granted(Granted.Why.EXEMPT);
        }
        return d;
    }

    /**
     * Whether an active exemption waives {@code decision} of the step-up that guards adding a factor: a challenge,
     * an enrolment or a factor on hold, for a caller in no mandatory role. The exempted user lost their factor and
     * must be able to set up a new one; removing one, regenerating recovery codes or switching MFA off stay behind
     * a fresh factor. The cost: whoever holds the password during the exemption can add a factor of their own,
     * which the adapter puts on hold (it satisfies no step-up for a while) and the
     * {@code FactorEnrolledUnderExemption} event tells the user of.
     *
     * @param decision the decision
     * @param caller the authenticated caller
     * @return whether an active exemption waives {@code decision} of the step-up that guards adding a factor: a challenge, an enrolment or a factor on hold, for a caller in no mandatory role
     */
    public boolean exemptionWaivesEnrolment(Decision decision, Caller caller) {
        boolean onHold = decision instanceof Denied denied && denied.why() == Denied.Why.FACTOR_ON_HOLD;
        return (RequirementRules.isWaivable(decision) || onHold) && !caller.isInAnyRole(mandatoryRoles);
    }

    /**
     * Whether an administrator may exempt {@code target} at all: not when the target is in a mandatory role
     * (configured, or of a {@code roles:} login policy). The policy checks again at each decision, since roles
     * change.
     *
     * @param login the login policy ({@code stepwise.mfa.login})
     * @param target the target
     * @return whether an administrator may exempt {@code target} at all: not when the target is in a mandatory role (configured, or of a {@code roles:} login policy)
     */
    public boolean mayExempt(LoginPolicy login, Caller target) {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(target, "target");
        return !loginRules(login).isMandatory(target);
    }
}
