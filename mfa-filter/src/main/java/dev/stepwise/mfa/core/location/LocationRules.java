package dev.stepwise.mfa.core.location;

import dev.stepwise.mfa.core.location.LocationVerdict.Outcome;
import dev.stepwise.mfa.core.net.Cidr;

import java.net.InetAddress;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value of {@code stepwise.mfa.location.rules}: entries separated by {@code ;}, each
 * {@code <who> from <place>, <place>... else <action>}.
 *
 * <ul>
 * <li>{@code <who>}: {@code role:<name>}, {@code path:/exact} or {@code path:/prefix/*}, or {@code *}.</li>
 * <li>{@code <place>}: a CIDR block or address ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or
 *     {@code country:<ISO code>}; after {@code country:XX}, further bare two-letter codes are countries too
 *     ({@code country:DE,AT}).</li>
 * <li>{@code <action>}: {@code deny} (403), {@code stepup} (a fresh factor within the step-up max age) or
 *     {@code stepup:<ISO-8601 duration>}.</li>
 * </ul>
 *
 * <p>Order does not matter: every rule that covers a request must allow it; of those that do not, a refusal
 * wins over a step-up, and of several step-ups the shortest max age counts. An address that cannot be resolved,
 * or whose country GeoIP does not know, is outside.
 *
 * <pre>{@code
 * LocationRules rules = LocationRules.parse(
 *         "role:admin from 10.0.0.0/8 else deny; * from 10.0.0.0/8, country:DE else stepup", Duration.ofMinutes(5));
 * rules.judge(facts);   // DENY for an admin outside 10/8; STEP_UP for anyone else outside 10/8 and Germany
 * }</pre>
 *
 * @param rules the rules, in the order written
 */
public record LocationRules(List<LocationRule> rules) {

    /** No rules: every request is allowed, nothing is looked up. */
    public static final LocationRules NONE = new LocationRules(List.of());

    /** Accepted format, for error messages. */
    public static final String FORMAT = "entries separated by ';', each '<role:name | path:/p | path:/p/* | *> from "
            + "<CIDR | country:XX>, ... else <deny | stepup | stepup:PT2M>'";

    /** The most entries accepted; a longer list is more likely a mistake than a policy. */
    public static final int MAX_RULES = 100;

    private static final Pattern ENTRY = Pattern.compile("(\\S+)\\s+from\\s+(.+?)\\s+else\\s+(\\S+)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern PATH = Pattern.compile("/[\\x21-\\x7e&&[^;*]]{0,200}(/\\*)?|/\\*");
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

    /**
     * Copies the list.
     * @param rules the rules
     */
    public LocationRules {
        rules = List.copyOf(rules);
    }

    /**
     * Parses the parameter's value; blank means {@link #NONE}.
     *
     * @param text the value
     * @param defaultMaxAge the max age of a bare {@code stepup}
     * @return the rules
     * @throws IllegalArgumentException naming the entry and what is wrong with it
     */
    public static LocationRules parse(String text, Duration defaultMaxAge) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<LocationRule> out = new ArrayList<>();
        for (String raw : text.split(";", -1)) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            if (out.size() == MAX_RULES) {
                throw new IllegalArgumentException("more than " + MAX_RULES + " rules");
            }
            try {
                out.add(entry(entry, defaultMaxAge));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + entry + "': " + e.getMessage(), e);
            }
        }
        return new LocationRules(out);
    }

    /** {@return whether there are no rules (the filter then gathers no facts at all)} */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * Judges a request: allowed when every covering rule allows it, or when the only objections are step-ups
     * and the session proved a factor within the shortest of their max ages.
     *
     * @param facts the request's facts
     * @return the verdict
     */
    public LocationVerdict judge(LocationFacts facts) {
        Map<InetAddress, Optional<String>> seen = new HashMap<>(2);
        Function<InetAddress, Optional<String>> country = a -> seen.computeIfAbsent(a, facts.country());
        LocationRule deny = null;
        LocationRule stepUp = null;
        for (LocationRule rule : rules) {
            if (!rule.covers(facts.roles(), facts.path()) || rule.allows(facts.address(), country)) {
                continue;
            }
            if (rule.outcome() == Outcome.DENY) {
                deny = deny == null ? rule : deny;
            } else if (stepUp == null || rule.maxAge().compareTo(stepUp.maxAge()) < 0) {
                stepUp = rule;
            }
        }
        if (deny != null) {
            return new LocationVerdict(Outcome.DENY, deny.reason(), null);
        }
        if (stepUp == null || fresh(facts, stepUp.maxAge())) {
            return LocationVerdict.ALLOW;
        }
        return new LocationVerdict(Outcome.STEP_UP, stepUp.reason(), stepUp.maxAge());
    }

    private static boolean fresh(LocationFacts facts, Duration maxAge) {
        return facts.lastFactor().map(at -> !at.isAfter(facts.now())
                && !at.plus(maxAge).isBefore(facts.now())).orElse(false);
    }

    private static LocationRule entry(String entry, Duration defaultMaxAge) {
        Matcher m = ENTRY.matcher(entry);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected '<who> from <places> else <deny | stepup>'");
        }
        String who = m.group(1);
        LocationRule.Kind kind;
        String subject;
        if (who.equals("*")) {
            kind = LocationRule.Kind.ANY;
            subject = "";
        } else if (who.startsWith("role:") && NAME.matcher(who.substring(5)).matches()) {
            kind = LocationRule.Kind.ROLE;
            subject = who.substring(5);
        } else if (who.startsWith("path:") && PATH.matcher(who.substring(5)).matches()) {
            kind = LocationRule.Kind.PATH;
            subject = who.substring(5);
        } else {
            throw new IllegalArgumentException("'" + who + "' is not role:<name>, path:/exact, path:/prefix/* or *");
        }
        List<Cidr> networks = new ArrayList<>();
        Set<String> countries = new LinkedHashSet<>();
        places(m.group(2), networks, countries);
        String action = m.group(3);
        if (action.equals("deny")) {
            return new LocationRule(kind, subject, networks, countries, Outcome.DENY, null);
        }
        return new LocationRule(kind, subject, networks, countries, Outcome.STEP_UP, maxAge(action, defaultMaxAge));
    }

    private static void places(String list, List<Cidr> networks, Set<String> countries) {
        boolean afterCountry = false;
        for (String raw : list.split(",", -1)) {
            String place = raw.strip();
            if (place.startsWith("country:")) {
                countries.add(country(place.substring(8)));
                afterCountry = true;
            } else if (afterCountry && COUNTRY.matcher(place).matches()) {
                countries.add(country(place));
            } else {
                networks.add(Cidr.parse(place));
                afterCountry = false;
            }
        }
    }

    private static String country(String code) {
        if (!COUNTRY.matcher(code).matches()) {
            throw new IllegalArgumentException("'" + code + "' is not a two-letter ISO 3166-1 country code");
        }
        return code.toUpperCase(Locale.ROOT);
    }

    private static Duration maxAge(String action, Duration defaultMaxAge) {
        if (action.equals("stepup")) {
            return defaultMaxAge;
        }
        if (!action.startsWith("stepup:")) {
            throw new IllegalArgumentException("'" + action + "' is not deny, stepup or stepup:<duration>");
        }
        try {
            Duration d = Duration.parse(action.substring(7));
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("the step-up max age must be positive");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + action.substring(7) + "' is not an ISO-8601 duration", e);
        }
    }
}
