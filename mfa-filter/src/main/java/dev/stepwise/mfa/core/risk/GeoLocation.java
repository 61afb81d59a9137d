package dev.stepwise.mfa.core.risk;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a sign-in came from, as far as the GeoIP database knows: the country, the place, or both.
 *
 * <pre>{@code
 * GeoLocation here = GeoLocation.of("de", new GeoPoint(52.52, 13.40, 20));   // country "DE"
 * GeoLocation.of("D€", null);                                             // empty: neither is usable
 * }</pre>
 *
 * @param country the ISO 3166-1 alpha-2 code in upper case, or {@code null} when unknown
 * @param point   the place, or {@code null} when unknown
 */
public record GeoLocation(String country, GeoPoint point) {

    /**
     * Checks the components.
     * @param country the ISO 3166-1 alpha-2 code in upper case, or {@code null} when unknown
     * @param point the place, or {@code null} when unknown
     */
    public GeoLocation {
        if (country != null && !isCountryCode(country)) {
            throw new IllegalArgumentException("a country is two letters A-Z");
        }
        if (country == null && point == null) {
            throw new IllegalArgumentException("a location has a country or a point");
        }
    }

    /**
     * The location of a lookup's answer, whatever its shape: a code that is not two ASCII letters counts as
     * unknown (the database is a file from outside); empty when nothing usable is left.
     *
     * @param country the code as the database has it, or {@code null}
     * @param point the place, or {@code null}
     * @return the location, or empty
     */
    public static Optional<GeoLocation> of(String country, GeoPoint point) {
        String code = country == null ? null : country.toUpperCase(Locale.ROOT);
        if (code != null && !isCountryCode(code)) {
            code = null;
        }
        return code == null && point == null ? Optional.empty() : Optional.of(new GeoLocation(code, point));
    }

    /** {@return the country code, if known} */
    public Optional<String> countryCode() {
        return Optional.ofNullable(country);
    }

    /** {@return the place, if known} */
    public Optional<GeoPoint> place() {
        return Optional.ofNullable(point);
    }

    /** {@return this location as the history stores it: the country, and the point {@link GeoPoint#rounded}} */
    public GeoLocation rounded() {
        return new GeoLocation(country, point == null ? null : point.rounded());
    }

    private static boolean isCountryCode(String code) {
        return code.length() == 2 && isLetter(code.charAt(0)) && isLetter(code.charAt(1));
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
