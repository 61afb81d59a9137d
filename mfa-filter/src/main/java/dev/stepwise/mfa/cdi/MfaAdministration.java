package dev.stepwise.mfa.cdi;

import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.core.MfaRequiredException;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.exemption.EnrolmentHold;
import dev.stepwise.mfa.core.exemption.MfaExemption;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.EnrolmentRemoval;
import dev.stepwise.mfa.factor.KeyManagement;
import dev.stepwise.mfa.trust.TrustedDevice;
import dev.stepwise.mfa.http.EnforcementPoint;
import dev.stepwise.mfa.http.RequestFacts;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.MfaStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an administrator does for a user who lost a factor, for the application's own admin UI. Every call
 * must come from an HTTP request of a caller in {@code stepwise.mfa.admin-role} (default {@code admin}) who
 * proved a factor recently (a step-up: when it is missing, {@link MfaRequiredException} sends them to the
 * challenge and the request runs again afterwards), must give a reason, and is audited as
 * {@link MfaEvent.AdminAction} naming admin, user, action and reason.
 *
 * <pre>{@code
 * @Inject MfaAdministration mfa;
 *
 * mfa.exempt("bob", Duration.ofHours(24), "lost phone, ticket 4711");   // bob signs in without MFA for a day
 * mfa.resetFactors("bob", "lost phone, ticket 4711");                   // ... and enrols again
 * }</pre>
 *
 * <p>Exemptions end by themselves, never apply to roles that must always use MFA
 * ({@code stepwise.mfa.mandatory-roles}, {@code roles:} login policies), and never waive a step-up for a
 * risky action.
 */
@ApplicationScoped
public class MfaAdministration {

    /**
     * What an administrator sees of a user.
     *
     * @param heldFactors factors enrolled while an exemption was active that do not satisfy a step-up yet, with
     *                    the end of their hold ({@code stepwise.mfa.exemption.enrol-hold}); check with the user
     *                    that they enrolled them
     * @param keys        the user's security keys and passkeys (name, kind, added, last used; never key material),
     *                    oldest first; empty when no offered factor manages keys
     */
    public record Overview(String user, Set<String> factors, List<TrustedDevice> trustedDevices,
                           Optional<MfaExemption> exemption, List<EnrolmentHold> heldFactors,
                           List<KeyManagement.ManagedKey> keys) {
    }

    private static final int MAX_REASON = 200;

    private final MfaRuntime enforcement;
    private final EnforcementPoint point;
    private final MfaStorage storage;
    private final Instance<HttpServletRequest> requests;

    /**
     * Creates the MFA administration from its parts.
     *
     * @param enforcement the enforcement
     * @param storage the storage
     * @param requests the requests
     */
    @Inject
    public MfaAdministration(MfaRuntime enforcement, MfaStorage storage, Instance<HttpServletRequest> requests) {
        this.enforcement = enforcement;
        this.point = enforcement == null ? null : new EnforcementPoint(enforcement);
        this.storage = storage;
        this.requests = requests;
    }

    /** For CDI's proxy only. */
    protected MfaAdministration() {
        this(null, null, null);
    }

    /**
     * The user's factors, security keys and passkeys, trusted devices, exemption and factors on hold.
     *
     * @param user the user name (the container's caller principal name)
     * @return the user's factors, keys, trusted devices, exemption and factors on hold
     */
    public Overview overview(String user) {
        authorize();
        Instant now = enforcement.clock().instant();
        return new Overview(user, enforcement.enrolled(user), storage.trust().list(user).stream()
                .filter(d -> d.isActiveAt(now)).toList(),
                storage.exemptions().find(user).filter(e -> e.isActiveAt(now)),
                storage.store().enrolmentHolds().find(user).stream().filter(h -> h.isActiveAt(now)).toList(),
                keys(user));
    }

    /** The keys of every offered factor that manages keys one by one. */
    private List<KeyManagement.ManagedKey> keys(String user) {
        return enforcement.offered().stream().flatMap(id -> enforcement.factor(id)
                .flatMap(f -> f.capability(KeyManagement.class)).stream())
                .flatMap(k -> k.keys(user).stream()).toList();
    }

    /**
     * Stops trusting every device of {@code user}.
     *
     * @param user the user name (the container's caller principal name)
     * @param reason the reason
     */
    public void revokeDevices(String user, String reason) {
        HttpServletRequest request = authorize();
        String why = reason(reason);
        storage.trust().revokeAll(user);
        audit(request, user, MfaEvent.AdminAction.Action.REVOKE_DEVICES, why, null);
    }

    /**
     * Removes the user's authenticator app, security keys and recovery codes, so they can enrol again.
     *
     * @param user the user name (the container's caller principal name)
     * @param reason the reason
     */
    public void resetFactors(String user, String reason) {
        HttpServletRequest request = authorize();
        String why = reason(reason);
        // Every factor that keeps an enrolment of its own (app key, security keys, recovery codes) forgets it.
        try {
            enforcement.offered().forEach(id -> enforcement.factor(id)
                    .flatMap(f -> f.capability(EnrolmentRemoval.class))
                    .ifPresent(removal -> removal.removeEnrolment(user)));
        } finally {
            enforcement.factsChanged();
        }
        storage.trust().revokeAll(user);
        audit(request, user, MfaEvent.AdminAction.Action.RESET_MFA, why, null);
    }

    /**
     * Lets {@code user} sign in without MFA until {@code duration} from now (at most
     * {@code stepwise.mfa.exemption.max-duration}); replaces an earlier exemption.
     *
     * @param user the user name (the container's caller principal name)
     * @param duration the duration
     * @param reason the reason
     * @return the MFA exemption
     * @throws IllegalArgumentException for an administrator exempting themselves, a blank reason, or a duration
     *                                  that is not positive or too long
     */
    public MfaExemption exempt(String user, Duration duration, String reason) {
        HttpServletRequest request = authorize();
        String why = reason(reason);
        MfaExemption exemption = MfaExemption.grant(user, request.getUserPrincipal().getName(), why, duration,
                enforcement.clock().instant(), enforcement.config().admin().exemptionMax());
        storage.exemptions().save(exemption);
        enforcement.factsChanged();
        audit(request, user, MfaEvent.AdminAction.Action.EXEMPT, why, exemption.until());
        return exemption;
    }

    /**
     * Ends the user's exemption now.
     *
     * @param user the user name (the container's caller principal name)
     * @param reason the reason
     */
    public void endExemption(String user, String reason) {
        HttpServletRequest request = authorize();
        String why = reason(reason);
        storage.exemptions().revoke(user);
        enforcement.factsChanged();
        audit(request, user, MfaEvent.AdminAction.Action.END_EXEMPTION, why, null);
    }

    /** The calling administrator's request, after checking the role and a fresh factor. */
    private HttpServletRequest authorize() {
        HttpServletRequest request = requests.get();
        if (request.getUserPrincipal() == null || !request.isUserInRole(enforcement.config().admin().role())) {
            throw new SecurityException("only callers in role " + enforcement.config().admin().role()
                    + " may administer MFA");
        }
        // An administrator's action sent by another site is refused whatever the admin's step-up: it is a
        // protected action even where the application did not annotate its caller.
        RequestFacts facts = RequestFacts.of(request, enforcement.config());
        Decision crossSite = point.refuseCrossSite(facts);
        Decision decision = crossSite != null ? crossSite : point.decideRequirement(request, facts,
                Requirement.stepUp(enforcement.config().policy().stepUpMaxAge()).withReason("admin"), false);
        if (!decision.isGranted()) {
            throw new MfaRequiredException(decision);
        }
        return request;
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an administrative action needs a reason");
        }
        String r = reason.strip();
        return r.length() > MAX_REASON ? r.substring(0, MAX_REASON) : r;
    }

    private void audit(HttpServletRequest request, String user, MfaEvent.AdminAction.Action action, String reason,
                       Instant until) {
        RequestFacts facts = RequestFacts.of(request, enforcement.config());
        enforcement.fire(new MfaEvent.AdminAction(facts.eventHeader(user, enforcement.clock().instant()),
                request.getUserPrincipal().getName(), action, reason, until));
    }
}
