package dev.stepwise.mfa.core.risk;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code impossible-travel}: getting from the place of the user's last located sign-in to this one would take
 * faster than {@code maxKmPerHour}. The distance is the haversine distance less both places' accuracy radii
 * ({@link GeoPoint#leastKilometresTo}), so coarse locations do not raise it; the time is at least a minute, so a
 * clock that went backwards counts as a minute rather than as no time. Silent when this sign-in or every earlier
 * one has no place (first sign-in, address not in the database, no database).
 *
 * <pre>{@code
 * RiskSignal travel = new ImpossibleTravelSignal(history, 900, RiskLevel.HIGH);   // an airliner
 * }</pre>
 */
public final class ImpossibleTravelSignal implements RiskSignal {

    /** The reason id. */
    public static final String ID = "impossible-travel";

    /** The shortest time counted between two sign-ins. */
    public static final Duration MIN_ELAPSED = Duration.ofMinutes(1);

    private final RiskHistory history;
    private final double maxKmPerHour;
    private final RiskReason reason;

    /**
     * Creates the signal.
     *
     * @param history the user's sign-in history
     * @param maxKmPerHour the fastest believable travel, in km/h (positive)
     * @param level the level
     */
    public ImpossibleTravelSignal(RiskHistory history, double maxKmPerHour, RiskLevel level) {
        this.history = Objects.requireNonNull(history, "history");
        if (!(maxKmPerHour > 0) || Double.isInfinite(maxKmPerHour)) {
            throw new IllegalArgumentException("maxKmPerHour must be positive, was " + maxKmPerHour);
        }
        this.maxKmPerHour = maxKmPerHour;
        this.reason = RiskReason.of(ID, level);
    }

    @Override
    public Optional<RiskReason> evaluate(RiskContext context) {
        Optional<GeoPoint> here = context.location().flatMap(GeoLocation::place);
        if (here.isEmpty()) {
            return Optional.empty();
        }
        for (SignIn before : history.signIns(context.user())) {
            Optional<GeoPoint> there = before.where().flatMap(GeoLocation::place);
            if (there.isPresent()) {
                Duration elapsed = Duration.between(before.at(), context.at());
                if (elapsed.compareTo(MIN_ELAPSED) < 0) {
                    elapsed = MIN_ELAPSED;
                }
                double hours = elapsed.toMillis() / 3_600_000.0;
                double km = here.get().leastKilometresTo(there.get());
                return km / hours > maxKmPerHour ? Optional.of(reason) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
