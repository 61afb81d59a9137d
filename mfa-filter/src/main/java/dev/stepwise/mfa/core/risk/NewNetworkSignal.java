package dev.stepwise.mfa.core.risk;

import dev.stepwise.mfa.core.net.Cidr;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code new-network}: the client's network ({@link Cidr#networkOf}: its IPv4 /24 or IPv6 /48) is not one this
 * user signed in from during {@code memory}. A prefix rather than the address, because home and mobile addresses
 * change within their provider's pool. No opinion when the address is unknown.
 *
 * <p>Its default level is {@link RiskLevel#LOW}: people travel and phones change networks all day, so a new network
 * alone does not ask for a factor under the default threshold; together with another weak hint it does.
 *
 * <pre>{@code
 * RiskSignal newNetwork = new NewNetworkSignal(history, Duration.ofDays(90));             // LOW
 * }</pre>
 */
public final class NewNetworkSignal implements RiskSignal {

    /** The reason id. */
    public static final String ID = "new-network";

    private final RiskHistory history;
    private final Duration memory;
    private final RiskReason reason;

    /**
     * With the default level {@link RiskLevel#LOW}.
     *
     * @param history the user's sign-in history
     * @param memory the memory
     */
    public NewNetworkSignal(RiskHistory history, Duration memory) {
        this(history, memory, RiskLevel.LOW);
    }

    /**
     * Creates the new network signal from its parts.
     *
     * @param history the user's sign-in history
     * @param memory the memory
     * @param level the level
     */
    public NewNetworkSignal(RiskHistory history, Duration memory, RiskLevel level) {
        this.history = Objects.requireNonNull(history, "history");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.reason = RiskReason.of(ID, level);
    }

    @Override
    public Optional<RiskReason> evaluate(RiskContext context) {
        Optional<Cidr> network = context.network();
        if (network.isEmpty()
                || history.seenNetwork(context.user(), network.get().toString(), context.at().minus(memory))) {
            return Optional.empty();
        }
        return Optional.of(reason);
    }
}
