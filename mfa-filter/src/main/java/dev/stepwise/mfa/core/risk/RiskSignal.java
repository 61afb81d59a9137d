package dev.stepwise.mfa.core.risk;

import java.util.Optional;

/**
 * One thing that can make a sign-in look risky. The library has four built in ({@link NewDeviceSignal},
 * {@link NewNetworkSignal}, {@link RecentFailuresSignal}, {@link LongAbsenceSignal}) and three more off by
 * default; applications add their own as CDI beans implementing this interface, and {@link RiskAssessor} combines
 * all of them.
 *
 * <p>A signal answers quickly and does not change anything; what a successful sign-in teaches is stored
 * afterwards ({@link RiskHistory#recordLogin}). A signal that throws is counted as a {@link RiskLevel#HIGH}
 * reason {@code signal-failed} (fail closed), so an outage of, say, a reputation service asks for a second factor
 * rather than waving everyone through.
 *
 * <p>Example: an address on the application's list of anonymising proxies (the built-in signals of time and place,
 * {@link UnusualTimeSignal}, {@link ImpossibleTravelSignal} and {@link NewCountrySignal}, are turned on by
 * configuration):
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class KnownProxy implements RiskSignal {
 *
 *     @Inject ProxyList proxies;           // the application's: address → boolean
 *
 *     @Override
 *     public Optional<RiskReason> evaluate(RiskContext context) {
 *         if (context.address().filter(proxies::contains).isEmpty()) {
 *             return Optional.empty();                       // nothing known: no opinion
 *         }
 *         // message "stepwise.mfa.risk.known-proxy" goes into the application's bundle
 *         return Optional.of(RiskReason.of("known-proxy", RiskLevel.MEDIUM));
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
