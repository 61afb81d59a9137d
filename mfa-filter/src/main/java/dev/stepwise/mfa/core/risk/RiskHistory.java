package dev.stepwise.mfa.core.risk;

import java.time.Instant;
import java.util.Optional;

/**
 * What successful sign-ins have taught about each user: the devices and networks they came from, and when they
 * last signed in. One entry per (user, kind, value) with the time it was last seen, so a table is simply
 *
 * <pre>{@code
 * CREATE TABLE stepwise_risk_history (
 *     user_name  VARCHAR(255) NOT NULL,
 *     kind       VARCHAR(16)  NOT NULL,     -- DEVICE, NETWORK, LOGIN
 *     item       VARCHAR(128) NOT NULL,     -- device id, "203.0.113.0/24", "" for LOGIN
 *     last_seen  TIMESTAMP    NOT NULL,
 *     PRIMARY KEY (user_name, kind, item));
 * }</pre>
 *
 * <p>Device and network entries expire: the signals treat an entry last seen longer than
 * {@code stepwise.mfa.adaptive.memory} ago as unknown, and {@link #forgetBefore} deletes such entries (run it
 * from time to time). The {@link Kind#LOGIN} entry — one per user — is not expired by {@code forgetBefore}, so a
 * long absence is still noticed after the device and network entries are gone.
 *
 * <p>Only a sign-in that ended successfully (MFA passed, or not asked) may be recorded, never one that was
 * merely attempted: otherwise someone with a stolen password would make their own device "known" by failing the
 * challenge once. Nor one let through by an administrator's exemption ({@code Granted(EXEMPT)}): whoever used
 * it proved no factor. Implementations are thread-safe; {@link #record} keeps the later of two times, so concurrent
 * sign-ins on two nodes cannot move {@code last_seen} backwards.
 *
 * <pre>{@code
 * RiskAssessment risk = assessor.assess(context);
 * ... challenge if needed ...
 * history.recordLogin(context);         // after the sign-in succeeded
 * }</pre>
 */
public interface RiskHistory {

    /** The three kinds of entry. */
    enum Kind {
        /** A device cookie value. */
        DEVICE,
        /** A network, as {@code Cidr#toString()} of {@code Cidr.networkOf} (/24 or /48). */
        NETWORK,
        /** The user's last successful sign-in; the value is empty. */
        LOGIN
    }

    /**
     * When {@code user} was last seen with {@code value} of {@code kind}, or empty if never (or forgotten).
     *
     * @param user the user name (the container's caller principal name)
     * @param kind the kind
     * @param value the value
     * @return when {@code user} was last seen with {@code value} of {@code kind}, or empty if never (or forgotten)
     */
    Optional<Instant> lastSeen(String user, Kind kind, String value);

    /**
     * Remembers that {@code user} was seen with {@code value} of {@code kind} at {@code at}: inserts the entry or,
     * if it exists, sets its time to the later of the stored time and {@code at}. Atomic per entry.
     *
     * @param user the user name (the container's caller principal name)
     * @param kind the kind
     * @param value the value
     * @param at the instant
     */
    void record(String user, Kind kind, String value, Instant at);

    /**
     * Deletes the {@link Kind#DEVICE} and {@link Kind#NETWORK} entries last seen before {@code cutoff} (now minus
     * {@code memory}); {@link Kind#LOGIN} entries stay.
     *
     * @param cutoff the cutoff
     * @return how many entries were deleted
     */
    int forgetBefore(Instant cutoff);

    /**
     * Deletes everything about {@code user} (account deleted, or an administrator reset their MFA).
     *
     * @param user the user name (the container's caller principal name)
     */
    void forget(String user);

    /**
     * When {@code user} last signed in successfully, if ever.
     *
     * @param user the user name (the container's caller principal name)
     * @return when {@code user} last signed in successfully, if ever
     */
    default Optional<Instant> lastLogin(String user) {
        return lastSeen(user, Kind.LOGIN, "");
    }

    /**
     * Whether {@code user} used {@code deviceId} at or after {@code since}.
     *
     * @param user the user name (the container's caller principal name)
     * @param deviceId the trusted device's id
     * @param since the since
     * @return whether {@code user} used {@code deviceId} at or after {@code since}
     */
    default boolean seenDevice(String user, String deviceId, Instant since) {
        return lastSeen(user, Kind.DEVICE, deviceId).filter(t -> !t.isBefore(since)).isPresent();
    }

    /**
     * Whether {@code user} came from {@code network} (as {@code Cidr#toString()}) at or after {@code since}.
     *
     * @param user the user name (the container's caller principal name)
     * @param network the network
     * @param since the since
     * @return whether {@code user} came from {@code network} (as {@code Cidr#toString()}) at or after {@code since}
     */
    default boolean seenNetwork(String user, String network, Instant since) {
        return lastSeen(user, Kind.NETWORK, network).filter(t -> !t.isBefore(since)).isPresent();
    }

    /**
     * Records a successful sign-in: the login time, and the device and network of {@code context} when known.
     * Call it only after the sign-in succeeded.
     *
     * @param context the context
     */
    default void recordLogin(RiskContext context) {
        context.device().ifPresent(d -> record(context.user(), Kind.DEVICE, d, context.at()));
        context.network().ifPresent(n -> record(context.user(), Kind.NETWORK, n.toString(), context.at()));
        record(context.user(), Kind.LOGIN, "", context.at());
    }
}
