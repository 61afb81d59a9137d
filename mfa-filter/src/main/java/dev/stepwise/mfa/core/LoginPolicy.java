package dev.stepwise.mfa.core;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When MFA is asked right after primary login, before any page: the {@code stepwise.mfa.login} parameter.
 *
 * <ul>
 *   <li>{@code off}: never at login; only annotated endpoints ask;</li>
 *   <li>{@code enrolled} (default): users who have set up a factor;</li>
 *   <li>{@code roles:admin,auditor}: users in one of these roles (they must enrol if they have not);</li>
 *   <li>{@code all}: everyone (users without a factor must enrol).</li>
 * </ul>
 */
public sealed interface LoginPolicy {

    /** Accepted formats, for error messages. */
    String FORMAT = "off | enrolled | roles:<role>[,<role>...] | all";

    /** Never ask at login. */
    record Off() implements LoginPolicy {
    }

    /** Ask users who have enrolled at least one offered factor. */
    record Enrolled() implements LoginPolicy {
    }

    /** Ask users in any of {@code roles}; they must enrol if they have no factor. */
    record Roles(Set<String> roles) implements LoginPolicy {
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
     * Parses the parameter value.
     *
     * @throws IllegalArgumentException naming the accepted formats
     */
    static LoginPolicy parse(String value) {
        String v = value.trim();
        switch (v) {
            case "off":
                return new Off();
            case "enrolled":
                return new Enrolled();
            case "all":
                return new All();
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
