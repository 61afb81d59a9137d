package dev.stepwise.mfa.core;

import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The authenticated caller as the policy sees it: a name and a way to ask about roles. Adapters build it
 * from {@code HttpServletRequest#getUserPrincipal()} and {@code isUserInRole}, so roles are only asked for
 * when a rule needs them.
 */
public final class Caller {

    private final String name;
    private final Predicate<String> inRole;

    private Caller(String name, Predicate<String> inRole) {
        this.name = Objects.requireNonNull(name, "name");
        this.inRole = Objects.requireNonNull(inRole, "inRole");
    }

    /**
     * A caller whose roles are answered by {@code inRole} (e.g. {@code request::isUserInRole}).
     *
     * @param name the name
     * @param inRole the in role
     * @return a caller whose roles are answered by {@code inRole} (e.g. {@code request::isUserInRole})
     */
    public static Caller of(String name, Predicate<String> inRole) {
        return new Caller(name, inRole);
    }

    /**
     * A caller with a fixed set of roles.
     *
     * @param name the name
     * @param roles the role names
     * @return a caller with a fixed set of roles
     */
    public static Caller of(String name, Set<String> roles) {
        Set<String> copy = Set.copyOf(roles);
        return new Caller(name, copy::contains);
    }

    /** {@return the name} */
    public String name() {
        return name;
    }

    /**
     * Whether the caller is in {@code role}.
     *
     * @param role the role name
     * @return whether the caller is in {@code role}
     */
    public boolean isInRole(String role) {
        return inRole.test(role);
    }

    /**
     * Whether the caller is in at least one of {@code roles}.
     *
     * @param roles the role names
     * @return whether the caller is in at least one of {@code roles}
     */
    public boolean isInAnyRole(Set<String> roles) {
        for (String role : roles) {
            if (inRole.test(role)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Caller[" + name + "]";
    }
}
