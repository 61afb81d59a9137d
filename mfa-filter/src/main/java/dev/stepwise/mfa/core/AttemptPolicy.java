package dev.stepwise.mfa.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How failed factor attempts slow down and lock an account (NIST SP 800-63B §5.2.2: at most 100 consecutive
 * failures; ASVS 2.2.1; CVE-2024-0227 is what happens without it). Failures are counted per <em>account</em>,
 * across sessions, addresses and nodes, and only a success resets them.
 *
 * <ul>
 *   <li>the first {@code freeFailures} failures cost nothing;</li>
 *   <li>then each failure delays the next attempt: {@code firstDelay} after failure number {@code freeFailures},
 *       doubling with each further failure, at most {@code maxDelay};</li>
 *   <li>failure number {@code maxFailures} locks the account for {@code lockoutDuration} from that failure. The
 *       counter is <em>not</em> reset by the lockout ending (the failures are still consecutive), so after the
 *       lockout a correct attempt succeeds, but another wrong one locks the account again at once.</li>
 * </ul>
 *
 * <pre>{@code
 * AttemptPolicy p = AttemptPolicy.defaults();                     // 10 failures, PT15M, delay after 3: 1 s, 2 s, …
 * AttemptPolicy strict = AttemptPolicy.of(5, Duration.ofHours(1)); // stepwise.mfa.lockout.max-failures = 5
 * }</pre>
 *
 * @param maxFailures     failures that lock the account, 1 to {@value #MAX_FAILURES_LIMIT}
 * @param lockoutDuration how long a lockout lasts, positive
 * @param freeFailures    failures before any delay, ≥ 1
 * @param firstDelay      delay after failure number {@code freeFailures}, positive
 * @param maxDelay        cap of the doubling delay, ≥ {@code firstDelay}
 */
public record AttemptPolicy(int maxFailures, Duration lockoutDuration, int freeFailures, Duration firstDelay,
                            Duration maxDelay) {

    /** NIST SP 800-63B §5.2.2: no more than 100 consecutive failed attempts on one account. */
    public static final int MAX_FAILURES_LIMIT = 100;

    /** Default of {@code stepwise.mfa.lockout.max-failures}. */
    public static final int DEFAULT_MAX_FAILURES = 10;

    /** Default lockout: 15 minutes. */
    public static final Duration DEFAULT_LOCKOUT = Duration.ofMinutes(15);

    /**
     * Checks the components.
     * @param maxFailures failures that lock the account, 1 to {@value #MAX_FAILURES_LIMIT}
     * @param lockoutDuration how long a lockout lasts, positive
     * @param freeFailures failures before any delay, ≥ 1
     * @param firstDelay delay after failure number {@code freeFailures}, positive
     * @param maxDelay cap of the doubling delay, ≥ {@code firstDelay}
     */
    public AttemptPolicy {
        if (maxFailures < 1 || maxFailures > MAX_FAILURES_LIMIT) {
            throw new IllegalArgumentException("maxFailures must be 1 to " + MAX_FAILURES_LIMIT + ", was " + maxFailures);
        }
        requirePositive(lockoutDuration, "lockoutDuration");
        if (freeFailures < 1) {
            throw new IllegalArgumentException("freeFailures must be ≥ 1, was " + freeFailures);
        }
        requirePositive(firstDelay, "firstDelay");
        requirePositive(maxDelay, "maxDelay");
        if (maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must be ≥ firstDelay");
        }
    }

    /**
     * 10 failures lock for 15 minutes; after 3 failures a delay of 1 s, doubling, at most 5 minutes.
     *
     * @return the attempt policy
     */
    public static AttemptPolicy defaults() {
        return of(DEFAULT_MAX_FAILURES, DEFAULT_LOCKOUT);
    }

    /**
     * The given lockout with the default delays (after 3 failures 1 s, doubling, at most 5 minutes).
     *
     * @param maxFailures failures that lock the account, 1 to {@value #MAX_FAILURES_LIMIT}
     * @param lockoutDuration how long a lockout lasts, positive
     * @return the given lockout with the default delays (after 3 failures 1 s, doubling, at most 5 minutes)
     */
    public static AttemptPolicy of(int maxFailures, Duration lockoutDuration) {
        return new AttemptPolicy(maxFailures, lockoutDuration, 3, Duration.ofSeconds(1), Duration.ofMinutes(5));
    }

    /**
     * The delay that {@code failures} consecutive failures impose after the latest one.
     *
     * @param failures the failures
     * @return the delay that {@code failures} consecutive failures impose after the latest one
     */
    public Duration delayAfter(int failures) {
        if (failures < freeFailures) {
            return Duration.ZERO;
        }
        int doublings = failures - freeFailures;
        // 2^30 seconds is decades: beyond that the cap has long applied, and the shift would overflow
        if (doublings >= 30) {
            return maxDelay;
        }
        Duration d = firstDelay.multipliedBy(1L << doublings);
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }

    /**
     * Whether {@code failures} consecutive failures lock the account.
     *
     * @param failures the failures
     * @return whether {@code failures} consecutive failures lock the account
     */
    public boolean locks(int failures) {
        return failures >= maxFailures;
    }

    /**
     * How many more consecutive failures the account may make before the lockout, after {@code failures} (what a
     * client is told with a rejected attempt, README "JSON challenge API"); zero when locked.
     *
     * @param failures the consecutive failures counted so far, this attempt's included
     * @return {@code maxFailures - failures}, never below zero
     */
    public int attemptsLeft(int failures) {
        if (failures < 0) {
            throw new IllegalArgumentException("failures must be ≥ 0, was " + failures);
        }
        return Math.max(0, maxFailures - failures);
    }

    /**
     * The state of an account with these failures.
     *
     * @param count the count
     * @return the state of an account with these failures
     */
    public AttemptState evaluate(FailureCount count) {
        Objects.requireNonNull(count, "count");
        if (count.failures() == 0) {
            return AttemptState.CLEAR;
        }
        Instant last = count.lastFailureAt();
        Instant notBefore = last.plus(delayAfter(count.failures()));
        Instant lockedUntil = Instant.EPOCH;
        if (locks(count.failures())) {
            lockedUntil = last.plus(lockoutDuration);
            if (lockedUntil.isAfter(notBefore)) {
                notBefore = lockedUntil;
            }
        }
        return new AttemptState(count.failures(), lockedUntil, notBefore);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
