package dev.stepwise.mfa.core.risk;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code new-country}: the sign-in comes from a country this user did not sign in from during {@code memory}.
 * Silent when the country is unknown, and while no earlier sign-in of the user has a country (the first sign-in,
 * or the first after GeoIP was turned on), so that turning it on does not ask everyone at once. The text names
 * the country the user's latest sign-ins came from most often: "You usually sign in from Germany."
 *
 * <pre>{@code
 * RiskSignal country = new NewCountrySignal(history, Duration.ofDays(90), RiskLevel.MEDIUM);
 * }</pre>
 */
public final class NewCountrySignal implements RiskSignal {

    /** The reason id. */
    public static final String ID = "new-country";

    private final RiskHistory history;
    private final Duration memory;
    private final RiskReason reason;

    /**
     * Creates the signal.
     *
     * @param history the user's sign-in history
     * @param memory how long a country stays known after the user last signed in from it
     * @param level the level
     */
    public NewCountrySignal(RiskHistory history, Duration memory, RiskLevel level) {
        this.history = Objects.requireNonNull(history, "history");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.reason = RiskReason.of(ID, level);
    }

    @Override
    public Optional<RiskReason> evaluate(RiskContext context) {
        Optional<String> here = context.location().flatMap(GeoLocation::countryCode);
        if (here.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> counts = new LinkedHashMap<>();   // newest first: ties go to the most recent
        for (SignIn s : history.signIns(context.user())) {
            s.where().flatMap(GeoLocation::countryCode).ifPresent(c -> counts.merge(c, 1, Integer::sum));
        }
        if (counts.isEmpty() || counts.containsKey(here.get())) {
            return Optional.empty();
        }
        Optional<java.time.Instant> seen = history.lastSeen(context.user(), RiskHistory.Kind.COUNTRY, here.get());
        if (seen.isPresent() && !seen.get().isBefore(context.at().minus(memory))) {
            return Optional.empty();
        }
        String usual = counts.entrySet().stream().max(Comparator.comparingInt(Map.Entry::getValue)).orElseThrow()
                .getKey();
        return Optional.of(reason.withArgs(RiskReason.countryArg(usual)));
    }
}
