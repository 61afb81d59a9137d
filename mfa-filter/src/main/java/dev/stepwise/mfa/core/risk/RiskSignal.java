package dev.stepwise.mfa.core.risk;

import java.util.Optional;

/**
 * One thing that can make a sign-in look risky. The library has four built in ({@link NewDeviceSignal},
 * {@link NewNetworkSignal}, {@link RecentFailuresSignal}, {@link LongAbsenceSignal}); applications add their own
 * as CDI beans implementing this interface, and {@link RiskAssessor} combines all of them.
 *
 * <p>A signal answers quickly and does not change anything; what a successful sign-in teaches is stored
 * afterwards ({@link RiskHistory#recordLogin}). A signal that throws is counted as a {@link RiskLevel#HIGH}
 * reason {@code signal-failed} (fail closed), so an outage of, say, a GeoIP database asks for a second factor
 * rather than waving everyone through.
 *
 * <p>Example: "impossible travel" from a GeoIP database, remembering where each user last signed in:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class ImpossibleTravel implements RiskSignal {
 *
 *     private static final double MAX_KM_PER_HOUR = 900;   // an airliner
 *
 *     @Inject GeoIpLookup geoIp;           // the application's: address → Optional<LatLon>
 *     @Inject LastLocations lastLocations; // the application's: user → Optional<LatLonAt>, updated after login
 *
 *     @Override
 *     public Optional<RiskReason> evaluate(RiskContext context) {
 *         Optional<LatLon> here = context.address().flatMap(geoIp::locate);
 *         Optional<LatLonAt> before = lastLocations.of(context.user());
 *         if (here.isEmpty() || before.isEmpty()) {
 *             return Optional.empty();                       // nothing to compare: no opinion
 *         }
 *         double km = here.get().kilometresTo(before.get().place());
 *         double hours = Math.max(Duration.between(before.get().at(), context.at()).toMinutes() / 60.0, 0.25);
 *         if (km / hours > MAX_KM_PER_HOUR) {
 *             // message "stepwise.mfa.risk.impossible-travel" goes into the application's bundle
 *             return Optional.of(RiskReason.of("impossible-travel", RiskLevel.HIGH));
 *         }
 *         return Optional.empty();
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface RiskSignal {

    /**
     * The reason this sign-in looks risky, or empty when this signal sees nothing unusual.
     *
     * @param context what is known about the sign-in
     * @return the reason this sign-in looks risky, or empty when this signal sees nothing unusual
     */
    Optional<RiskReason> evaluate(RiskContext context);
}
