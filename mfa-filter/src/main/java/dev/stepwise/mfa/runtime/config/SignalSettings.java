package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.core.location.LocationRules;
import dev.stepwise.mfa.core.risk.HabitSettings;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Function;

/**
 * The built-in risk signals that are off by default ({@code unusual-time}, {@code impossible-travel},
 * {@code new-country}), the location rules, and the GeoIP database the last two and country rules need.
 *
 * @param habits        which of them are on, at which level, and their settings
 * @param geoIpDatabase the {@code .mmdb} file ({@code stepwise.mfa.geoip.database}), or {@code null}
 * @param location      {@code stepwise.mfa.location.rules}; {@link LocationRules#NONE} when not set
 */
public record SignalSettings(HabitSettings habits, Path geoIpDatabase, LocationRules location) {

    /**
     * Checks the components.
     * @param habits which of them are on, at which level, and their settings
     * @param geoIpDatabase the {@code .mmdb} file, or {@code null}
     * @param location the location rules
     */
    public SignalSettings {
        Objects.requireNonNull(habits, "habits");
        Objects.requireNonNull(location, "location");
        if (geoIpDatabase == null && location.rules().stream().anyMatch(r -> !r.countries().isEmpty())) {
            throw new MfaConfigException(Parameters.GEOIP_DATABASE.name(), "",
                    "the path of a GeoIP2 or GeoLite2 .mmdb file: " + Parameters.LOCATION_RULES.name()
                            + " names countries");
        }
        if (habits.needsGeoIp() && geoIpDatabase == null) {
            throw new MfaConfigException(Parameters.GEOIP_DATABASE.name(), "",
                    "the path of a GeoIP2 or GeoLite2 .mmdb file: impossible-travel and new-country need one");
        }
    }

    /**
     * Reads {@code stepwise.mfa.adaptive.unusual-time}, {@code .impossible-travel}, {@code .new-country} and their
     * settings, {@code stepwise.mfa.location.rules} (a bare {@code stepup} takes
     * {@code stepwise.mfa.stepup.default-max-age}) and {@code stepwise.mfa.geoip.database}.
     *
     * @param source where the configuration values are read from
     * @return the settings
     * @throws MfaConfigException when a value is malformed, the file cannot be read, or a signal that needs the
     *                            database is on without one
     */
    public static SignalSettings read(Function<String, String> source) {
        ZoneId zone = Parameters.ADAPTIVE_TIME_ZONE.read(source);
        HabitSettings habits = new HabitSettings(Parameters.ADAPTIVE_UNUSUAL_TIME.read(source),
                Parameters.ADAPTIVE_UNUSUAL_TIME_HISTORY.read(source), zone != null ? zone : ZoneId.systemDefault(),
                Parameters.ADAPTIVE_IMPOSSIBLE_TRAVEL.read(source), Parameters.ADAPTIVE_MAX_SPEED.read(source),
                Parameters.ADAPTIVE_NEW_COUNTRY.read(source));
        LocationRules location = Policies.locationRules(Parameters.LOCATION_RULES.name(),
                Parameters.LOCATION_RULES.read(source), Parameters.STEPUP_MAX_AGE.read(source));
        return new SignalSettings(habits, Parameters.GEOIP_DATABASE.read(source), location);
    }
}
