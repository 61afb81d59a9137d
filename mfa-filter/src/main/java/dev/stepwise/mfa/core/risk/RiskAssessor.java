package dev.stepwise.mfa.core.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs every {@link RiskSignal} on a sign-in and combines what they report into a {@link RiskAssessment}.
 *
 * <pre>{@code
 * RiskAssessor assessor = RiskAssessor.withBuiltIns(history, AdaptiveSettings.defaults(), applicationSignals);
 * RiskAssessment risk = assessor.assess(context);
 * Decision d = policy.decideLogin(new LoginPolicy.Adaptive(RiskLevel.MEDIUM), LoginFacts.NONE.withRisk(risk),
 *         caller, state, enrolled);
 * }</pre>
 *
 * <p>Fails closed: a signal that throws a {@link RuntimeException} adds the reason {@value #SIGNAL_FAILED} at
 * {@link RiskLevel#HIGH} (and a warning naming the signal's class for the operator; the exception itself only at
 * debug level, since its message might carry request data). A signal returning {@code null} counts as no opinion.
 * Thread-safe when the signals are.
 */
public final class RiskAssessor {

    /** The reason id given for a signal that failed. */
    public static final String SIGNAL_FAILED = "signal-failed";

    private static final System.Logger LOG = System.getLogger(RiskAssessor.class.getName());

    private final List<RiskSignal> signals;

    /** @param signals evaluated in this order; the order of the assessment's reasons */
    public RiskAssessor(List<RiskSignal> signals) {
        this.signals = List.copyOf(signals);
    }

    /**
     * The built-in signals of {@code settings} followed by {@code applicationSignals}.
     *
     * @param history the user's sign-in history
     * @param settings the settings
     * @param applicationSignals the application signals
     * @return the built-in signals of {@code settings} followed by {@code applicationSignals}
     */
    public static RiskAssessor withBuiltIns(RiskHistory history, AdaptiveSettings settings,
                                            List<? extends RiskSignal> applicationSignals) {
        List<RiskSignal> all = new ArrayList<>(settings.builtInSignals(history));
        all.addAll(applicationSignals);
        return new RiskAssessor(all);
    }

    /** {@return the signals, in evaluation order} */
    public List<RiskSignal> signals() {
        return signals;
    }

    /**
     * Evaluates every signal on {@code context}.
     *
     * @param context the context
     * @return the risk assessment
     */
    public RiskAssessment assess(RiskContext context) {
        Objects.requireNonNull(context, "context");
        List<RiskReason> reasons = new ArrayList<>();
        for (RiskSignal signal : signals) {
            Optional<RiskReason> reason;
            try {
                reason = signal.evaluate(context);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: risk signal {0} failed with {1}; the sign-in "
                        + "counts as high risk", signal.getClass().getName(), e.getClass().getName());
                LOG.log(System.Logger.Level.DEBUG, "risk signal failure", e);
                reason = Optional.of(RiskReason.of(SIGNAL_FAILED, RiskLevel.HIGH));
            }
            if (reason != null) {
                reason.ifPresent(reasons::add);
            }
        }
        return RiskAssessment.of(reasons);
    }
}
