package dev.stepwise.mfa.factor.push;

import dev.stepwise.mfa.core.ApprovalPoll;
import dev.stepwise.mfa.core.ApprovalRules;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.Verification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Push approvals with number matching (docs/push.md): the sign-in page shows a number; the notification opens
 * the approval page with a token in the URL's fragment; the device chooses among three numbers. The rules are
 * those of {@link ApprovalRules}; this class keeps the token and the session's nonce out of the store (only their
 * SHA-256 is stored) and makes each transition one conditional write of the {@link PushApprovalStore}.
 *
 * <pre>{@code
 * Started s = approvals.start("alice", ctx.session()).orElseThrow(); // push s.token(), show s.number()
 * approvals.choosing(token);                                  // the approval page: the three numbers
 * approvals.decide(token, OptionalInt.of(42));                // APPROVE, DENY or REFUSED
 * approvals.verify("alice", ctx.session());                   // "Continue": accepted once, for this session only
 * }</pre>
 */
public final class PushApprovals {

    /** The session key of the nonce that binds an approval to the session that started it. */
    static final String SESSION_KEY = "stepwise.push.approval";
    /** Shown while the device has not chosen yet (not a failure). */
    public static final String WAITING = "stepwise.mfa.push.waiting";
    /** Shown when the approval was denied, expired, spent or is another session's. */
    public static final String NOT_APPROVED = "stepwise.mfa.push.not-approved";
    /** The shortest time between two approvals of a user (against push fatigue). */
    public static final Duration COOLDOWN = Duration.ofSeconds(30);

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final PushApprovalStore store;
    private final Clock clock;
    private final Duration validity;
    private final SecureRandom random = new SecureRandom();

    /** A new approval: the token goes to the devices only, the number to the sign-in page only. */
    public record Started(String token, int number, Instant expiresAt) {
        @Override
        public String toString() {
            return "Started[until " + expiresAt + "]";
        }
    }

    /** What the approval page shows: the owner's three numbers in ascending order, and the end. */
    public record Choosing(String user, List<Integer> shown, Instant expiresAt) {
    }

    /** A choice made: whose approval, and what it did. */
    public record Decided(String user, ApprovalRules.Pick pick) {
    }

    /** What the sign-in page of the session that started it shows. */
    public record Shown(int number, ApprovalRules.State state, boolean expired) {
    }

    /**
     * @param store    where approvals are kept
     * @param clock    the library's clock
     * @param validity how long an approval may be answered and used (the code validity)
     */
    public PushApprovals(PushApprovalStore store, Clock clock, Duration validity) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.validity = Objects.requireNonNull(validity, "validity");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive");
        }
    }

    /**
     * Whether the user may get a new approval now: none pending, or the pending one older than {@link #COOLDOWN}.
     *
     * @param user the user name
     * @return whether {@link #start} may run
     */
    public boolean mayStart(String user) {
        Instant now = clock.instant();
        return store.of(user).map(a -> a.state() != ApprovalRules.State.PENDING || !now.isBefore(a.expiresAt())
                || !now.isBefore(a.expiresAt().minus(validity).plus(COOLDOWN))).orElse(true);
    }

    /**
     * Starts a new approval for {@code user}, replacing any other, bound to {@code session}; unless the user's
     * approval is pending and younger than {@link #COOLDOWN}, checked and written atomically, so parallel starts
     * (an attacker with the password, many sessions at once) push once.
     *
     * @param user    the user name
     * @param session the session of the sign-in page
     * @return the token (for the devices) and the number (for the page); empty within the cooldown
     */
    public Optional<Started> start(String user, ChallengeContext.Session session) {
        Objects.requireNonNull(session, "session");
        String token = secret();
        String nonce = secret();
        ApprovalRules.Choices choices = ApprovalRules.choices(random);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(validity);
        Instant keepPendingAfter = now.plus(validity).minus(COOLDOWN); // a pending one started within the cooldown
        if (keepPendingAfter.isBefore(now)) {
            keepPendingAfter = now;
        }
        if (!store.putUnlessPending(new PushApproval(user, hash(token), hash(nonce), choices,
                ApprovalRules.State.PENDING, expiresAt), keepPendingAfter)) {
            return Optional.empty();
        }
        session.put(SESSION_KEY, nonce);
        return Optional.of(new Started(token, choices.number(), expiresAt));
    }

    /**
     * The numbers for the approval page, while the approval of {@code token} is pending.
     *
     * @param token the token from the URL's fragment, as received
     * @return the owner and the numbers; empty for a malformed, unknown, decided or expired token
     */
    public Optional<Choosing> choosing(String token) {
        Instant now = clock.instant();
        return find(token).filter(a -> a.state() == ApprovalRules.State.PENDING && now.isBefore(a.expiresAt()))
                .map(a -> new Choosing(a.user(), a.choices().shown(), a.expiresAt()));
    }

    /**
     * A choice on the approval page, taken once: the right number approves, any other number or none ("This
     * wasn't me") denies.
     *
     * @param token  the token, as received
     * @param choice the number chosen, or empty for "This wasn't me"
     * @return whose approval and what the choice did; empty for a malformed or unknown token
     */
    public Optional<Decided> decide(String token, OptionalInt choice) {
        Optional<PushApproval> found = find(token);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PushApproval a = found.get();
        Instant now = clock.instant();
        ApprovalRules.Pick pick = ApprovalRules.pick(a.state(), a.expiresAt(), now, a.choices(), choice);
        if (pick != ApprovalRules.Pick.REFUSED && !store.decide(a.tokenHash(), pick == ApprovalRules.Pick.APPROVE
                ? ApprovalRules.State.APPROVED : ApprovalRules.State.DENIED, now)) {
            pick = ApprovalRules.Pick.REFUSED; // another request decided first
        }
        return Optional.of(new Decided(a.user(), pick));
    }

    /**
     * "Continue" on the sign-in page: accepted once, when the device approved and this is the session that
     * started it; unavailable (not yet, not a failure) while pending; rejected otherwise.
     *
     * @param user    the user name
     * @param session the session continuing
     * @return the verification
     */
    public Verification verify(String user, ChallengeContext.Session session) {
        Optional<String> nonce = nonce(session);
        Optional<PushApproval> found = store.of(user);
        if (nonce.isEmpty() || found.isEmpty()) {
            return Verification.rejected(NOT_APPROVED);
        }
        PushApproval a = found.get();
        String sessionHash = hash(nonce.get());
        boolean same = MessageDigest.isEqual(sessionHash.getBytes(StandardCharsets.US_ASCII),
                a.sessionHash().getBytes(StandardCharsets.US_ASCII));
        Instant now = clock.instant();
        return switch (ApprovalRules.onContinue(a.state(), a.expiresAt(), now, same)) {
            case USE -> store.use(user, sessionHash, now) ? used(session) : Verification.rejected(NOT_APPROVED);
            case WAIT -> Verification.unavailable(WAITING);
            case FAIL -> Verification.rejected(NOT_APPROVED);
        };
    }

    private static Verification used(ChallengeContext.Session session) {
        session.remove(SESSION_KEY);
        return Verification.accepted();
    }

    /**
     * The user's approval as the sign-in page of the session that started it shows it.
     *
     * @param user    the user name
     * @param session the session
     * @return the number and state; empty when there is none or it is another session's
     */
    public Optional<Shown> shown(String user, ChallengeContext.Session session) {
        Optional<String> nonce = nonce(session);
        if (nonce.isEmpty()) {
            return Optional.empty();
        }
        String sessionHash = hash(nonce.get());
        Instant now = clock.instant();
        return store.of(user).filter(a -> a.sessionHash().equals(sessionHash))
                .map(a -> new Shown(a.choices().number(), a.state(), !now.isBefore(a.expiresAt())));
    }

    /**
     * The status poll of the sign-in page (docs/push.md, "Status poll"): the state of the approval that
     * {@code session} started, and nothing else. Reads only: it never continues and never counts a failure.
     *
     * @param user    the user name
     * @param session the polling session
     * @return the status; {@link ApprovalPoll.Status#NONE} when there is none or it is another session's
     */
    public ApprovalPoll.Status poll(String user, ChallengeContext.Session session) {
        Optional<String> nonce = nonce(session);
        if (nonce.isEmpty()) {
            return ApprovalPoll.Status.NONE;
        }
        byte[] sessionHash = hash(nonce.get()).getBytes(StandardCharsets.US_ASCII);
        Instant now = clock.instant();
        return store.of(user).map(a -> ApprovalPoll.of(a.state(), a.expiresAt(), now,
                        MessageDigest.isEqual(sessionHash, a.sessionHash().getBytes(StandardCharsets.US_ASCII))))
                .orElse(ApprovalPoll.Status.NONE);
    }

    /**
     * Removes the user's approval (a failed push, the factor removed).
     *
     * @param user the user name
     */
    public void forget(String user) {
        store.remove(user);
    }

    /** {@return how long an approval may be answered} */
    public Duration validity() {
        return validity;
    }

    private Optional<PushApproval> find(String token) {
        if (!PushApproval.isHash(token)) {
            return Optional.empty();
        }
        String tokenHash = hash(token);
        return store.byToken(tokenHash).filter(a -> MessageDigest.isEqual(
                a.tokenHash().getBytes(StandardCharsets.US_ASCII), tokenHash.getBytes(StandardCharsets.US_ASCII)));
    }

    private static Optional<String> nonce(ChallengeContext.Session session) {
        return session != null && session.get(SESSION_KEY) instanceof String s && PushApproval.isHash(s)
                ? Optional.of(s) : Optional.empty();
    }

    private String secret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return B64URL.encodeToString(bytes);
    }

    /** SHA-256 of {@code s}, base64url: 43 characters. */
    static String hash(String s) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return B64URL.encodeToString(sha256.digest(s.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
