package dev.stepwise.mfa.core.risk;

import dev.stepwise.mfa.core.net.Cidr;
import dev.stepwise.mfa.core.net.IpLiteral;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known about one sign-in when its risk is assessed. The adapter builds it right after primary login:
 *
 * <pre>{@code
 * RiskContext context = new RiskContext(
 *         user,
 *         clock.instant(),
 *         deviceCookieValue,                                  // null when the browser sent none
 *         clientAddresses.resolve(request.getRemoteAddr(), xffHeaders).orElse(null),
 *         throttle.check(user).failures(),
 *         request.getHeader("User-Agent"));
 * RiskAssessment risk = assessor.assess(context);
 * }</pre>
 *
 * @param user           the principal signing in
 * @param at             when (the library's clock)
 * @param deviceId       the long-lived random device cookie, or {@code null} when absent; a value that is not
 *                       1 to {@value #MAX_DEVICE_ID} printable ASCII characters is treated as absent (it came from
 *                       the client, so it is never trusted to be well-formed)
 * @param clientAddress  the client's address as {@code ClientAddress} resolved it, or {@code null} when unknown;
 *                       an IPv4-mapped IPv6 address is stored as IPv4
 * @param recentFailures consecutive failed factor attempts on this account (from the throttle), ≥ 0
 * @param userAgent      the {@code User-Agent} header, or {@code null}; for application signals only
 * @param geoLocation    where the address is according to the application's GeoIP database
 *                       ({@code stepwise.mfa.geoip.database}), or {@code null} when there is none or it does not
 *                       know the address
 */
public record RiskContext(String user, Instant at, String deviceId, InetAddress clientAddress, int recentFailures,
                          String userAgent, GeoLocation geoLocation) {

    /** Longest device id considered. */
    public static final int MAX_DEVICE_ID = 128;

    /**
     * Checks the components.
     * @param user the principal signing in
     * @param at when (the library's clock)
     * @param deviceId the long-lived random device cookie, or {@code null} when absent; a value that is not 1 to {@value #MAX_DEVICE_ID} printable ASCII characters is treated as absent (it came from the client, so it is never trusted to be well-formed)
     * @param clientAddress the client's address as {@code ClientAddress} resolved it, or {@code null} when unknown; an IPv4-mapped IPv6 address is stored as IPv4
     * @param recentFailures consecutive failed factor attempts on this account (from the throttle), ≥ 0
     * @param userAgent the {@code User-Agent} header, or {@code null}; for application signals only
     * @param geoLocation where the address is according to the GeoIP database, or {@code null}
     */
    public RiskContext {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(at, "at");
        deviceId = isPlausibleDeviceId(deviceId) ? deviceId : null;
        clientAddress = clientAddress == null ? null : IpLiteral.unmap(clientAddress);
        if (recentFailures < 0) {
            throw new IllegalArgumentException("recentFailures must not be negative: " + recentFailures);
        }
    }

    /**
     * A sign-in without a GeoIP location.
     *
     * @param user the principal signing in
     * @param at when (the library's clock)
     * @param deviceId the device cookie, or {@code null}
     * @param clientAddress the client's address, or {@code null}
     * @param recentFailures consecutive failed factor attempts on this account, ≥ 0
     * @param userAgent the {@code User-Agent} header, or {@code null}
     */
    public RiskContext(String user, Instant at, String deviceId, InetAddress clientAddress, int recentFailures,
                       String userAgent) {
        this(user, at, deviceId, clientAddress, recentFailures, userAgent, null);
    }

    /** {@return where the sign-in comes from, if the GeoIP database knows} */
    public Optional<GeoLocation> location() {
        return Optional.ofNullable(geoLocation);
    }

    /** {@return the device cookie, if the browser sent a well-formed one} */
    public Optional<String> device() {
        return Optional.ofNullable(deviceId);
    }

    /** {@return the client's address, if known} */
    public Optional<InetAddress> address() {
        return Optional.ofNullable(clientAddress);
    }

    /** {@return the client's network ({@link Cidr#networkOf}: /24 or /48), if its address is known} */
    public Optional<Cidr> network() {
        return address().map(Cidr::networkOf);
    }

    private static boolean isPlausibleDeviceId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_DEVICE_ID) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
