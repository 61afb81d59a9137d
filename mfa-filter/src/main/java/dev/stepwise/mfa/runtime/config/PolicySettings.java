package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.core.LoginPolicy;
import dev.stepwise.mfa.core.risk.AdaptiveSettings;
import dev.stepwise.mfa.core.risk.RiskLevel;
import dev.stepwise.mfa.runtime.config.ProtectedPaths;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * When MFA is asked: at login, for URL patterns, and how fresh a step-up must be.
 *
 * @param login          {@code stepwise.mfa.login}
 * @param mandatoryRoles {@code stepwise.mfa.mandatory-roles}: roles that always use MFA, never exempted
 * @param stepUpMaxAge   {@code stepwise.mfa.stepup.default-max-age}: for a step-up without maxAge
 * @param protect        {@code stepwise.mfa.protect}: extra URL patterns with their requirement
 */
public record PolicySettings(LoginPolicy login, Set<String> mandatoryRoles, Duration stepUpMaxAge,
                             ProtectedPaths protect) {

    /**
     * Checks the components and copies the mutable ones.
     * @param login {@code stepwise.mfa.login}
     * @param mandatoryRoles {@code stepwise.mfa.mandatory-roles}: roles that always use MFA, never exempted
     * @param stepUpMaxAge {@code stepwise.mfa.stepup.default-max-age}: for a step-up without maxAge
     * @param protect {@code stepwise.mfa.protect}: extra URL patterns with their requirement
     */
    public PolicySettings {
        Objects.requireNonNull(login, "login");
        mandatoryRoles = Set.copyOf(mandatoryRoles);
        Objects.requireNonNull(stepUpMaxAge, "stepUpMaxAge");
        Objects.requireNonNull(protect, "protect");
    }

    /**
     * Reads the policy parameters; an adaptive login asks from {@code adaptiveRequire} on.
     *
     * @param source where the configuration values are read from
     * @param adaptiveRequire the adaptive require
     * @return the policy settings
     */
    public static PolicySettings read(Function<String, String> source, RiskLevel adaptiveRequire) {
        LoginPolicy login = Policies.withAdaptiveLevel(Parameters.LOGIN.read(source), adaptiveRequire);
        Duration maxAge = Parameters.STEPUP_MAX_AGE.read(source);
        String protect = Parameters.PROTECT.read(source);
        return new PolicySettings(login, Parameters.MANDATORY_ROLES.read(source), maxAge,
                Policies.protectedPaths(Parameters.PROTECT.name(), protect, maxAge));
    }

    /**
     * Reads {@code stepwise.mfa.adaptive.*}: when {@code stepwise.mfa.login=adaptive} asks.
     *
     * @param source where the configuration values are read from
     * @return the adaptive settings
     */
    public static AdaptiveSettings readAdaptive(Function<String, String> source) {
        return new AdaptiveSettings(Parameters.ADAPTIVE_REQUIRE.read(source), Parameters.ADAPTIVE_MEMORY.read(source),
                Parameters.ADAPTIVE_FAILURES.read(source), Parameters.ADAPTIVE_ABSENCE.read(source));
    }
}
