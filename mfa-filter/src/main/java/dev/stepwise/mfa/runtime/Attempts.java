package dev.stepwise.mfa.runtime;

import dev.stepwise.mfa.event.EventHeader;
import dev.stepwise.mfa.core.AccountThrottle;
import dev.stepwise.mfa.core.AttemptReservation;
import dev.stepwise.mfa.core.AttemptState;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.event.UserAgentSummary;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.RecoveryCodes;
import dev.stepwise.mfa.factor.Verification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One attempt on a user's account, for any factor: throttle, verify, record, events (docs/security-model.md,
 * throttling). The attempt is reserved first — counted as a failure in one atomic step, and only if the policy
 * allows one now — so parallel guesses check no more than the policy allows; a locked account's input is not even
 * looked at. Then the factor checks the input:
 * <ul>
 *   <li>accepted: the failures end ({@link AttemptOutcome.Verified}); a factor with {@link RecoveryCodes} tells how many codes
 *       are left ({@link MfaEvent.RecoveryCodeUsed});</li>
 *   <li>rejected: the reservation stays as the failure ({@link MfaEvent.FactorFailed}); the one attempt that
 *       locked the account fires {@link MfaEvent.LockedOut} and a WARNING log line;</li>
 *   <li>unavailable: the factor could not check, which is not the user's failure: the attempt is given back;</li>
 *   <li>a factor that throws: unavailable for the page, but the attempt stays counted — a factor that throws on
 *       bad input must not give unthrottled guesses.</li>
 * </ul>
 * Sending a code is no attempt and never comes here. The event's address and browser are those of {@code ctx}.
 */
public final class Attempts {

    private static final System.Logger LOG = System.getLogger(Attempts.class.getName());

    private final AccountThrottle throttle;
    private final Clock clock;
    private final Consumer<? super MfaEvent> events;

    /**
     * @param throttle the per-account throttle over the store's failure counts
     * @param clock    the library's clock (the events' time)
     * @param events   where audit events go
     */
    public Attempts(AccountThrottle throttle, Clock clock, Consumer<? super MfaEvent> events) {
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * A challenge answered with {@code factor}: a success resets the failures.
     *
     * @param user the user name (the container's caller principal name)
     * @param factor the factor
     * @param input the input
     * @param ctx the challenge's context (what this attempt keeps in the session)
     * @return a challenge answered with {@code factor}: a success resets the failures
     */
    public AttemptOutcome verify(String user, Factor factor, Map<String, String> input, ChallengeContext ctx) {
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(user, "user");
        AccountThrottle.CountedCheck<Verification> counted = counted(factor, user, input, ctx);
        AccountThrottle.AttemptCount count = counted != null ? counted
                : (c, expected, next) -> c.replace(user, expected, next);
        Supplier<Verification> verify = counted != null ? counted::check
                : () -> factor.verify(user, input, ctx);
        return run(user, factor.id(), ctx, count, () -> checked(factor.id(), verify), () -> {
            if (counted == null || !counted.endedFailures()) {
                throttle.recordSuccess(user);
            }
            factor.capability(RecoveryCodes.class).ifPresent(codes ->
                    fire(new MfaEvent.RecoveryCodeUsed(header(user, ctx), codes.remaining(user))));
        });
    }

    /** The factor's {@link AccountThrottle.CountedChecks} check of this attempt, or {@code null} if it has none. */
    @SuppressWarnings("unchecked")
    private static AccountThrottle.CountedCheck<Verification> counted(Factor factor, String user,
                                                                      Map<String, String> input, ChallengeContext ctx) {
        return factor.capability(AccountThrottle.CountedChecks.class)
                .map(c -> (AccountThrottle.CountedCheck<Verification>) c.countedCheck(user, input, ctx))
                .orElse(null);
    }

    /**
     * A code typed to confirm a new factor ({@code check}): an attempt on the account like a challenge's, but a
     * success proves only the new secret just shown, nothing about the account's other factors, so the attempt
     * is given back and earlier failures stay counted. A {@code check} that throws propagates (the attempt stays
     * counted).
     *
     * @param user the user name (the container's caller principal name)
     * @param factorId the factor's id (e.g. {@code totp})
     * @param ctx the challenge's context (what this attempt keeps in the session)
     * @param check the check
     * @return a code typed to confirm a new factor ({@code check}): an attempt on the account like a challenge's, but a success proves only the new secret just shown, nothing about the account's other factors, so the attempt is given back and earlier failures stay counted
     */
    public AttemptOutcome confirm(String user, String factorId, ChallengeContext ctx, Supplier<Verification> check) {
        Objects.requireNonNull(check, "check");
        return run(user, factorId, ctx, (c, expected, next) -> c.replace(user, expected, next),
                () -> Optional.of(check.get()), () -> throttle.giveBack(user));
    }

    /**
     * A sign-in with a credential that names its own user (a passkey): one attempt on that user's account, as a
     * challenge's. A locked account's answer is not checked, a refusal counts one failure (and may lock), a
     * success ends the failures; a {@code check} that throws is unavailable and stays counted.
     *
     * @param user the user the credential belongs to
     * @param factorId the factor's id ({@code webauthn})
     * @param ctx the request's context (the events' address and browser)
     * @param check the check of the credential
     * @return what became of the attempt
     */
    public AttemptOutcome signIn(String user, String factorId, ChallengeContext ctx, Supplier<Verification> check) {
        Objects.requireNonNull(check, "check");
        return run(user, factorId, ctx, (c, expected, next) -> c.replace(user, expected, next),
                () -> checked(factorId, check), () -> throttle.recordSuccess(user));
    }

    private AttemptOutcome run(String user, String factorId, ChallengeContext ctx, AccountThrottle.AttemptCount count,
                               Supplier<Optional<Verification>> check, Runnable onSuccess) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(ctx, "ctx");
        Instant now = clock.instant();
        AttemptReservation reservation = throttle.reserve(user, count);
        if (reservation instanceof AttemptReservation.Refused refused) {
            return new AttemptOutcome.Refused(refused.retryAfterSeconds(),
                    refused instanceof AttemptReservation.Locked);
        }
        AttemptReservation.Reserved reserved = (AttemptReservation.Reserved) reservation;
        Instant started = clock.instant();
        Optional<Verification> outcome = check.get();
        timed(user, factorId, ctx, outcome, Duration.between(started, clock.instant()));
        if (outcome.isEmpty()) {
            return new AttemptOutcome.Unavailable(AttemptOutcome.UNAVAILABLE); // threw: stays counted
        }
        if (outcome.get() instanceof Verification.Rejected rejected) {
            failed(user, factorId, ctx, reserved);
            return new AttemptOutcome.Rejected(rejected.messageKey(), reserved.ifRejected().isLockedAt(now),
                    reserved.ifRejected());
        }
        if (outcome.get() instanceof Verification.Unavailable unavailable) {
            throttle.giveBack(user); // the factor said it could not check: not the user's failure
            return new AttemptOutcome.Unavailable(unavailable.messageKey());
        }
        onSuccess.run();
        return new AttemptOutcome.Verified(((Verification.Accepted) outcome.get()).heldUntil());
    }

    /** The factor's answer, or empty when it threw (logged by class only: the message may hold input). */
    private static Optional<Verification> checked(String factorId, Supplier<Verification> verify) {
        try {
            return Optional.of(verify.get());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Stepwise MFA: factor " + factorId + " failed to verify: "
                    + e.getClass().getName());
            return Optional.empty();
        }
    }

    /** The {@link MfaEvent.FactorChecked} event of a check that ran (empty: it threw). */
    private void timed(String user, String factorId, ChallengeContext ctx, Optional<Verification> outcome,
                       Duration took) {
        String ended = outcome.isEmpty() || outcome.get() instanceof Verification.Unavailable
                ? MfaEvent.FactorChecked.UNAVAILABLE
                : outcome.get() instanceof Verification.Rejected ? MfaEvent.FactorChecked.REJECTED
                : MfaEvent.FactorChecked.VERIFIED;
        fire(new MfaEvent.FactorChecked(header(user, ctx), factorId, ended, took));
    }

    /** A rejected attempt: the failure event, and the lockout when this very failure locked the account. */
    private void failed(String user, String factorId, ChallengeContext ctx, AttemptReservation.Reserved reserved) {
        fire(new MfaEvent.FactorFailed(header(user, ctx), factorId,
                "rejected"));
        if (reserved.locksIfRejected()) {
            AttemptState state = reserved.ifRejected();
            LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: account {0} locked until {1} after {2} failed "
                    + "attempts (last with {3})", user, state.lockedUntil(), state.failures(), factorId);
            fire(new MfaEvent.LockedOut(header(user, ctx), factorId,
                    state.failures(), state.lockedUntil()));
        }
    }

    private void fire(MfaEvent event) {
        events.accept(event);
    }

    /** The browser as events name it: fixed words, never the raw header. */
    /** The header of an event about {@code user} now, from the attempt's client and browser. */
    private EventHeader header(String user, ChallengeContext ctx) {
        return new EventHeader(user, clock.instant(), ctx.clientAddress(), agent(ctx));
    }

    private static String agent(ChallengeContext ctx) {
        return UserAgentSummary.of(ctx.userAgent());
    }
}
