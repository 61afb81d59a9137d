package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.exemption.MfaExemption;
import dev.stepwise.mfa.core.risk.RiskAssessment;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** {@link UserFacts} asked at most once each during one decision of the {@link Gatekeeper}. */
final class MemoFacts implements UserFacts {

    private final UserFacts facts;
    private Set<String> enrolled;
    private Map<String, Instant> heldUntil;
    private Optional<MfaExemption> exemption;
    private Boolean alwaysAsk;
    private RiskAssessment risk;
    private boolean riskAsked;
    private Optional<Instant> lockedUntil;

    private MemoFacts(UserFacts facts) {
        this.facts = facts;
    }

    static UserFacts of(UserFacts facts) {
        Objects.requireNonNull(facts, "facts");
        return facts instanceof MemoFacts ? facts : new MemoFacts(facts);
    }

    @Override
    public Set<String> enrolled() {
        if (enrolled == null) {
            enrolled = Objects.requireNonNull(facts.enrolled(), "enrolled");
        }
        return enrolled;
    }

    @Override
    public Map<String, Instant> heldUntil() {
        if (heldUntil == null) {
            heldUntil = Objects.requireNonNull(facts.heldUntil(), "heldUntil");
        }
        return heldUntil;
    }

    @Override
    public Optional<MfaExemption> exemption() {
        if (exemption == null) {
            exemption = Objects.requireNonNull(facts.exemption(), "exemption");
        }
        return exemption;
    }

    @Override
    public boolean alwaysAsk() {
        if (alwaysAsk == null) {
            alwaysAsk = facts.alwaysAsk();
        }
        return alwaysAsk;
    }

    @Override
    public RiskAssessment risk() {
        if (!riskAsked) {
            risk = facts.risk();
            riskAsked = true;
        }
        return risk;
    }

    @Override
    public Optional<Instant> lockedUntil() {
        if (lockedUntil == null) {
            lockedUntil = Objects.requireNonNull(facts.lockedUntil(), "lockedUntil");
        }
        return lockedUntil;
    }
}
