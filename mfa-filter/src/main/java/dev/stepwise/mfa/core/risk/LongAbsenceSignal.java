package dev.stepwise.mfa.core.risk;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code long-absence}: the user's previous successful sign-in was {@code absence} or longer ago. A user who has
 * never signed in (or whose history was reset) is not "absent" — the first sign-in is already a new device.
 *
 * <pre>{@code
 * RiskSignal absence = new LongAbsenceSignal(history, Duration.ofDays(30));               // MEDIUM
 * }</pre>
 */
public final class LongAbsenceSignal implements RiskSignal {

    /** The reason id. */
    public static final String ID = "long-absence";

    private final RiskHistory history;
    private final Duration absence;
    private final RiskReason reason;

    /**
     * With the default level {@link RiskLevel#MEDIUM}.
     *
     * @param history the user's sign-in history
     * @param absence the absence
     */
    public LongAbsenceSignal(RiskHistory history, Duration absence) {
        this(history, absence, RiskLevel.MEDIUM);
    }

    /**
     * Creates the long absence signal from its parts.
     *
     * @param history the user's sign-in history
     * @param absence the absence
     * @param level the level
     */
    public LongAbsenceSignal(RiskHistory history, Duration absence, RiskLevel level) {
        this.history = Objects.requireNonNull(history, "history");
        this.absence = Objects.requireNonNull(absence, "absence");
        this.reason = RiskReason.of(ID, level);
    }

    @Override
    public Optional<RiskReason> evaluate(RiskContext context) {
        Optional<Instant> last = history.lastLogin(context.user());
        if (last.isPresent() && !context.at().isBefore(last.get().plus(absence))) {
            return Optional.of(reason);
        }
        return Optional.empty();
    }
}
