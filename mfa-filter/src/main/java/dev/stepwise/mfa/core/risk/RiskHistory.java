package dev.stepwise.mfa.core.risk;

import java.time.Instant;
import java.util.List;
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
        LOGIN,
        /** A country, as its ISO 3166-1 alpha-2 code ({@code new-country}); expires like devices and networks. */
        COUNTRY
    }

    /** How many of a user's latest sign-ins {@link #signIns} keeps. */
    int MAX_SIGN_INS = 50;

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
     * Deletes the {@link Kind#DEVICE}, {@link Kind#NETWORK} and {@link Kind#COUNTRY} entries last seen before
     * {@code cutoff} (now minus {@code memory}), and the {@link #signIns} before it; {@link Kind#LOGIN} entries
     * stay.
     *
     * @param cutoff the cutoff
     * @return how many entries were deleted (sign-ins not counted)
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
     * The user's latest successful sign-ins, newest first, at most {@link #MAX_SIGN_INS}: what the time-of-day
     * and location signals learn from. A history that keeps none returns an empty list (the default), and those
     * signals then stay silent.
     *
     * @param user the user name (the container's caller principal name)
     * @return the sign-ins, newest first
     */
    default List<SignIn> signIns(String user) {
        return List.of();
    }

    /**
     * Keeps one successful sign-in for {@link #signIns}, dropping the oldest beyond {@link #MAX_SIGN_INS}. Does
     * nothing by default.
     *
     * @param user the user name (the container's caller principal name)
     * @param signIn the sign-in, its location already {@link GeoLocation#rounded}
     */
    default void recordSignIn(String user, SignIn signIn) {
        // a history that keeps no sign-ins: the time-of-day and location signals stay silent
    }

    /**
     * Records a successful sign-in: the login time, the device, network and country of {@code context} when
     * known, and the sign-in with its location rounded ({@link GeoLocation#rounded}; the address is not kept).
     * Call it only after the sign-in succeeded.
     *
     * @param context the context
     */
    default void recordLogin(RiskContext context) {
        context.device().ifPresent(d -> record(context.user(), Kind.DEVICE, d, context.at()));
        context.network().ifPresent(n -> record(context.user(), Kind.NETWORK, n.toString(), context.at()));
        context.location().flatMap(GeoLocation::countryCode)
                .ifPresent(c -> record(context.user(), Kind.COUNTRY, c, context.at()));
        recordSignIn(context.user(), new SignIn(context.at(), context.location().map(GeoLocation::rounded)
                .orElse(null)));
        record(context.user(), Kind.LOGIN, "", context.at());
    }
}
