package dev.stepwise.mfa.factor.totp;

import dev.stepwise.mfa.Factors;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.EnrolmentRemoval;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.KeyEnrolment;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.core.FailureCount;
import dev.stepwise.mfa.core.FailureCounter;
import dev.stepwise.mfa.core.AccountThrottle;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Time-based one-time codes from an authenticator app (RFC 6238), factor id {@value Factors#TOTP}.
 *
 * <p>Enrolment is two steps: {@link #begin} stores a pending secret and returns the QR code; {@link #confirm}
 * activates it only when the user types a valid code, which proves the app holds the secret. Sign-in reads the
 * form field {@value #INPUT_CODE} and checks it with {@link TotpVerifier}.
 *
 * <pre>{@code
 * TotpFactor totp = new TotpFactor(store, Clock.systemUTC(), TotpSettings.defaults());
 * TotpEnrolment shown = totp.begin("alice", "Example Bank");
 * Verification v = totp.confirm("alice", "123456");   // Accepted → enrolled
 * v = totp.verify("alice", Map.of("code", "654321"), ctx);
 * }</pre>
 *
 * <p>Wrong, malformed, replayed and missing codes all give the same {@value #ERROR_CODE} message, so the page
 * never tells an attacker which one it was. Failures are counted by the caller (per account).
 */
public final class TotpFactor implements Factor, KeyEnrolment, EnrolmentRemoval {

    /** The form field holding the code. */
    public static final String INPUT_CODE = "code";

    /** Bundle key shown for any refused code. */
    public static final String ERROR_CODE = "stepwise.mfa.error.code";

    private final TotpCredentialStore store;
    private final TotpSettings settings;
    private final TotpVerifier verifier;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param store    credentials and the replay guard
     * @param clock    the time source
     * @param settings digits, period, algorithm, drift window
     */
    public TotpFactor(TotpCredentialStore store, Clock clock, TotpSettings settings) {
        this(store, clock, settings, new SecureRandom());
    }

    /**
     * As {@link #TotpFactor(TotpCredentialStore, Clock, TotpSettings)} with the source of new secrets.
     *
     * @param store credentials and the replay guard
     * @param clock the time source
     * @param settings digits, period, algorithm, drift window
     * @param random the source of randomness
     */
    public TotpFactor(TotpCredentialStore store, Clock clock, TotpSettings settings, SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.verifier = new TotpVerifier(settings, clock, store);
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public String id() {
        return Factors.TOTP;
    }

    /** Whether {@code user} has an <em>active</em> credential; a pending enrolment does not count. */
    @Override
    public boolean isEnrolled(String user) {
        return store.find(Objects.requireNonNull(user, "user")).filter(TotpCredential::active).isPresent();
    }

    @Override
    public Verification verify(String user, Map<String, String> input, ChallengeContext ctx) {
        Objects.requireNonNull(input, "input");
        return verifier.verify(user, input.get(INPUT_CODE)).isAccepted()
                ? Verification.accepted()
                : Verification.rejected(ERROR_CODE);
    }

    /**
     * Offers {@link AccountThrottle.CountedChecks} besides the capabilities it implements: a challenge's code in two
     * statements of a JDBC store — the attempt counted with the credential and its enrolment hold read, and the
     * step used with the failures ended — instead of five. The accepted {@link Verification.Accepted} carries the
     * hold read with the credential (when the store reads holds), to be kept with the verification.
     */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == AccountThrottle.CountedChecks.class) {
            AccountThrottle.CountedChecks<Map<String, String>, ChallengeContext, Verification> checks =
                    (user, input, ctx) -> new CountedCode(Objects.requireNonNull(user, "user"), input);
            return Optional.of(type.cast(checks));
        }
        return Factor.super.capability(type);
    }

    /** One challenge's code check; see {@link #capability}. */
    private final class CountedCode implements AccountThrottle.CountedCheck<Verification> {
        private final String user;
        private final Map<String, String> input;
        private FailureCounter counter;
        private TotpCredentialStore.CountedAttempt read;
        private boolean ended;

        CountedCode(String user, Map<String, String> input) {
            this.user = user;
            this.input = input;
        }

        @Override
        public boolean count(FailureCounter failures, FailureCount expected, FailureCount next) {
            TotpCredentialStore.CountedAttempt attempt = store.countAttemptAndFind(failures, user, expected, next);
            if (attempt.counted()) {
                counter = failures;
                read = attempt;
            }
            return attempt.counted();
        }

        @Override
        public Verification check() {
            if (counter == null) {
                throw new IllegalStateException("checked before the attempt was counted");
            }
            Objects.requireNonNull(input, "input");
            if (read.unreadable() != null) {
                throw read.unreadable();   // as the read of a plain check would: unavailable, the attempt stays counted
            }
            TotpCredential active = read.credential().filter(TotpCredential::active).orElse(null);
            boolean accepted = active != null && new TotpVerifier(settings, clock, new EndingFailures(this))
                    .verify(active, input.get(INPUT_CODE)).isAccepted();
            return accepted ? Verification.accepted(read.heldUntil()) : Verification.rejected(ERROR_CODE);
        }

        @Override
        public boolean endedFailures() {
            return ended;
        }
    }

    /** The store as a counted check sees it: using up a step ends the account's failures in the same step. */
    private final class EndingFailures implements TotpCredentialStore {
        private final CountedCode check;

        EndingFailures(CountedCode check) {
            this.check = check;
        }

        @Override
        public Optional<TotpCredential> find(String user) {
            return store.find(user);
        }

        @Override
        public void save(TotpCredential credential) {
            throw new UnsupportedOperationException("a code check saves nothing");
        }

        @Override
        public void delete(String user) {
            throw new UnsupportedOperationException("a code check deletes nothing");
        }

        @Override
        public boolean saveUnlessActive(TotpCredential credential) {
            throw new UnsupportedOperationException("a code check saves nothing");
        }

        @Override
        public boolean activatePending(TotpCredential pending, long acceptedStep) {
            throw new UnsupportedOperationException("a code check activates nothing");
        }

        @Override
        public boolean advanceLastStep(String user, long step) {
            check.ended = store.advanceLastStepEndingFailures(check.counter, user, step);
            return check.ended;
        }
    }

    /**
     * Starts enrolment with the user id as the account name. See {@link #begin(String, String, String)}.
     *
     * @param user the user id
     * @param issuer the name the authenticator app shows, e.g. the application's name
     * @return the TOTP enrolment
     */
    public TotpEnrolment begin(String user, String issuer) {
        return begin(user, issuer, user);
    }

    /**
     * Starts (or restarts) enrolment: stores a fresh pending secret, replacing an earlier pending one.
     *
     * @param user    the user id
     * @param issuer  the name the authenticator app shows, e.g. the application's name
     * @param account the account label the app shows, e.g. the user's email
     * @return the TOTP enrolment
     * @throws KeyEnrolment.ActiveKeyException if {@code user} already has an active credential, also one activated
     *                                          meanwhile: replacing it needs an explicit {@link #remove} behind a
     *                                          fresh step-up (docs/security-model.md)
     */
    public TotpEnrolment begin(String user, String issuer, String account) {
        Objects.requireNonNull(user, "user");
        if (isEnrolled(user)) {
            throw alreadyActive();
        }
        TotpSecret secret = TotpSecret.generate(random);
        String uri = OtpAuthUri.totp(secret, issuer, account, settings);
        String svg = QrSvg.render(uri);
        if (!store.saveUnlessActive(TotpCredential.pending(user, secret))) {
            throw alreadyActive();   // activated since the check, on this node or another
        }
        return new TotpEnrolment(secret, uri, svg, secret.groupedBase32());
    }

    /**
     * Finishes enrolment: activates the pending secret of {@code user} only if {@code code} is valid for it. The
     * step of that code is used up, so it cannot also sign in.
     *
     * @param user the user id
     * @param code the code the user typed
     * @return accepted if the credential is now active; rejected ({@value #ERROR_CODE}) if the code is wrong or
     *         no enrolment is pending
     */
    public Verification confirm(String user, String code) {
        Objects.requireNonNull(user, "user");
        TotpCredential pending = store.find(user).filter(c -> !c.active()).orElse(null);
        if (pending == null) {
            return Verification.rejected(ERROR_CODE);
        }
        TotpCheck check = verifier.verify(pending, code);
        // only the pending secret just verified: not one that replaced it or was activated since it was read
        if (!check.isAccepted() || !store.activatePending(pending, check.step())) {
            return Verification.rejected(ERROR_CODE);
        }
        return Verification.accepted();
    }

    /**
     * Activates a secret the user already has in an authenticator app: accounts moved from another system, or
     * demo accounts. Only when no credential is active (replacing one goes through {@link #remove} first), decided
     * atomically by the store: of concurrent provisions on any nodes exactly one succeeds.
     *
     * @param user the user id
     * @param secret the secret
     * @throws KeyEnrolment.ActiveKeyException if {@code user} already has an active credential
     */
    public void provision(String user, TotpSecret secret) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(secret, "secret");
        TotpCredential active = new TotpCredential(user, secret, true, TotpCredential.NO_STEP);
        if (isEnrolled(user) || !store.saveUnlessActive(active)) {
            throw alreadyActive();
        }
    }

    private static KeyEnrolment.ActiveKeyException alreadyActive() {
        return new KeyEnrolment.ActiveKeyException("TOTP is already active for this user; remove it first");
    }

    /**
     * Removes the credential of {@code user} (the caller has required a fresh factor first).
     *
     * @param user the user id
     */
    public void remove(String user) {
        store.delete(Objects.requireNonNull(user, "user"));
    }

    /** {@link KeyEnrolment}: {@link #begin(String, String)} as the settings page shows it. */
    @Override
    public KeyOffer offerKey(String user, String issuer) {
        TotpEnrolment enrolment = begin(user, issuer);
        return new KeyOffer(enrolment.svg(), enrolment.groupedSecret(), enrolment.uri());
    }

    /** {@link KeyEnrolment}: {@link #confirm}. */
    @Override
    public Verification confirmKey(String user, String code) {
        return confirm(user, code);
    }

    /** {@link KeyEnrolment}: {@link #provision} of a base32 secret (spaces allowed, at least 160 bits). */
    @Override
    public void provisionKey(String user, String encodedKey) {
        provision(user, TotpSecret.fromBase32(encodedKey));
    }

    /** {@link EnrolmentRemoval}: {@link #remove}. */
    @Override
    public void removeEnrolment(String user) {
        remove(user);
    }
}
