package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.exemption.MfaExemption;
import dev.stepwise.mfa.core.risk.RiskAssessment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link UserFacts} with fixed answers that records every question, so a test can prove which look-ups a decision
 * made (issue 14 counts store look-ups per request). Set-ups return {@code this} for chaining.
 */
final class UserFactsFake implements UserFacts {

    private Set<String> enrolled = Set.of();
    private Map<String, Instant> heldUntil = Map.of();
    private MfaExemption exemption;
    private boolean alwaysAsk;
    private RiskAssessment risk;
    private Instant lockedUntil;
    private final List<String> asked = new ArrayList<>();

    /** A user who has enrolled {@code ids} (in this order). */
    static UserFactsFake having(String... ids) {
        UserFactsFake f = new UserFactsFake();
        f.enrolled = new LinkedHashSet<>(List.of(ids));
        return f;
    }

    UserFactsFake held(Map<String, Instant> holds) {
        this.heldUntil = holds;
        return this;
    }

    UserFactsFake exempt(MfaExemption e) {
        this.exemption = e;
        return this;
    }

    UserFactsFake alwaysAsking() {
        this.alwaysAsk = true;
        return this;
    }

    UserFactsFake risk(RiskAssessment r) {
        this.risk = r;
        return this;
    }

    UserFactsFake lockedUntil(Instant until) {
        this.lockedUntil = until;
        return this;
    }

    /** The questions asked, one entry per call: enrolled, heldUntil, exemption, alwaysAsk, risk, lockedUntil. */
    List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public Set<String> enrolled() {
        asked.add("enrolled");
        return enrolled;
    }

    @Override
    public Map<String, Instant> heldUntil() {
        asked.add("heldUntil");
        return heldUntil;
    }

    @Override
    public Optional<MfaExemption> exemption() {
        asked.add("exemption");
        return Optional.ofNullable(exemption);
    }

    @Override
    public boolean alwaysAsk() {
        asked.add("alwaysAsk");
        return alwaysAsk;
    }

    @Override
    public RiskAssessment risk() {
        asked.add("risk");
        return risk;
    }

    @Override
    public Optional<Instant> lockedUntil() {
        asked.add("lockedUntil");
        return Optional.ofNullable(lockedUntil);
    }
}
