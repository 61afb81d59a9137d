package dev.stepwise.mfa.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * The rules of a push approval with number matching (docs/push.md, "Approval with number matching"): the numbers
 * shown, what a choice on the approval page does, and what "Continue" on the challenge page does. Pure: the
 * caller gives the stored state, the time and the facts; the store makes each transition atomic.
 *
 * <pre>
 *   PENDING --right number--------------> APPROVED --Continue, same session--> USED
 *   PENDING --wrong number, "wasn't me"--> DENIED
 * </pre>
 * Only a pending approval before its expiry takes a choice, and only once. Every other state is final.
 */
public final class ApprovalRules {

    /** The smallest number shown. */
    public static final int LOW = 10;
    /** The largest number shown. */
    public static final int HIGH = 99;

    /** Where an approval stands. */
    public enum State {
        /** Waiting for the device's choice. */
        PENDING,
        /** The device chose the number the sign-in page shows. */
        APPROVED,
        /** The device chose another number, or "This wasn't me". */
        DENIED,
        /** The sign-in page continued with it: spent. */
        USED
    }

    /** What a choice on the approval page does. */
    public enum Pick {
        /** The right number: the approval becomes {@link State#APPROVED}. */
        APPROVE,
        /** A wrong number or "This wasn't me": {@link State#DENIED}, counted as one failed attempt. */
        DENY,
        /** Not pending any more, or expired: nothing changes. */
        REFUSED
    }

    /** What "Continue" on the challenge page does. */
    public enum Continuation {
        /** Approved for this very session: spend it ({@link State#USED}) and sign in. */
        USE,
        /** Still pending: not yet, and not a failure. */
        WAIT,
        /** Denied, spent, expired or another session's: a failed attempt. */
        FAIL
    }

    /**
     * The number to match and two decoys: three distinct numbers from {@value #LOW} to {@value #HIGH}.
     *
     * @param number the number the sign-in page shows
     * @param decoyA a number the page does not show
     * @param decoyB another number the page does not show
     */
    public record Choices(int number, int decoyA, int decoyB) {
        /**
         * Checks the components.
         *
         * @param number the number the sign-in page shows
         * @param decoyA a number the page does not show
         * @param decoyB another number the page does not show
         */
        public Choices {
            if (!inRange(number) || !inRange(decoyA) || !inRange(decoyB) || number == decoyA || number == decoyB
                    || decoyA == decoyB) {
                throw new IllegalArgumentException("three distinct numbers from " + LOW + " to " + HIGH);
            }
        }

        /** {@return the three numbers in ascending order: their place tells nothing} */
        public List<Integer> shown() {
            return List.of(number, decoyA, decoyB).stream().sorted().toList();
        }
    }

    private ApprovalRules() {
    }

    /**
     * Three distinct numbers, each uniform over the range.
     *
     * @param random a {@code SecureRandom} in production
     * @return the choices
     */
    public static Choices choices(RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        int span = HIGH - LOW + 1;
        int number = LOW + random.nextInt(span);
        int a;
        do {
            a = LOW + random.nextInt(span);
        } while (a == number);
        int b;
        do {
            b = LOW + random.nextInt(span);
        } while (b == number || b == a);
        return new Choices(number, a, b);
    }

    /**
     * Whether {@code value} is a number an approval page may send.
     *
     * @param value the number
     * @return whether it is from {@value #LOW} to {@value #HIGH}
     */
    public static boolean inRange(int value) {
        return value >= LOW && value <= HIGH;
    }

    /**
     * What a choice on the approval page does.
     *
     * @param state     the stored state
     * @param expiresAt when the approval ends
     * @param now       the time
     * @param choices   the stored numbers
     * @param choice    the number chosen, or empty for "This wasn't me"
     * @return approve, deny, or refused (nothing changes)
     */
    public static Pick pick(State state, Instant expiresAt, Instant now, Choices choices, OptionalInt choice) {
        Objects.requireNonNull(choices, "choices");
        if (state != State.PENDING || !now.isBefore(expiresAt)) {
            return Pick.REFUSED;
        }
        return choice.isPresent() && choice.getAsInt() == choices.number() ? Pick.APPROVE : Pick.DENY;
    }

    /**
     * What "Continue" does.
     *
     * @param state       the stored state
     * @param expiresAt   when the approval ends
     * @param now         the time
     * @param sameSession whether the continuing session is the one that started the approval
     * @return use, wait, or fail
     */
    public static Continuation onContinue(State state, Instant expiresAt, Instant now, boolean sameSession) {
        Objects.requireNonNull(state, "state");
        if (!sameSession || !now.isBefore(expiresAt)) {
            return Continuation.FAIL;
        }
        return switch (state) {
            case APPROVED -> Continuation.USE;
            case PENDING -> Continuation.WAIT;
            default -> Continuation.FAIL;
        };
    }
}
