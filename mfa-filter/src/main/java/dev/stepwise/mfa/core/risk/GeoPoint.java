package dev.stepwise.mfa.core.risk;

/**
 * A place on Earth as a GeoIP database gives it for an address: latitude and longitude in degrees, and the radius
 * in kilometres within which the address is likely to be (MaxMind's {@code accuracy_radius}).
 *
 * <pre>{@code
 * GeoPoint berlin = new GeoPoint(52.52, 13.40, 20);
 * GeoPoint paris = new GeoPoint(48.86, 2.35, 20);
 * berlin.kilometresTo(paris);              // about 878
 * berlin.leastKilometresTo(paris);         // about 838: each may be 20 km off
 * berlin.rounded();                        // 52.5, 13.4, radius widened by the rounding: what is stored
 * }</pre>
 *
 * @param latitude   degrees, -90 to 90
 * @param longitude  degrees, -180 to 180
 * @param accuracyKm radius in kilometres, 0 to {@value #MAX_ACCURACY_KM}
 */
public record GeoPoint(double latitude, double longitude, int accuracyKm) {

    /** Largest radius accepted (half the Earth's circumference). */
    public static final int MAX_ACCURACY_KM = 20_038;

    /** Mean Earth radius in kilometres (the haversine formula's sphere). */
    public static final double EARTH_RADIUS_KM = 6371.0088;

    /**
     * The grid the history stores on: a tenth of a degree (at most about 11 km north-south). Rounding moves a
     * point by at most half a step in each direction, at most about {@value #ROUNDING_KM} km, which is added to the
     * radius.
     */
    public static final double STORED_STEP_DEGREES = 0.1;

    /** Upper bound of the distance rounding to {@link #STORED_STEP_DEGREES} moves a point, in kilometres. */
    public static final int ROUNDING_KM = 8;

    /**
     * Checks the components.
     * @param latitude degrees, -90 to 90
     * @param longitude degrees, -180 to 180
     * @param accuracyKm radius in kilometres, 0 to {@value #MAX_ACCURACY_KM}
     */
    public GeoPoint {
        if (!(latitude >= -90 && latitude <= 90)) {       // also refuses NaN
            throw new IllegalArgumentException("latitude must be -90 to 90, was " + latitude);
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("longitude must be -180 to 180, was " + longitude);
        }
        if (accuracyKm < 0 || accuracyKm > MAX_ACCURACY_KM) {
            throw new IllegalArgumentException("accuracyKm must be 0 to " + MAX_ACCURACY_KM + ", was " + accuracyKm);
        }
    }

    /**
     * The great-circle distance to {@code other} (haversine formula on a sphere of {@link #EARTH_RADIUS_KM}).
     *
     * @param other the other point
     * @return the distance in kilometres between the two centres
     */
    public double kilometresTo(GeoPoint other) {
        double lat1 = Math.toRadians(latitude);
        double lat2 = Math.toRadians(other.latitude);
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(other.longitude - longitude);
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /**
     * The shortest distance the two places may really be apart: the distance between the centres less both radii,
     * never below 0.
     *
     * @param other the other point
     * @return the distance in kilometres the two places are at least apart
     */
    public double leastKilometresTo(GeoPoint other) {
        return Math.max(0, kilometresTo(other) - accuracyKm - other.accuracyKm);
    }

    /**
     * This point as the history stores it: on the {@link #STORED_STEP_DEGREES} grid, its radius widened by the
     * whole kilometres the rounding moved it (at most {@link #ROUNDING_KM}), so that the stored place still
     * contains the true one. A point on the grid stays as it is, so rounding twice widens nothing more.
     *
     * @return the rounded point
     */
    public GeoPoint rounded() {
        GeoPoint grid = new GeoPoint(round(latitude), round(longitude), accuracyKm);
        int moved = (int) Math.ceil(grid.kilometresTo(this) - 1e-9);
        return moved <= 0 ? grid : new GeoPoint(grid.latitude, grid.longitude,
                Math.min(MAX_ACCURACY_KM, accuracyKm + moved));
    }

    private static double round(double degrees) {
        return Math.round(degrees * 10) / 10.0;
    }
}
