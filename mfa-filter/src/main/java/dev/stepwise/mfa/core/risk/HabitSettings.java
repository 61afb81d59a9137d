package dev.stepwise.mfa.core.risk;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The settings of the signals that compare a sign-in with the user's habits: the time of day, the country and the
 * travel speed. Each is off by default ({@link RiskLevel#NONE}); turning one on gives its level:
 *
 * <pre>{@code
 * <context-param><param-name>stepwise.mfa.adaptive.unusual-time</param-name><param-value>low</param-value>
 * </context-param>
 * <context-param><param-name>stepwise.mfa.adaptive.impossible-travel</param-name><param-value>high</param-value>
 * </context-param>
 * <context-param><param-name>stepwise.mfa.geoip.database</param-name>
 *   <param-value>/var/lib/GeoIP/GeoLite2-City.mmdb</param-value></context-param>
 * }</pre>
 *
 * @param unusualTime      level of {@code unusual-time}, {@code NONE} when off
 * @param minimumHistory   sign-ins a user needs before {@code unusual-time} speaks
 * @param timeZone         the zone of users whose own zone the application does not give
 * @param impossibleTravel level of {@code impossible-travel}, {@code NONE} when off
 * @param maxKmPerHour     the fastest believable travel between two sign-ins
 * @param newCountry       level of {@code new-country}, {@code NONE} when off
 */
public record HabitSettings(RiskLevel unusualTime, int minimumHistory, ZoneId timeZone, RiskLevel impossibleTravel,
                            int maxKmPerHour, RiskLevel newCountry) {

    /** Default of {@code stepwise.mfa.adaptive.unusual-time.history}. */
    public static final int DEFAULT_MINIMUM_HISTORY = 10;
    /** Default of {@code stepwise.mfa.adaptive.max-speed}, km/h: an airliner. */
    public static final int DEFAULT_MAX_KM_PER_HOUR = 900;

    /**
     * Checks the components.
     * @param unusualTime level of {@code unusual-time}, {@code NONE} when off
     * @param minimumHistory sign-ins a user needs before {@code unusual-time} speaks
     * @param timeZone the zone of users whose own zone the application does not give
     * @param impossibleTravel level of {@code impossible-travel}, {@code NONE} when off
     * @param maxKmPerHour the fastest believable travel between two sign-ins
     * @param newCountry level of {@code new-country}, {@code NONE} when off
     */
    public HabitSettings {
        Objects.requireNonNull(unusualTime, "unusualTime");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(impossibleTravel, "impossibleTravel");
        Objects.requireNonNull(newCountry, "newCountry");
        if (minimumHistory < 1 || minimumHistory > RiskHistory.MAX_SIGN_INS) {
            throw new IllegalArgumentException("minimumHistory must be 1 to " + RiskHistory.MAX_SIGN_INS);
        }
        if (maxKmPerHour < 1) {
            throw new IllegalArgumentException("maxKmPerHour must be positive");
        }
    }

    /**
     * All three off.
     *
     * @param zone the default zone
     * @return the settings
     */
    public static HabitSettings off(ZoneId zone) {
        return new HabitSettings(RiskLevel.NONE, DEFAULT_MINIMUM_HISTORY, zone, RiskLevel.NONE,
                DEFAULT_MAX_KM_PER_HOUR, RiskLevel.NONE);
    }

    /** {@return whether a signal that needs a GeoIP database is on} */
    public boolean needsGeoIp() {
        return impossibleTravel != RiskLevel.NONE || newCountry != RiskLevel.NONE;
    }

    /**
     * The signals that are on, in the order time, travel, country.
     *
     * @param history the user's sign-in history
     * @param memory how long a country stays known ({@code stepwise.mfa.adaptive.memory})
     * @param userZones the application's zone of a user, or {@code null} when it does not know it
     * @return the signals that are on
     */
    public List<RiskSignal> signals(RiskHistory history, Duration memory, Function<String, ZoneId> userZones) {
        List<RiskSignal> on = new ArrayList<>(3);
        if (unusualTime != RiskLevel.NONE) {
            Function<String, ZoneId> zones = user -> {
                ZoneId own = userZones.apply(user);
                return own != null ? own : timeZone;
            };
            on.add(new UnusualTimeSignal(history, zones, minimumHistory, unusualTime));
        }
        if (impossibleTravel != RiskLevel.NONE) {
            on.add(new ImpossibleTravelSignal(history, maxKmPerHour, impossibleTravel));
        }
        if (newCountry != RiskLevel.NONE) {
            on.add(new NewCountrySignal(history, memory, newCountry));
        }
        return List.copyOf(on);
    }
}
