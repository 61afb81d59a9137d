package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.totp.TotpSecret;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The soak's accounts and what the client knows of each. A user is lent to one journey at a time ({@link #lease}),
 * so its fields need no locks (lending and giving back synchronise); the checks read them after the run.
 *
 * <p>A TOTP code works once per user and step (RFC 6238 §5.2): a user is lent for a code only when the client has
 * not yet used the current step for them, so the load is as many sign-ins as there are users per 30 seconds, and
 * each code the client submits as the owner's is submitted once (its replay on the other node aside).
 */
final class ClusterSoakUsers {

    /** Seconds per TOTP step (RFC 6238's default, the library's). */
    static final long STEP_SECONDS = 30;

    /** One account. */
    static final class User {
        final String name;
        final boolean trusting;
        final boolean wrongCodesOnly;
        TotpSecret secret;
        long lastStep = -1;
        private int visits;
        String trustCookie;
        final Deque<String> recoveryCodes = new ArrayDeque<>();
        /** Steps whose code the client submitted as the owner (not counting replays). */
        final Set<Long> submittedSteps = new TreeSet<>();
        int recoveryAccepted;
        int recoveryIssued;
        int trustCookiesSeen;
        boolean enrolmentSeen;

        User(String name, TotpSecret secret, boolean trusting, boolean wrongCodesOnly) {
            this.name = name;
            this.secret = secret;
            this.trusting = trusting;
            this.wrongCodesOnly = wrongCodesOnly;
        }

        /** The node of this user's next visit: the nodes in turn, as a load balancer without stickiness would. */
        int nextNode(int nodes) {
            return visits++ % nodes;
        }

        /** Whether the client may still use the current step's code for this user. */
        boolean hasFreshStep() {
            return secret != null && lastStep < currentStep();
        }

        /** Takes the current step's code: the step is used up for this user. */
        String takeCode() {
            long step = currentStep();
            lastStep = step;
            submittedSteps.add(step);
            return codeAt(step);
        }

        String codeAt(long step) {
            return TotpCodes.at(secret, Instant.ofEpochSecond(step * STEP_SECONDS));
        }
    }

    private final List<User> all = new ArrayList<>();
    private final List<User> unconfirmed = new ArrayList<>();
    private final Deque<User> idle = new ArrayDeque<>();

    /** How far the nodes' (test) clocks are ahead of this JVM's, in milliseconds: see {@link #followNodeClock}. */
    private static volatile long nodeClockAhead;

    /**
     * Computes codes at the nodes' time from now on: their test clocks run with the real time but may have been
     * moved forward together by an earlier test of the same nodes.
     */
    static void followNodeClock(Instant nodeTime) {
        nodeClockAhead = nodeTime.toEpochMilli() - System.currentTimeMillis();
    }

    /** The current TOTP step by the nodes' clock. */
    static long currentStep() {
        return (System.currentTimeMillis() + nodeClockAhead) / 1000 / STEP_SECONDS;
    }

    /** Adds a user (before the run, or an enrolment during it). */
    synchronized User add(User user) {
        all.add(user);
        idle.add(user);
        return user;
    }

    /** A set-up of an authenticator app that failed on the server: its outcome is unknown to the client. */
    synchronized void unconfirmed(User user) {
        unconfirmed.add(user);
    }

    synchronized List<User> unconfirmed() {
        return List.copyOf(unconfirmed);
    }

    /** Every user, for the checks after the run (when no journey holds one). */
    synchronized List<User> all() {
        return List.copyOf(all);
    }

    /** Lends an idle user that {@code wanted} accepts, if there is one now; give it back with {@link #release}. */
    synchronized Optional<User> lease(Predicate<User> wanted) {
        for (Iterator<User> it = idle.iterator(); it.hasNext(); ) {
            User u = it.next();
            if (wanted.test(u)) {
                it.remove();
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    /** Gives a user back, behind the others (so that the users take turns). */
    synchronized void release(User user) {
        idle.addLast(user);
    }

    /** A wrong code for {@code user}: six digits that are none of the codes of the steps around now. */
    static String wrongCode(User user, java.util.Random random) {
        while (true) {
            String candidate = String.format("%06d", random.nextInt(1_000_000));
            long now = currentStep();
            if (user.secret == null || (!candidate.equals(user.codeAt(now - 1)) && !candidate.equals(user.codeAt(now))
                    && !candidate.equals(user.codeAt(now + 1)))) {
                return candidate;
            }
        }
    }
}
