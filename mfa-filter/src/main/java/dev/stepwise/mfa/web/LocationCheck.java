package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.Requirements;
import dev.stepwise.mfa.core.location.LocationFacts;
import dev.stepwise.mfa.core.location.LocationRule;
import dev.stepwise.mfa.core.location.LocationRules;
import dev.stepwise.mfa.core.location.LocationVerdict;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.http.RequestFacts;
import dev.stepwise.mfa.runtime.MfaRuntime;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Gathers a signed-in request's facts for the location rules ({@code stepwise.mfa.location.rules}) and turns
 * the core's verdict into the filter's terms: a refusal, or a step-up requirement added to the endpoint's. With no
 * rules configured it is never built ({@link #of} returns {@code null}): nothing is read or looked up.
 */
final class LocationCheck {

    /** Reason prefix of a location step-up; the texts are {@code stepwise.mfa.reason.location-*}. */
    static final String REASON_PREFIX = "location-";

    private final MfaRuntime runtime;
    private final LocationRules rules;
    private final Set<String> ruleRoles;

    private LocationCheck(MfaRuntime runtime, LocationRules rules) {
        this.runtime = runtime;
        this.rules = rules;
        this.ruleRoles = rules.rules().stream().filter(r -> r.kind() == LocationRule.Kind.ROLE)
                .map(LocationRule::subject).collect(Collectors.toUnmodifiableSet());
    }

    /** The check, or {@code null} when no rules are configured. */
    static LocationCheck of(MfaRuntime runtime) {
        LocationRules rules = runtime.config().signals().location();
        return rules.isEmpty() ? null : new LocationCheck(runtime, rules);
    }

    /** What the rules say about a request with a principal (a step-up's freshness is left to the requirement). */
    LocationVerdict judge(RequestFacts facts) {
        Set<String> roles = ruleRoles.stream().filter(facts.roles()).collect(Collectors.toUnmodifiableSet());
        LocationFacts located = new LocationFacts(Optional.ofNullable(facts.clientInet()), roles, facts.path(),
                a -> runtime.riskSignals().country(a), Optional.empty(), runtime.clock().instant());
        return rules.judge(located);
    }

    /** The endpoint's requirements with the verdict's step-up added: a fresh factor, never a trusted device. */
    static Requirements withStepUp(Requirements endpoint, LocationVerdict verdict) {
        return endpoint.and(Requirement.stepUp(verdict.maxAge())
                .withReason(REASON_PREFIX + verdict.reason().name().toLowerCase(Locale.ROOT))
                .trustingDevices(false));
    }

    /** The refusal of a request a rule denies. */
    static Decision refusal() {
        return new Decision.Denied(Decision.Denied.Why.OUTSIDE_LOCATION);
    }

    /** Records that a rule refused or asked. */
    void audit(RequestFacts facts, LocationVerdict verdict) {
        runtime.fire(new MfaEvent.LocationRuleApplied(facts.eventHeader(runtime.clock().instant()),
                verdict.outcome() == LocationVerdict.Outcome.DENY ? "deny" : "stepup",
                verdict.reason().name().toLowerCase(Locale.ROOT), facts.path()));
    }
}
