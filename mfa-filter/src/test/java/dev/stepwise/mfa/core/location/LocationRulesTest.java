package dev.stepwise.mfa.core.location;

import dev.stepwise.mfa.core.location.LocationVerdict.Outcome;
import dev.stepwise.mfa.core.location.LocationVerdict.Reason;
import dev.stepwise.mfa.core.net.ClientAddress;
import dev.stepwise.mfa.core.net.IpLiteral;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocationRulesTest {

    private static final Duration FIVE = Duration.ofMinutes(5);
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final Map<String, String> GEO = Map.of("203.0.113.7", "DE", "198.51.100.9", "US",
            "2001:db8:de::1", "DE");
    private static final LocationRules RULES = LocationRules.parse(
            "role:admin from 10.0.0.0/8, 192.168.1.0/24, 2001:db8:a::/48 else deny;"
            + " path:/admin/* from country:DE,AT else stepup:PT2M;"
            + " * from 10.0.0.0/8, 192.168.1.0/24, 2001:db8:a::/48, country:DE else stepup", FIVE);

    private final List<InetAddress> lookups = new ArrayList<>();
    private final Function<InetAddress, Optional<String>> geo = a -> {
        lookups.add(a);
        return Optional.ofNullable(GEO.get(IpLiteral.format(a)));
    };

    private LocationVerdict judge(String address, String roles, String path) {
        Optional<InetAddress> a = address.isEmpty() ? Optional.empty() : IpLiteral.parse(address);
        Set<String> r = roles.isEmpty() ? Set.of() : Set.of(roles.split("\\+"));
        return RULES.judge(new LocationFacts(a, r, path, geo, Optional.empty(), NOW));
    }

    @ParameterizedTest(name = "{0} roles={1} {2} -> {3} {4}")
    @CsvSource(nullValues = "-", value = {
        // IPv4 inside the office network: allowed everywhere except /admin (Germany or Austria only)
        "10.1.2.3,        admin,      /home,        ALLOW,   -",
        "192.168.1.77,    user,       /home,        ALLOW,   -",
        "10.1.2.3,        user,       /admin/users, STEP_UP, COUNTRY",
        // IPv4 outside: admins refused, others asked
        "203.0.113.7,     admin,      /home,        DENY,    NETWORK",
        "198.51.100.9,    user,       /home,        STEP_UP, LOCATION",
        "203.0.113.7,     user,       /home,        ALLOW,   -",
        "203.0.113.7,     user,       /admin,       ALLOW,   -",
        "198.51.100.9,    user,       /admin/x,     STEP_UP, COUNTRY",
        "198.51.100.9,    user,       /administrator, STEP_UP, LOCATION",
        // IPv6 and IPv4-mapped IPv6 (the mapped address counts as the IPv4 it carries)
        "2001:db8:a::5,   admin,      /home,        ALLOW,   -",
        "2001:db8:b::5,   admin,      /home,        DENY,    NETWORK",
        "2001:db8:de::1,  user,       /home,        ALLOW,   -",
        "::ffff:10.1.2.3, admin,      /home,        ALLOW,   -",
        "::ffff:203.0.113.7, admin,   /home,        DENY,    NETWORK",
        // unknown address or unknown country: outside (fail closed)
        "-,               admin,      /home,        DENY,    NETWORK",
        "-,               '',         /home,        STEP_UP, LOCATION",
        "192.0.2.1,       '',         /home,        STEP_UP, LOCATION",
        // several roles: every covering rule applies, the refusal wins
        "198.51.100.9,    user+admin, /admin/x,     DENY,    NETWORK",
        "10.1.2.3,        user+admin, /admin/x,     STEP_UP, COUNTRY",
    })
    void judgesEachRequestByEveryRuleThatCoversIt(String address, String roles, String path, Outcome outcome,
                                                  Reason reason) {
        LocationVerdict v = judge(address == null ? "" : address, roles, path);
        assertThat(v.outcome()).isEqualTo(outcome);
        assertThat(v.reason()).isEqualTo(reason);
    }

    @Test
    void theShortestStepUpMaxAgeCountsAndAFreshFactorSatisfiesIt() {
        InetAddress us = IpLiteral.parse("198.51.100.9").orElseThrow();
        LocationFacts recent = new LocationFacts(Optional.of(us), Set.of(), "/admin/x", geo,
                Optional.of(NOW.minus(Duration.ofMinutes(1))), NOW);
        LocationFacts older = new LocationFacts(Optional.of(us), Set.of(), "/admin/x", geo,
                Optional.of(NOW.minus(Duration.ofMinutes(3))), NOW);
        LocationFacts future = new LocationFacts(Optional.of(us), Set.of(), "/admin/x", geo,
                Optional.of(NOW.plusSeconds(60)), NOW);
        assertThat(judge("198.51.100.9", "", "/admin/x").maxAge()).isEqualTo(Duration.ofMinutes(2));
        assertThat(RULES.judge(recent)).isEqualTo(LocationVerdict.ALLOW);
        assertThat(RULES.judge(older).outcome()).isEqualTo(Outcome.STEP_UP);
        assertThat(RULES.judge(future).outcome()).isEqualTo(Outcome.STEP_UP);
    }

    @Test
    void aFreshFactorNeverLiftsARefusal() {
        LocationFacts facts = new LocationFacts(IpLiteral.parse("198.51.100.9"), Set.of("admin"), "/home", geo,
                Optional.of(NOW), NOW);
        assertThat(RULES.judge(facts).outcome()).isEqualTo(Outcome.DENY);
    }

    @Test
    void aSpoofedForwardedForFromAnUntrustedPeerDoesNotPutTheCallerInTheOffice() {
        ClientAddress proxies = ClientAddress.parse("192.0.2.10/32");
        Optional<InetAddress> spoofed = proxies.resolve("198.51.100.9", Arrays.asList("10.1.2.3"));
        Optional<InetAddress> viaProxy = proxies.resolve("192.0.2.10", Arrays.asList("10.1.2.3"));
        assertThat(RULES.judge(new LocationFacts(spoofed, Set.of("admin"), "/", geo, Optional.empty(), NOW))
                .outcome()).isEqualTo(Outcome.DENY);
        assertThat(RULES.judge(new LocationFacts(viaProxy, Set.of("admin"), "/", geo, Optional.empty(), NOW))
                .outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void looksUpTheCountryOnlyWhenARuleNeedsItAndAtMostOnce() {
        judge("10.1.2.3", "admin", "/home");
        assertThat(lookups).isEmpty();
        judge("198.51.100.9", "", "/admin/x");
        assertThat(lookups).hasSize(1);
        LocationRules.NONE.judge(new LocationFacts(IpLiteral.parse("198.51.100.9"), Set.of(), "/", a -> {
            throw new AssertionError("no rules, no lookup");
        }, Optional.empty(), NOW));
        assertThat(LocationRules.parse("  ", FIVE).isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "role:admin from 10.0.0.0/8",
        "role:admin from 10.0.0.0/8 else allow",
        "role:admin from 10.0.0.1/8 else deny",
        "role:admin from 10.0.0.0/33 else deny",
        "role:admin from 10.0.0.300 else deny",
        "role:admin from DE else deny",
        "role:admin from country:DEU else deny",
        "role:admin from country:D1 else deny",
        "role:admin from country:ÄT else deny",
        "role:admin from , else deny",
        "role: from 10.0.0.0/8 else deny",
        "role:ädmin from 10.0.0.0/8 else deny",
        "path:admin/* from 10.0.0.0/8 else deny",
        "path:/a*b from 10.0.0.0/8 else deny",
        "user from 10.0.0.0/8 else deny",
        "* from 10.0.0.0/8 else stepup:PT0S",
        "* from 10.0.0.0/8 else stepup:-PT1M",
        "* from 10.0.0.0/8 else stepup:5m",
        "* from 10.0.0.0/8 else Deny",
        "* from 10.0.0.0/8 else deny; garbage",
    })
    void refusesMalformedRulesSayingWhich(String text) {
        assertThatThrownBy(() -> LocationRules.parse(text, FIVE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'");
    }

    @Test
    void refusesTooManyRules() {
        String many = "* from 10.0.0.0/8 else deny;".repeat(LocationRules.MAX_RULES + 1);
        assertThatThrownBy(() -> LocationRules.parse(many, FIVE)).hasMessageContaining("more than 100");
        assertThat(LocationRules.parse(many.substring(28), FIVE).rules()).hasSize(100);
    }
}
