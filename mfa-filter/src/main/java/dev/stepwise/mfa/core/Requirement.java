package dev.stepwise.mfa.core;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What an endpoint asks of its caller, from {@code @RequiresMfa}, {@code @StepUp} or a
 * {@code stepwise.mfa.protect} pattern.
 *
 * @param kind                   MFA once per session, or a factor proven within {@code maxAge}
 * @param factors                acceptable factor ids; empty means any factor the application offers
 * @param roles                  only callers in one of these roles must; empty means everyone
 * @param maxAge                 freshness for {@link Kind#STEP_UP}; {@code null} for {@link Kind#MFA}
 * @param reason                 message key shown on the challenge page; empty for the generic text
 * @param trustedDeviceSatisfies whether a "trust this device" grant counts
 */
public record Requirement(Kind kind, Set<String> factors, Set<String> roles, Duration maxAge, String reason,
                          boolean trustedDeviceSatisfies) implements Serializable {

    /** The two kinds of requirement. */
    public enum Kind {
        /** A factor was verified at some point in this session (or the device is trusted). */
        MFA,
        /** A factor was verified in this session within {@code maxAge}. */
        STEP_UP
    }

    /**
     * Checks the components and copies the mutable ones.
     * @param kind MFA once per session, or a factor proven within {@code maxAge}
     * @param factors acceptable factor ids; empty means any factor the application offers
     * @param roles only callers in one of these roles must; empty means everyone
     * @param maxAge freshness for {@link Kind#STEP_UP}; {@code null} for {@link Kind#MFA}
     * @param reason message key shown on the challenge page; empty for the generic text
     * @param trustedDeviceSatisfies whether a "trust this device" grant counts
     */
    public Requirement {
        Objects.requireNonNull(kind, "kind");
        factors = Set.copyOf(Objects.requireNonNull(factors, "factors"));
        roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
        reason = reason == null ? "" : reason;
        if (kind == Kind.STEP_UP) {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
            }
        } else if (maxAge != null) {
            throw new IllegalArgumentException("maxAge applies to STEP_UP only");
        }
    }

    /**
     * MFA for the session by any offered factor, for every caller; a trusted device counts.
     *
     * @return the requirement
     */
    public static Requirement mfa() {
        return new Requirement(Kind.MFA, Set.of(), Set.of(), null, "", true);
    }

    /**
     * A factor proven within {@code maxAge}, any offered factor, every caller; a trusted device does not count.
     *
     * @param maxAge freshness for {@link Kind#STEP_UP}; {@code null} for {@link Kind#MFA}
     * @return a factor proven within {@code maxAge}, any offered factor, every caller; a trusted device does not count
     */
    public static Requirement stepUp(Duration maxAge) {
        return new Requirement(Kind.STEP_UP, Set.of(), Set.of(), maxAge, "", false);
    }

    /**
     * This requirement restricted to callers in one of {@code roles}.
     *
     * @param newRoles the roles to set
     * @return this requirement restricted to callers in one of {@code roles}
     */
    public Requirement forRoles(Set<String> newRoles) {
        return new Requirement(kind, factors, newRoles, maxAge, reason, trustedDeviceSatisfies);
    }

    /**
     * This requirement accepting only {@code newFactors} (empty: any).
     *
     * @param newFactors the factors to set
     * @return this requirement accepting only {@code newFactors} (empty: any)
     */
    public Requirement withFactors(Set<String> newFactors) {
        return new Requirement(kind, newFactors, roles, maxAge, reason, trustedDeviceSatisfies);
    }

    /**
     * This requirement with a reason message key.
     *
     * @param newReason the reason to set
     * @return this requirement with a reason message key
     */
    public Requirement withReason(String newReason) {
        return new Requirement(kind, factors, roles, maxAge, newReason, trustedDeviceSatisfies);
    }

    /**
     * This requirement with the trusted-device rule set explicitly.
     *
     * @param satisfies the satisfies
     * @return this requirement with the trusted-device rule set explicitly
     */
    public Requirement trustingDevices(boolean satisfies) {
        return new Requirement(kind, factors, roles, maxAge, reason, satisfies);
    }
}
