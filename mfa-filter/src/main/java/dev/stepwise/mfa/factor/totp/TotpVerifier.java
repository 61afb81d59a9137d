package dev.stepwise.mfa.factor.totp;

import com.bastiaanjansen.otp.HOTPGenerator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a submitted TOTP code (RFC 6238) against a user's credential and uses it up. The codes themselves come
 * from otp-java's {@link HOTPGenerator}: a TOTP is the HOTP of the time step (RFC 6238 §4.2,
 * {@code T = floor((now - T0) / X)}, {@code T0 = 0}), computed here in {@code long} so that times after 2038
 * work.
 *
 * <p>Rules, in order (docs/security-model.md, RFC 6238 §5.2, NIST SP 800-63B §5.1.4.2):
 * <ol>
 *   <li>the raw input is at most {@value #MAX_INPUT_LENGTH} characters — checked before anything else;</li>
 *   <li>leading and trailing whitespace is trimmed and spaces (U+0020) between the digits are dropped, so the
 *       {@code "123 456"} an authenticator app displays can be typed as shown;</li>
 *   <li>what remains is exactly {@link TotpSettings#digits()} ASCII digits {@code '0'..'9'} — not
 *       {@link Character#isDigit}, which lets {@code ٣٤٥٦٧٨} through;</li>
 *   <li>it is compared in constant time with the codes of the steps from {@code now - window} to
 *       {@code now + window}, all of them for a wrong code, up to the first new step that matches for a right
 *       one;</li>
 *   <li>the earliest matching step later than the last accepted one is claimed with
 *       {@link TotpCredentialStore#advanceLastStep}; only if that atomic check-and-set succeeds is the code
 *       accepted (each code once; never an earlier or equal step again).</li>
 * </ol>
 *
 * <pre>{@code
 * TotpVerifier verifier = new TotpVerifier(TotpSettings.defaults(), Clock.systemUTC(), store);
 * boolean ok = verifier.verify("alice", form.get("code")).isAccepted();
 * }</pre>
 *
 * <p>Thread-safe. Throttling of failed attempts is not done here: the caller counts failures per account.
 */
public final class TotpVerifier {

    /** Longest raw input looked at; anything longer is refused unread. */
    public static final int MAX_INPUT_LENGTH = 32;

    private final TotpSettings settings;
    private final Clock clock;
    private final TotpCredentialStore store;

    /**
     * @param settings digits, period, algorithm and drift window
     * @param clock    the time source (fixed in tests)
     * @param store    where credentials and the last accepted step live
     */
    public TotpVerifier(TotpSettings settings, Clock clock, TotpCredentialStore store) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
    }

    /** {@return the TOTP settings} */
    public TotpSettings settings() {
        return settings;
    }

    /**
     * Checks {@code input} against the <em>active</em> credential of {@code user} and, if right, uses it up.
     *
     * @param user the user name (the container's caller principal name)
     * @param input the input
     * @return the TOTP check
     */
    public TotpCheck verify(String user, String input) {
        Objects.requireNonNull(user, "user");
        String code = normalise(input, settings.digits());
        if (code == null) {
            return TotpCheck.refused(TotpCheck.Outcome.MALFORMED);
        }
        Optional<TotpCredential> credential = store.find(user).filter(TotpCredential::active);
        if (credential.isEmpty()) {
            return TotpCheck.refused(TotpCheck.Outcome.NO_CREDENTIAL);
        }
        return check(credential.get(), code);
    }

    /**
     * Checks {@code input} against {@code credential} (pending or active) and, if right, claims the step in the
     * store. Used by enrolment to confirm a pending secret.
     */
    TotpCheck verify(TotpCredential credential, String input) {
        Objects.requireNonNull(credential, "credential");
        String code = normalise(input, settings.digits());
        if (code == null) {
            return TotpCheck.refused(TotpCheck.Outcome.MALFORMED);
        }
        return check(credential, code);
    }

    private TotpCheck check(TotpCredential credential, String code) {
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        HOTPGenerator generator = generator(credential.secret());
        long now = stepAt(clock.instant());
        long claim = TotpCredential.NO_STEP;
        boolean usedBefore = false;
        // A wrong code is compared with every step of the window, so its time does not depend on the secret. The
        // loop ends at the first new step that matches (the one claimed; later steps cannot change the outcome):
        // that time tells the sender which step of the window their code is for, which only someone who already
        // holds a right code learns, and who then learns it from the answer anyway.
        for (long step = now - settings.window(); step <= now + settings.window() && claim == TotpCredential.NO_STEP;
                step++) {
            if (step < 0) {
                continue;   // before 1970: no such step
            }
            byte[] expected = generator.generate(step).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given)) {
                if (step <= credential.lastStep()) {
                    usedBefore = true;
                } else if (claim == TotpCredential.NO_STEP) {
                    claim = step;   // the earliest new step: leaves later codes usable
                }
            }
        }
        if (claim != TotpCredential.NO_STEP) {
            // RFC 6238 §5.2: accept each OTP once — atomic in the store, so concurrent requests and other nodes
            // cannot both win
            return store.advanceLastStep(credential.user(), claim)
                    ? TotpCheck.accepted(claim)
                    : TotpCheck.refused(TotpCheck.Outcome.REPLAYED);
        }
        return TotpCheck.refused(usedBefore ? TotpCheck.Outcome.REPLAYED : TotpCheck.Outcome.WRONG_CODE);
    }

    /** RFC 6238 §4.2: {@code T = floor((unixTime - T0) / X)} with {@code T0 = 0}, in {@code long}. */
    long stepAt(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), settings.periodSeconds());
    }

    /** The code of {@code step} for {@code secret}: the HOTP value with counter = step (RFC 6238 §4.2). */
    String codeAt(TotpSecret secret, long step) {
        return generator(secret).generate(step);
    }

    private HOTPGenerator generator(TotpSecret secret) {
        return new HOTPGenerator.Builder(secret.base32Ascii())
                .withPasswordLength(settings.digits())
                .withAlgorithm(settings.algorithm().hmac())
                .build();
    }

    /**
     * The submitted code as {@code digits} ASCII digits, or {@code null} if it is not one. Never throws and
     * never echoes the input.
     */
    static String normalise(String input, int digits) {
        if (input == null || input.length() > MAX_INPUT_LENGTH) {
            return null;   // length first: nothing else is done with oversized input
        }
        String trimmed = input.strip();
        StringBuilder code = new StringBuilder(digits);
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == ' ') {
                continue;   // "123 456" as authenticator apps display it
            }
            if (c < '0' || c > '9' || code.length() == digits) {
                return null;   // ASCII digits only (Character.isDigit would accept ٣٤٥٦٧٨), and not too many
            }
            code.append(c);
        }
        return code.length() == digits ? code.toString() : null;
    }
}
