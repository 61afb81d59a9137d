package dev.stepwise.mfa.runtime;

import dev.stepwise.mfa.core.risk.AdaptiveSettings;
import dev.stepwise.mfa.core.risk.GeoLocation;
import dev.stepwise.mfa.core.risk.RiskAssessment;
import dev.stepwise.mfa.core.risk.RiskAssessor;
import dev.stepwise.mfa.core.risk.RiskContext;
import dev.stepwise.mfa.core.risk.RiskHistory;
import dev.stepwise.mfa.core.risk.RiskLevel;
import dev.stepwise.mfa.core.risk.RiskReason;
import dev.stepwise.mfa.core.risk.RiskSignal;
import dev.stepwise.mfa.core.risk.UserTimeZones;
import dev.stepwise.mfa.runtime.config.SignalSettings;
import dev.stepwise.mfa.runtime.geo.GeoIp;
import dev.stepwise.mfa.runtime.geo.IpLocator;

import java.net.InetAddress;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The adaptive login's signals as configured: the built-in ones, those off by default that are on, and the
 * application's; and the GeoIP lookup that gives a sign-in its location. Built at deployment
 * ({@link #configure}), which opens the GeoIP database (a bad file fails the deployment).
 *
 * <p>A lookup that fails at run time (the file went bad) fails closed: the sign-in gets the reason
 * {@value RiskAssessor#SIGNAL_FAILED} at {@code HIGH}; it is recorded without a location.
 */
public final class RiskSignals {

    private static final System.Logger LOG = System.getLogger(RiskSignals.class.getName());

    private final RiskAssessor assessor;
    private final IpLocator locator;

    private RiskSignals(RiskAssessor assessor, IpLocator locator) {
        this.assessor = assessor;
        this.locator = locator;
    }

    /**
     * Builds the signals.
     *
     * @param locator the opened GeoIP database ({@link #open}), or {@code null}
     * @param adaptive the adaptive settings
     * @param signals the off-by-default signals and the GeoIP database
     * @param history the sign-in history
     * @param userZones the application's zones of users (may be empty)
     * @param appSignals the application's signals
     * @return the signals
     */
    public static RiskSignals configure(IpLocator locator, AdaptiveSettings adaptive, SignalSettings signals,
                                        RiskHistory history, Iterable<UserTimeZones> userZones,
                                        Iterable<RiskSignal> appSignals) {
        List<RiskSignal> all = new ArrayList<>(adaptive.builtInSignals(history));
        all.addAll(signals.habits().signals(history, adaptive.memory(), user -> zoneOf(userZones, user)));
        appSignals.forEach(all::add);
        return new RiskSignals(new RiskAssessor(all), locator);
    }

    /**
     * Opens the configured GeoIP database, at deployment.
     *
     * @param signals the settings naming it
     * @return the locator, or {@code null} when none is configured
     * @throws dev.stepwise.mfa.runtime.config.MfaConfigException when the file cannot be used
     */
    public static IpLocator open(SignalSettings signals) {
        return signals.geoIpDatabase() == null ? null : GeoIp.open(signals.geoIpDatabase());
    }

    private static ZoneId zoneOf(Iterable<UserTimeZones> zones, String user) {
        for (UserTimeZones z : zones) {
            Optional<ZoneId> zone = z.zoneOf(user);
            if (zone != null && zone.isPresent()) {
                return zone.get();
            }
        }
        return null;
    }

    /** {@return the assessor of every signal} */
    public RiskAssessor assessor() {
        return assessor;
    }

    /**
     * Assesses a sign-in, first giving it the location of its address.
     *
     * @param context the sign-in without a location
     * @return the assessment
     */
    public RiskAssessment assess(RiskContext context) {
        Objects.requireNonNull(context, "context");
        GeoLocation location;
        try {
            location = locate(context.clientAddress()).orElse(null);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: the GeoIP lookup failed with {0}; the sign-in "
                    + "counts as high risk", e.getClass().getName());
            List<RiskReason> reasons = new ArrayList<>(assessor.assess(context).reasons());
            reasons.add(RiskReason.of(RiskAssessor.SIGNAL_FAILED, RiskLevel.HIGH));
            return RiskAssessment.of(reasons);
        }
        return assessor.assess(withLocation(context, location));
    }

    /**
     * The context with the location of its address, for the history after a successful sign-in; without one
     * when the lookup fails (the sign-in already succeeded).
     *
     * @param context the sign-in without a location
     * @return the context to record
     */
    public RiskContext located(RiskContext context) {
        try {
            return withLocation(context, locate(context.clientAddress()).orElse(null));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: the GeoIP lookup failed with {0}; the sign-in is "
                    + "recorded without a location", e.getClass().getName());
            return context;
        }
    }

    /**
     * The country of an address for the location rules; empty when there is no database, the database does not
     * know, or the lookup fails (the rules then treat the address as outside: fail closed).
     *
     * @param address the client address
     * @return the ISO 3166-1 alpha-2 code, or empty
     */
    public Optional<String> country(InetAddress address) {
        try {
            return locate(address).flatMap(GeoLocation::countryCode);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: the GeoIP lookup failed with {0}; the location rules "
                    + "treat the address as outside", e.getClass().getName());
            return Optional.empty();
        }
    }

    private Optional<GeoLocation> locate(InetAddress address) {
        return locator == null || address == null ? Optional.empty() : locator.locate(address);
    }

    private static RiskContext withLocation(RiskContext c, GeoLocation location) {
        return new RiskContext(c.user(), c.at(), c.deviceId(), c.clientAddress(), c.recentFailures(), c.userAgent(),
                location);
    }
}
