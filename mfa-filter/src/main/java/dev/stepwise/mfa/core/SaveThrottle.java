package dev.stepwise.mfa.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Per-user throttle of a costly save (saving security questions derives up to
 * {@value QuestionRules#MAX_QUESTIONS} PBKDF2 keys): at most {@value #SAVES} saves of one kind per user within
 * {@link #WINDOW}, decided before any of the work is done.
 *
 * <p>Each save takes one of {@value #SAVES} numbered slots ({@code <kind>-1} …), each a reservation that lasts
 * {@link #WINDOW} and is taken in one atomic step by the store ({@link Slots#reserve}): the JDBC store's send
 * reservations, so every node shares the count and of any number of simultaneous saves on any nodes at most
 * {@value #SAVES} win. A slot is never given back: a save that failed after its slot was taken still did (part of)
 * the work. When the store cannot be reached the save fails with it (fail closed).
 *
 * <pre>{@code
 * SaveThrottle throttle = new SaveThrottle(SaveThrottle.QUESTIONS, store.oneTimeCodes()::reserveSend, clock);
 * if (!throttle.reserve(user)) {
 *     return tooManyRequests(SaveThrottle.WINDOW);   // nothing hashed, nothing changed
 * }
 * }</pre>
 */
public final class SaveThrottle {

    /** Saves one user may make of one kind within {@link #WINDOW}. */
    public static final int SAVES = 3;

    /** How long each save holds its slot. */
    public static final Duration WINDOW = Duration.ofMinutes(10);

    /** The kind of save of security questions (the slots are {@code questions-save-1} …). */
    public static final String QUESTIONS = "questions-save";

    /** Bundle key of the refusal: saved too often just now, nothing changed, try again later. */
    public static final String ERROR_BUSY = "stepwise.mfa.error.too-many-saves";

    /** Where slots are reserved: one atomic step per call, shared by every node. */
    @FunctionalInterface
    public interface Slots {
        /**
         * Takes {@code slot} of {@code user} until {@code now + window} if, and only if, it is free at {@code now}
         * (no earlier reservation lasts beyond {@code now}); of concurrent calls for one free slot exactly one wins.
         *
         * @param user   the user name (the container's caller principal name)
         * @param slot   the slot's name
         * @param now    the current instant
         * @param window how long the slot is held
         * @return whether this call took the slot
         */
        boolean reserve(String user, String slot, Instant now, Duration window);
    }

    private final String kind;
    private final Slots slots;
    private final Clock clock;

    /**
     * Creates the throttle of one kind of save.
     *
     * @param kind  the kind of save, e.g. {@link #QUESTIONS}; the slots are named after it
     * @param slots where the slots are reserved
     * @param clock the clock that tells the time
     */
    public SaveThrottle(String kind, Slots slots, Clock clock) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.slots = Objects.requireNonNull(slots, "slots");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reserves one save of {@code user} now: the first free slot, if any.
     *
     * @param user the user name (the container's caller principal name)
     * @return whether the save may be done; {@code false}: refuse it, do none of its work
     */
    public boolean reserve(String user) {
        Objects.requireNonNull(user, "user");
        Instant now = clock.instant();
        for (int i = 1; i <= SAVES; i++) {
            if (slots.reserve(user, slot(kind, i), now, WINDOW)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The name of slot {@code number} of {@code kind}.
     *
     * @param kind   the kind of save
     * @param number 1 to {@value #SAVES}
     * @return {@code <kind>-<number>}
     */
    public static String slot(String kind, int number) {
        return kind + "-" + number;
    }
}
