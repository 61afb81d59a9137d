package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.risk.RiskLevel;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When MFA is asked right after primary login, before any page: the {@code stepwise.mfa.login} parameter.
 *
 * <ul>
 *   <li>{@code off}: never at login; only annotated endpoints ask;</li>
 *   <li>{@code enrolled} (default): users who have set up a factor;</li>
 *   <li>{@code roles:admin,auditor}: users in one of these roles (they must enrol if they have not);</li>
 *   <li>{@code all}: everyone (users without a factor must enrol);</li>
 *   <li>{@code adaptive}: users who have set up a factor, when the sign-in looks risky enough (a new device, a long
 *       absence, recent failed attempts…; the threshold is {@code stepwise.mfa.adaptive.require}).</li>
 * </ul>
 *
 * <pre>{@code
 * LoginPolicy login = LoginPolicy.parse("adaptive", RiskLevel.parse("high"));   // Adaptive[require=HIGH]
 * }</pre>
 */
public sealed interface LoginPolicy {

    /** Accepted formats, for error messages. */
    String FORMAT = "off | enrolled | roles:<role>[,<role>...] | all | adaptive";

    /** Never ask at login. */
    record Off() implements LoginPolicy {
    }

    /** Ask users who have enrolled at least one offered factor. */
    record Enrolled() implements LoginPolicy {
    }

    /** Ask users in any of {@code roles}; they must enrol if they have no factor. */
    record Roles(Set<String> roles) implements LoginPolicy {
        /**
         * Checks the components and copies the mutable ones.
         * @param roles the role names
         */
        public Roles {
            roles = Set.copyOf(roles);
            if (roles.isEmpty()) {
                throw new IllegalArgumentException("roles: needs at least one role");
            }
        }
    }

    /** Ask everyone; users without a factor must enrol. */
    record All() implements LoginPolicy {
    }

    /**
     * Ask users who have enrolled a factor when the sign-in's assessed risk reaches {@code require}. Users without
     * a factor are let through whatever the risk: adaptive MFA never locks anyone out of an account they could
     * not protect (roles that must use MFA are the exception, see {@code MfaPolicy}).
     *
     * @param require the lowest {@code RiskLevel} that asks for a factor ({@code stepwise.mfa.adaptive.require})
     */
    record Adaptive(RiskLevel require) implements LoginPolicy {
        /**
         * Checks the components and copies the mutable ones.
         * @param require the lowest {@code RiskLevel} that asks for a factor ({@code stepwise.mfa.adaptive.require})
         */
        public Adaptive {
            Objects.requireNonNull(require, "require");
            if (require == RiskLevel.NONE) {
                throw new IllegalArgumentException("adaptive: require must be low, medium or high");
            }
        }

        /** With the default threshold, {@link RiskLevel#MEDIUM}. */
        public Adaptive() {
            this(RiskLevel.MEDIUM);
        }
    }

    /**
     * The roles this policy says must always use MFA at login: those of {@link Roles}, none for the others
     * ({@link All} asks everyone but leaves room for an administrator's exemption of a single user).
     *
     * @return the roles this policy says must always use MFA at login: those of {@link Roles}, none for the others ({@link All} asks everyone but leaves room for an administrator's exemption of a single user)
     */
    default Set<String> mandatoryRoles() {
        return this instanceof Roles r ? r.roles() : Set.of();
    }

    /**
     * Parses the parameter value; {@code adaptive} gets the default threshold {@link RiskLevel#MEDIUM}.
     *
     * @param value the value
     * @return the login policy
     * @throws IllegalArgumentException naming the accepted formats
     */
    static LoginPolicy parse(String value) {
        return parse(value, RiskLevel.MEDIUM);
    }

    /**
     * Parses the parameter value; {@code adaptive} gets {@code adaptiveRequire}
     * ({@code stepwise.mfa.adaptive.require}).
     *
     * @param value the value
     * @param adaptiveRequire the adaptive require
     * @return the login policy
     * @throws IllegalArgumentException naming the accepted formats
     */
    static LoginPolicy parse(String value, RiskLevel adaptiveRequire) {
        Objects.requireNonNull(adaptiveRequire, "adaptiveRequire");
        String v = value.trim();
        switch (v) {
            case "off":
                return new Off();
            case "enrolled":
                return new Enrolled();
            case "all":
                return new All();
            case "adaptive":
                return new Adaptive(adaptiveRequire);
            default:
                if (v.startsWith("roles:")) {
                    Set<String> roles = Arrays.stream(v.substring("roles:".length()).split(","))
                            .map(String::trim).filter(s -> !s.isEmpty())
                            .collect(Collectors.toCollection(LinkedHashSet::new));
                    if (!roles.isEmpty()) {
                        return new Roles(roles);
                    }
                }
                throw new IllegalArgumentException("'" + value + "' is not valid; expected " + FORMAT);
        }
    }
}
