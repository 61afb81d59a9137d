package dev.stepwise.mfa.runtime.geo;

import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.model.CountryResponse;
import com.maxmind.geoip2.record.Location;
import dev.stepwise.mfa.core.risk.GeoLocation;
import dev.stepwise.mfa.core.risk.GeoPoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The only class that names MaxMind's reader ({@code com.maxmind.geoip2:geoip2}, optional): loaded only when
 * {@code stepwise.mfa.geoip.database} is set. Reads City databases (country and place) and Country databases
 * (country only); the file is memory-mapped by the reader and shared by all threads.
 */
final class MaxMindLocator implements IpLocator {

    private final DatabaseReader reader;
    private final boolean city;
    private final boolean ipv4Only;

    private MaxMindLocator(DatabaseReader reader, boolean city) {
        this.reader = reader;
        this.city = city;
        this.ipv4Only = reader.getMetadata().ipVersion() == 4;
    }

    /** Opens the file and checks it is a City or Country database. */
    static MaxMindLocator open(Path file) throws IOException {
        DatabaseReader reader = new DatabaseReader.Builder(file.toFile()).build();
        String type = String.valueOf(reader.getMetadata().databaseType());
        boolean city = type.contains("City") || type.contains("Enterprise");
        if (!city && !type.contains("Country")) {
            reader.close();
            throw new IOException("database type " + type + " has no countries (a City or Country database is needed)");
        }
        return new MaxMindLocator(reader, city);
    }

    @Override
    public Optional<GeoLocation> locate(InetAddress address) {
        if (ipv4Only && address instanceof Inet6Address) {
            return Optional.empty();               // an IPv4 database knows no IPv6 address
        }
        try {
            if (city) {
                return reader.tryCity(address).flatMap(MaxMindLocator::of);
            }
            return reader.tryCountry(address).flatMap(MaxMindLocator::of);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeoIp2Exception e) {
            throw new UncheckedIOException(new IOException(e.getClass().getSimpleName()));
        }
    }

    private static Optional<GeoLocation> of(CityResponse r) {
        return GeoLocation.of(r.country() == null ? null : r.country().isoCode(), point(r.location()));
    }

    private static Optional<GeoLocation> of(CountryResponse r) {
        return GeoLocation.of(r.country() == null ? null : r.country().isoCode(), null);
    }

    private static GeoPoint point(Location l) {
        if (l == null || l.latitude() == null || l.longitude() == null) {
            return null;
        }
        double lat = l.latitude();
        double lon = l.longitude();
        Integer radius = l.accuracyRadius();
        // no radius: the place is not known better than a country; a value outside the record's range: not usable
        int km = radius == null ? 1000 : radius;
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180) || km < 0 || km > GeoPoint.MAX_ACCURACY_KM) {
            return null;
        }
        return new GeoPoint(lat, lon, km);
    }
}
