package dev.stepwise.mfa.core.risk;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/** Haversine distances, radii, rounding, and the location's checks of data from outside. */
class GeoPointTest {

    private static final GeoPoint BERLIN = new GeoPoint(52.5200, 13.4050, 0);
    private static final GeoPoint PARIS = new GeoPoint(48.8566, 2.3522, 0);

    @Test
    void haversineDistancesOfKnownPairs() {
        assertThat(BERLIN.kilometresTo(PARIS)).isCloseTo(878, within(2.0));
        assertThat(PARIS.kilometresTo(BERLIN)).isCloseTo(BERLIN.kilometresTo(PARIS), within(1e-9));
        assertThat(BERLIN.kilometresTo(BERLIN)).isZero();
        // antipodes: half the circumference, no NaN from rounding
        assertThat(new GeoPoint(0, 0, 0).kilometresTo(new GeoPoint(0, 180, 0))).isCloseTo(20015, within(5.0));
        // across the date line: short, not around the world
        assertThat(new GeoPoint(0, 179.5, 0).kilometresTo(new GeoPoint(0, -179.5, 0))).isCloseTo(111, within(1.0));
    }

    @Test
    void leastDistanceTakesOffBothRadiiAndNeverGoesBelowZero() {
        GeoPoint vagueBerlin = new GeoPoint(52.52, 13.405, 100);
        GeoPoint vagueParis = new GeoPoint(48.8566, 2.3522, 200);

        assertThat(vagueBerlin.leastKilometresTo(vagueParis)).isCloseTo(578, within(2.0));
        assertThat(new GeoPoint(52.52, 13.405, 1000).leastKilometresTo(vagueParis)).isZero();
    }

    @Test
    void roundedIsOnATenthOfADegreeAndItsRadiusStillHoldsTheTruePlace() {
        GeoPoint exact = new GeoPoint(52.5649, -13.4551, 1);

        GeoPoint stored = exact.rounded();

        assertThat(stored.latitude()).isEqualTo(52.6);
        assertThat(stored.longitude()).isEqualTo(-13.5);
        assertThat(stored.kilometresTo(exact)).isCloseTo(4.9, within(0.1));
        assertThat(stored.accuracyKm()).as("1 km, and the 4.9 km it moved").isEqualTo(6);
        assertThat(stored.rounded()).as("rounding twice changes nothing").isEqualTo(stored);
        GeoPoint worst = new GeoPoint(0.05, 0.05, 0).rounded();
        assertThat(worst.accuracyKm()).isLessThanOrEqualTo(GeoPoint.ROUNDING_KM);
    }

    @Test
    void impossibleCoordinatesAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(Double.NaN, 0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(90.1, 0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(0, -180.5, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(0, 0, -1));
        assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(0, Double.POSITIVE_INFINITY, 0));
    }

    @Test
    void countryCodesFromTheDatabaseAreTwoAsciiLettersOrUnknown() {
        assertThat(GeoLocation.of("de", null)).contains(new GeoLocation("DE", null));
        assertThat(GeoLocation.of("D\u20ac", null)).isEmpty();
        assertThat(GeoLocation.of("DEU", PARIS)).contains(new GeoLocation(null, PARIS));
        assertThat(GeoLocation.of("\u0130T", null)).as("dotted capital I").isEmpty();
        assertThat(GeoLocation.of("", null)).isEqualTo(Optional.empty());
        assertThatIllegalArgumentException().isThrownBy(() -> new GeoLocation("xx", null));
    }

    @Test
    void usualHoursOfOnePointAreThePointWithItsMargin() {
        assertThat(UsualHours.of(java.util.List.of(12 * 60 + 30), 60)).contains(new UsualHours(11 * 60, 14 * 60));
        assertThat(UsualHours.of(java.util.List.of(), 60)).isEmpty();
    }
}
