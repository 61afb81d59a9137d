package dev.stepwise.mfa.runtime.geo;

import dev.stepwise.mfa.core.risk.GeoLocation;

import java.net.InetAddress;
import java.util.Optional;

/** Where an address is, according to a GeoIP database. */
@FunctionalInterface
public interface IpLocator {

    /**
     * The location of {@code address}.
     *
     * @param address the client's address (IPv4 or IPv6)
     * @return the location, or empty when the database does not know the address or knows nothing usable
     * @throws java.io.UncheckedIOException when the database cannot be read
     */
    Optional<GeoLocation> locate(InetAddress address);
}
