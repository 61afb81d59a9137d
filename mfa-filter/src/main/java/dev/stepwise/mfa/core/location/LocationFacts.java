package dev.stepwise.mfa.core.location;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the web layer knows about a request when the location rules judge it.
 *
 * <pre>{@code
 * LocationFacts facts = new LocationFacts(clientAddress.resolve(peer, forwardedFor), roles, "/admin/users",
 *         geoIp::country, lastFactorAt, Instant.now());
 * }</pre>
 *
 * @param address     the client address as {@code ClientAddress} resolved it; empty when it could not be
 *                    resolved (treated as outside every network and country)
 * @param roles       the caller's roles (empty when not signed in)
 * @param path        the request path inside the application, starting with {@code /}
 * @param country     the GeoIP lookup: ISO 3166-1 alpha-2 code of an address, or empty when unknown; called only
 *                    when a rule names countries and no network of that rule already matched
 * @param lastFactor  when this session last proved a factor (not a trusted-device cookie), if ever
 * @param now         the current instant
 */
public record LocationFacts(Optional<InetAddress> address, Set<String> roles, String path,
                            Function<InetAddress, Optional<String>> country, Optional<Instant> lastFactor,
                            Instant now) {

    /**
     * Checks the components.
     * @param address the client address, or empty when unknown
     * @param roles the caller's roles
     * @param path the request path inside the application
     * @param country the GeoIP lookup
     * @param lastFactor when this session last proved a factor, if ever
     * @param now the current instant
     */
    public LocationFacts {
        Objects.requireNonNull(address, "address");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(lastFactor, "lastFactor");
        Objects.requireNonNull(now, "now");
    }
}
