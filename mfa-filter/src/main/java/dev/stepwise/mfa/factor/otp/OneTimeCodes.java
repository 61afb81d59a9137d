package dev.stepwise.mfa.factor.otp;

import dev.stepwise.mfa.factor.Verification;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules every out-of-band code factor shares, for one channel ({@code "email"}, {@code "sms"}):
 * <ul>
 *   <li>codes of {@link OneTimeCodeSettings#digits()} digits from {@link SecureRandom}, stored only as an
 *       HMAC ({@link CodeHasher}) — NIST SP 800-63B rev4 §3.1.3, ASVS 4.0.3 2.7.4/2.7.6;</li>
 *   <li>valid for {@link OneTimeCodeSettings#validity()} (≤ 10 minutes) and usable once — ASVS 2.7.2/2.7.3;</li>
 *   <li>sending a code replaces the previous one: only the newest is valid;</li>
 *   <li>a send within {@link OneTimeCodeSettings#resendCooldown()} of the last one is refused with the time
 *       left ({@link SendOutcome.CoolingDown}); SMS costs money and mail floods annoy. The cooldown is a
 *       reservation in the store ({@link OneTimeCodeStore#reserveSend}) taken before the delivery, so of any
 *       number of sends on any nodes sharing the store within one cooldown exactly one delivers;</li>
 *   <li>the code is stored only after it was delivered: a failed send changes nothing, and gives its
 *       reservation back when no message can have gone out (no connection, or refused), so the user may retry
 *       at once ({@link SendOutcome.NotDelivered}); a timeout keeps it;</li>
 *   <li>nothing here counts or resets failures — throttling is per account, elsewhere, and a resend must not
 *       reset it (docs/security-model.md).</li>
 * </ul>
 *
 * <pre>{@code
 * OneTimeCodes codes = new OneTimeCodes("email", OneTimeCodeSettings.defaults(), store, hasher, clock);
 * SendOutcome sent = codes.send("alice", (code, validFor) -> mailer.send(to, code, validFor, locale));
 * Verification v = codes.verify("alice", form.get("code"));
 * }</pre>
 *
 * <p>Time comes only from the injected {@link Clock}. Store exceptions propagate (the caller fails closed).
 * Thread-safe. Never logs.
 */
public final class OneTimeCodes {

    /** Shown when the code is wrong. */
    public static final String ERROR_CODE = "stepwise.mfa.error.code";
    /** Shown when there is no valid code any more (expired, used, never sent): "request a new code". */
    public static final String ERROR_EXPIRED = "stepwise.mfa.error.code-expired";

    private final String channel;
    private final OneTimeCodeSettings settings;
    private final OneTimeCodeStore store;
    private final CodeHasher hasher;
    private final Clock clock;
    private final OneTimeCodeGenerator generator;
    /** Users with a send under way on this node: parallel sends on one node wait for it instead of delivering. */
    private final Set<String> sending = ConcurrentHashMap.newKeySet();

    /**
     * @param channel  the factor id the codes belong to
     * @param settings digits, validity, cooldown
     * @param store    where pending codes live (shared by all nodes in a cluster)
     * @param hasher   the keyed hash (same pepper on all nodes)
     * @param clock    the only time source
     */
    public OneTimeCodes(String channel, OneTimeCodeSettings settings, OneTimeCodeStore store, CodeHasher hasher,
                        Clock clock) {
        this(channel, settings, store, hasher, clock, new SecureRandom());
    }

    /**
     * As above, with the random source given (tests).
     *
     * @param channel the factor id the codes belong to
     * @param settings digits, validity, cooldown
     * @param store where pending codes live (shared by all nodes in a cluster)
     * @param hasher the keyed hash (same pepper on all nodes)
     * @param clock the only time source
     * @param random the source of randomness
     */
    public OneTimeCodes(String channel, OneTimeCodeSettings settings, OneTimeCodeStore store, CodeHasher hasher,
                        Clock clock, SecureRandom random) {
        this.channel = Objects.requireNonNull(channel, "channel");
        if (channel.isBlank()) {
            throw new IllegalArgumentException("channel must not be blank");
        }
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.generator = new OneTimeCodeGenerator(Objects.requireNonNull(random, "random"), settings.digits());
    }

    /** {@return the channel} */
    public String channel() {
        return channel;
    }

    /** {@return the one time code settings} */
    public OneTimeCodeSettings settings() {
        return settings;
    }

    /** {@return the current time of the injected clock} */
    public Instant now() {
        return clock.instant();
    }

    /**
     * Sends a new code unless the cooldown forbids it. On success the new code replaces any earlier one; on a
     * delivery failure nothing is stored and the earlier code (if still valid) stays valid. The cooldown is given
     * back only when no message can have gone out ({@link CodeDeliveryException.Reason#CONNECT}: no connection;
     * {@link CodeDeliveryException.Reason#REJECTED}: the server refused it); a timeout, any other failure, a
     * delivery that throws anything else and a store failure after a delivery keep it, since a message may be
     * on its way. A send already under way for the user on this node refuses another (so a zero cooldown sends
     * one message at a time, not one per parallel request).
     *
     * @param user the user name (the container's caller principal name)
     * @param delivery the delivery
     * @return the send outcome
     */
    public SendOutcome send(String user, CodeDelivery delivery) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(delivery, "delivery");
        Instant now = clock.instant();
        if (!sending.add(user)) {
            return new SendOutcome.CoolingDown(Duration.ofSeconds(1), live(user, now));
        }
        try {
            // one atomic reservation in the shared store: a burst of sends on any nodes delivers one message
            if (!store.reserveSend(user, channel, now, settings.resendCooldown())) {
                Duration wait = cooldownLeft(store.sendReservedUntil(user, channel), now);
                return new SendOutcome.CoolingDown(wait.isZero() ? Duration.ofSeconds(1) : wait, live(user, now));
            }
            return deliver(user, delivery, now);
        } finally {
            sending.remove(user);
        }
    }

    private SendOutcome deliver(String user, CodeDelivery delivery, Instant now) {
        OneTimeCode code = generator.next();
        try {
            delivery.deliver(code, settings.validity());
        } catch (CodeDeliveryException e) {
            if (!e.mayHaveDelivered()) {
                store.releaseSend(user, channel, now);   // nothing went out: a failed send starts no cooldown
            }
            return new SendOutcome.NotDelivered(e, live(user, now));   // stored nothing: the earlier code works
        }
        // issued at the time before sending: the code never lives longer than the message says
        PendingCode pending = new PendingCode(user, channel, hasher.hash(user, channel, code.digits()), now,
                now.plus(settings.validity()));
        store.replace(pending);
        return new SendOutcome.Sent(pending.issue());
    }

    /**
     * Checks a submitted code and, if it is the valid one, uses it up (one atomic store call). Malformed input
     * is refused before any hashing.
     *
     * @param user the user name (the container's caller principal name)
     * @param input the input
     * @return the verification
     *         code, still a valid one pending) or {@link #ERROR_EXPIRED} (no valid code pending)
     */
    public Verification verify(String user, String input) {
        Objects.requireNonNull(user, "user");
        Optional<String> digits = OneTimeCodeInput.normalise(input, settings.digits());
        if (digits.isEmpty()) {
            return Verification.rejected(ERROR_CODE);
        }
        Instant now = clock.instant();
        // ASVS 2.7.3 / NIST rev4 §3.1.3: valid once — the store's consume is an atomic check-and-delete
        if (store.consume(user, channel, hasher.hash(user, channel, digits.get()), now)) {
            return Verification.accepted();
        }
        boolean anyLive = store.lastIssue(user, channel).filter(issue -> issue.isLiveAt(now)).isPresent();
        return Verification.rejected(anyLive ? ERROR_CODE : ERROR_EXPIRED);
    }

    /**
     * The pending code of {@code user} if one is still valid now.
     *
     * @param user the user name (the container's caller principal name)
     * @return the pending code of {@code user} if one is still valid now
     */
    public Optional<CodeIssue> live(String user) {
        return live(user, clock.instant());
    }

    private Optional<CodeIssue> live(String user, Instant now) {
        return store.lastIssue(user, channel).filter(issue -> issue.isLiveAt(now));
    }

    /**
     * How long until {@code user} may be sent another code, at most one cooldown; zero if now. Counted from the
     * last successful send reservation, on whichever node it was made.
     *
     * @param user the user name (the container's caller principal name)
     * @return how long until {@code user} may be sent another code, at most one cooldown; zero if now
     */
    public Duration cooldownLeft(String user) {
        return cooldownLeft(store.sendReservedUntil(user, channel), clock.instant());
    }

    /**
     * Invalidates the pending code of {@code user} (address or number changed, factor removed).
     *
     * @param user the user name (the container's caller principal name)
     */
    public void forget(String user) {
        store.remove(user, channel);
    }

    private Duration cooldownLeft(Optional<Instant> reservedUntil, Instant now) {
        if (reservedUntil.isEmpty()) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, reservedUntil.get());
        if (left.isNegative() || left.isZero()) {
            return Duration.ZERO;
        }
        // shown as one cooldown at most: after the clock went back the user waits until it is past the
        // reservation again (a loss never moves it, OneTimeCodeStore#reserveSend), but is never told more
        return left.compareTo(settings.resendCooldown()) > 0 ? settings.resendCooldown() : left;
    }

    @Override
    public String toString() {
        return "OneTimeCodes[" + channel + ", " + settings + "]";
    }
}
