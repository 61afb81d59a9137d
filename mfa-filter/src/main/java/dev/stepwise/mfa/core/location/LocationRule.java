package dev.stepwise.mfa.core.location;

import dev.stepwise.mfa.core.net.Cidr;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One entry of {@code stepwise.mfa.location.rules}: which requests it covers, where they may come from, and what
 * happens to one from elsewhere. Parsed by {@link LocationRules#parse}.
 *
 * @param kind      what the rule covers: a role, a path pattern, or every request
 * @param subject   the role name, or the path pattern ({@code /x} exactly, or {@code /x/*} for {@code /x} and
 *                  everything under it); empty for {@link Kind#ANY}
 * @param networks  allowed networks
 * @param countries allowed countries, ISO 3166-1 alpha-2 in upper case
 * @param outcome   {@link LocationVerdict.Outcome#STEP_UP} or {@link LocationVerdict.Outcome#DENY}
 * @param maxAge    for a step-up, how old a factor of the session may be to count; {@code null} for a refusal
 */
public record LocationRule(Kind kind, String subject, List<Cidr> networks, Set<String> countries,
                           LocationVerdict.Outcome outcome, Duration maxAge) {

    /** What a rule covers. */
    public enum Kind {
        /** Callers with a role. */
        ROLE,
        /** Requests to a path pattern. */
        PATH,
        /** Every request. */
        ANY
    }

    /**
     * Checks the components.
     * @param kind what the rule covers
     * @param subject the role or path pattern; empty for {@link Kind#ANY}
     * @param networks allowed networks
     * @param countries allowed countries
     * @param outcome step-up or refusal
     * @param maxAge for a step-up, how old a factor may be; {@code null} for a refusal
     */
    public LocationRule {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        networks = List.copyOf(networks);
        countries = Set.copyOf(countries);
        if (networks.isEmpty() && countries.isEmpty()) {
            throw new IllegalArgumentException("a rule names at least one network or country");
        }
        if (outcome == LocationVerdict.Outcome.ALLOW || (outcome == LocationVerdict.Outcome.STEP_UP)
                != (maxAge != null)) {
            throw new IllegalArgumentException("else is stepup (with a max age) or deny");
        }
    }

    /**
     * Whether this rule covers the request.
     *
     * @param roles the caller's roles
     * @param path the request path inside the application
     * @return whether this rule covers the request
     */
    public boolean covers(Set<String> roles, String path) {
        return switch (kind) {
            case ANY -> true;
            case ROLE -> roles.contains(subject);
            case PATH -> subject.endsWith("/*")
                    ? path.equals(subject.substring(0, subject.length() - 2))
                        || path.startsWith(subject.substring(0, subject.length() - 1))
                    : path.equals(subject);
        };
    }

    /**
     * Whether the address is in one of the networks or, asking {@code country} only if needed, one of the
     * countries. An unknown address or country is outside (fail closed).
     *
     * @param address the client address, or empty when unknown
     * @param country the GeoIP lookup
     * @return whether the request comes from an allowed place
     */
    public boolean allows(Optional<InetAddress> address, Function<InetAddress, Optional<String>> country) {
        if (address.isEmpty()) {
            return false;
        }
        InetAddress a = address.get();
        for (Cidr network : networks) {
            if (network.contains(a)) {
                return true;
            }
        }
        return !countries.isEmpty() && country.apply(a).map(countries::contains).orElse(false);
    }

    /** {@return what the rule's list names, for the reason shown to the user} */
    public LocationVerdict.Reason reason() {
        if (countries.isEmpty()) {
            return LocationVerdict.Reason.NETWORK;
        }
        return networks.isEmpty() ? LocationVerdict.Reason.COUNTRY : LocationVerdict.Reason.LOCATION;
    }
}
