package dev.stepwise.mfa.core.risk;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code unusual-time}: the sign-in's local time of day is outside the hours this user usually signs in
 * ({@link UsualHours}, learnt from their own latest sign-ins, widened by an hour). Silent until the user has
 * {@code minimumHistory} sign-ins, and for users who sign in at all hours. The time zone is the user's when the
 * application knows it, else the configured one; since a user is only compared with themselves, a wrong zone
 * shifts both sides alike and matters only for daylight saving and for the hours the page shows.
 *
 * <pre>{@code
 * RiskSignal time = new UnusualTimeSignal(history, user -> ZoneId.of("Europe/Berlin"), 10, RiskLevel.LOW);
 * // "You usually sign in between 08:00 and 19:00."
 * }</pre>
 */
public final class UnusualTimeSignal implements RiskSignal {

    /** The reason id. */
    public static final String ID = "unusual-time";

    /** How far outside the earliest and latest usual sign-in a sign-in is still usual. */
    public static final int MARGIN_MINUTES = 60;

    private final RiskHistory history;
    private final Function<String, ZoneId> zones;
    private final int minimumHistory;
    private final RiskReason reason;

    /**
     * Creates the signal.
     *
     * @param history the user's sign-in history
     * @param zones the time zone of each user (never {@code null}: the configured zone when the user's is unknown)
     * @param minimumHistory sign-ins needed before the signal speaks, 1 to {@link RiskHistory#MAX_SIGN_INS}
     * @param level the level
     */
    public UnusualTimeSignal(RiskHistory history, Function<String, ZoneId> zones, int minimumHistory,
                             RiskLevel level) {
        this.history = Objects.requireNonNull(history, "history");
        this.zones = Objects.requireNonNull(zones, "zones");
        if (minimumHistory < 1 || minimumHistory > RiskHistory.MAX_SIGN_INS) {
            throw new IllegalArgumentException("minimumHistory must be 1 to " + RiskHistory.MAX_SIGN_INS);
        }
        this.minimumHistory = minimumHistory;
        this.reason = RiskReason.of(ID, level);
    }

    @Override
    public Optional<RiskReason> evaluate(RiskContext context) {
        List<SignIn> earlier = history.signIns(context.user());
        if (earlier.size() < minimumHistory) {
            return Optional.empty();
        }
        ZoneId zone = Objects.requireNonNull(zones.apply(context.user()), "zone");
        List<Integer> minutes = new ArrayList<>(earlier.size());
        for (SignIn s : earlier) {
            minutes.add(minuteOfDay(s.at(), zone));
        }
        Optional<UsualHours> usual = UsualHours.of(minutes, MARGIN_MINUTES);
        if (usual.isEmpty() || usual.get().contains(minuteOfDay(context.at(), zone))) {
            return Optional.empty();
        }
        return Optional.of(reason.withArgs(usual.get().fromText(), usual.get().toText()));
    }

    private static int minuteOfDay(Instant at, ZoneId zone) {
        LocalTime t = LocalTime.ofInstant(at, zone);
        return t.getHour() * 60 + t.getMinute();
    }
}
