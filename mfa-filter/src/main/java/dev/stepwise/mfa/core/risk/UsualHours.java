package dev.stepwise.mfa.core.risk;

import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The part of the day a user usually signs in, learnt from the local times of their earlier sign-ins: the shortest
 * stretch of the 24-hour clock that holds all of them (it may run past midnight), widened by a margin and rounded
 * out to whole hours. A user whose sign-ins leave less than {@value #MIN_QUIET_HOURS} hours of the day free has
 * no usual hours.
 *
 * <pre>{@code
 * UsualHours.of(List.of(9 * 60, 12 * 60 + 30, 17 * 60 + 45), 60);   // 08:00 to 19:00
 * UsualHours.of(List.of(22 * 60, 1 * 60), 60);                      // 21:00 to 02:00, over midnight
 * }</pre>
 *
 * @param fromMinute the first minute of the day inside (a multiple of 60)
 * @param toMinute   the end, exclusive (a multiple of 60; below {@code fromMinute} when it runs past midnight)
 */
public record UsualHours(int fromMinute, int toMinute) {

    /** Minutes in a day. */
    public static final int DAY = 24 * 60;

    /** Hours of the day that must stay free of sign-ins for a pattern to exist. */
    public static final int MIN_QUIET_HOURS = 4;

    /**
     * Checks the components.
     * @param fromMinute the first minute of the day inside (a multiple of 60)
     * @param toMinute the end, exclusive (a multiple of 60)
     */
    public UsualHours {
        if (fromMinute < 0 || fromMinute >= DAY || toMinute < 0 || toMinute >= DAY || fromMinute % 60 != 0
                || toMinute % 60 != 0 || fromMinute == toMinute) {
            throw new IllegalArgumentException("usual hours are two different whole hours of the day");
        }
    }

    /**
     * The usual hours of these sign-in times.
     *
     * @param minutesOfDay the local minute of the day (0 to 1439) of each earlier sign-in
     * @param marginMinutes how far before the earliest and after the latest a sign-in is still usual
     * @return the usual hours, or empty when there are no sign-ins or they leave too little of the day free
     */
    public static Optional<UsualHours> of(Collection<Integer> minutesOfDay, int marginMinutes) {
        TreeSet<Integer> sorted = new TreeSet<>(minutesOfDay);
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        // the largest gap between neighbours on the clock is the quiet part; the stretch is the rest
        int gapStart = sorted.last();
        int gap = sorted.first() + DAY - sorted.last();
        Integer previous = null;
        for (int m : sorted) {
            if (previous != null && m - previous > gap) {
                gap = m - previous;
                gapStart = previous;
            }
            previous = m;
        }
        int first = Math.floorMod(gapStart + gap, DAY);
        int from = floorHour(first - marginMinutes);
        int to = ceilHour(gapStart + marginMinutes);
        int quiet = DAY - Math.floorMod(to - from, DAY);
        if (quiet < MIN_QUIET_HOURS * 60 || quiet == DAY) {
            return Optional.empty();
        }
        return Optional.of(new UsualHours(from, Math.floorMod(to, DAY)));
    }

    /**
     * Whether {@code minuteOfDay} is inside.
     *
     * @param minuteOfDay 0 to 1439
     * @return whether a sign-in at that local time is usual
     */
    public boolean contains(int minuteOfDay) {
        return Math.floorMod(minuteOfDay - fromMinute, DAY) < Math.floorMod(toMinute - fromMinute, DAY);
    }

    /** {@return the start as {@code HH:00}} */
    public String fromText() {
        return text(fromMinute);
    }

    /** {@return the end as {@code HH:00}} */
    public String toText() {
        return text(toMinute);
    }

    private static String text(int minute) {
        return String.format(java.util.Locale.ROOT, "%02d:00", minute / 60);
    }

    private static int floorHour(int minute) {
        return Math.floorMod(Math.floorDiv(minute, 60) * 60, DAY);
    }

    private static int ceilHour(int minute) {
        return Math.floorDiv(minute + 59, 60) * 60;
    }
}
