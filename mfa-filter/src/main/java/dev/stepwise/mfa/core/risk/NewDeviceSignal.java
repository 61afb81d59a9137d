package dev.stepwise.mfa.core.risk;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code new-device}: the browser sent no device cookie, or one this user has not signed in with during
 * {@code memory}. The device cookie is a long-lived random value in an HttpOnly cookie, set by the adapter
 * after a successful sign-in; clearing cookies makes a device new again.
 *
 * <pre>{@code
 * RiskSignal newDevice = new NewDeviceSignal(history, Duration.ofDays(90));              // MEDIUM
 * RiskSignal strict = new NewDeviceSignal(history, Duration.ofDays(90), RiskLevel.HIGH);
 * }</pre>
 */
public final class NewDeviceSignal implements RiskSignal {

    /** The reason id. */
    public static final String ID = "new-device";

    private final RiskHistory history;
    private final Duration memory;
    private final RiskReason reason;

    /**
     * With the default level {@link RiskLevel#MEDIUM}.
     *
     * @param history the user's sign-in history
     * @param memory the memory
     */
    public NewDeviceSignal(RiskHistory history, Duration memory) {
        this(history, memory, RiskLevel.MEDIUM);
    }

    /**
     * Creates the new device signal from its parts.
     *
     * @param history the user's sign-in history
     * @param memory the memory
     * @param level the level
     */
    public NewDeviceSignal(RiskHistory history, Duration memory, RiskLevel level) {
        this.history = Objects.requireNonNull(history, "history");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.reason = RiskReason.of(ID, level);
    }

    @Override
    public Optional<RiskReason> evaluate(RiskContext context) {
        Optional<String> device = context.device();
        if (device.isPresent() && history.seenDevice(context.user(), device.get(), context.at().minus(memory))) {
            return Optional.empty();
        }
        return Optional.of(reason);
    }
}
