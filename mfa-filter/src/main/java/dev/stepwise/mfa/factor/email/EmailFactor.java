package dev.stepwise.mfa.factor.email;

import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.ChallengeView;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.factor.otp.CodeChallengeView;
import dev.stepwise.mfa.factor.otp.CodeDeliveryException;
import dev.stepwise.mfa.factor.otp.CodeIssue;
import dev.stepwise.mfa.factor.otp.OneTimeCodes;
import dev.stepwise.mfa.factor.otp.OutOfBandFactor;
import dev.stepwise.mfa.factor.otp.SendOutcome;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code email} factor: a one-time code sent to the user's confirmed address.
 *
 * <p><b>Off by default, and weaker.</b> NIST SP 800-63B (rev3 §5.1.3.1, rev4 §3.1.3.1) does not accept email as
 * an out-of-band channel: whoever has the password often has the mailbox too. It is here for applications that
 * need it, enabled only by configuration ({@code stepwise.mfa.factors} names {@code email}), and its page model
 * carries {@value #WEAKER} = {@code true} so pages label it.
 *
 * <p>Code rules are those of {@link OneTimeCodes}: 6–8 digits, ≤ 10 minutes, once, only the newest. The code is
 * stored only after the mail server accepted the message; if sending fails nothing changes — a code sent earlier
 * and still valid keeps working (the user may have it already), and no cooldown starts.
 *
 * <pre>{@code
 * OneTimeCodes codes = new OneTimeCodes(EmailFactor.ID, OneTimeCodeSettings.defaults(), store, hasher, clock);
 * Factor email = new EmailFactor(true, users::confirmedEmail, new CodeMailer(session, from, "Sample Bank"), codes);
 * }</pre>
 *
 * <p>Page model: the keys of {@link CodeChallengeView} plus {@value #WEAKER}. {@link #verify} reads the form
 * field {@code code}. Logs name the address masked ({@code a***@example.com}) and never the code.
 */
public final class EmailFactor implements OutOfBandFactor {

    /** The factor id. */
    public static final String ID = "email";
    /** Model key: Boolean {@code true}: label this factor as less secure. */
    public static final String WEAKER = "stepwise_weaker";
    /** Shown when the factor is disabled or the user has no address (should not be offered then). */
    public static final String ERROR_UNAVAILABLE = "stepwise.mfa.error.unavailable";

    private static final System.Logger LOG = System.getLogger(EmailFactor.class.getName());

    private final boolean enabled;
    private final EmailAddressDirectory directory;
    private final CodeMailer mailer;
    private final OneTimeCodes codes;

    /**
     * @param enabled   whether the application turned email on ({@code false} by default in the library's
     *                  configuration); when off, nobody is enrolled and nothing is sent
     * @param directory the application's source of confirmed addresses
     * @param mailer    writes and sends the mail
     * @param codes     the code rules and store, for channel {@value #ID}
     */
    public EmailFactor(boolean enabled, EmailAddressDirectory directory, CodeMailer mailer, OneTimeCodes codes) {
        this.enabled = enabled;
        this.directory = Objects.requireNonNull(directory, "directory");
        this.mailer = Objects.requireNonNull(mailer, "mailer");
        this.codes = Objects.requireNonNull(codes, "codes");
        if (!ID.equals(codes.channel())) {
            throw new IllegalArgumentException("the email factor needs OneTimeCodes for channel \"" + ID
                    + "\", got \"" + codes.channel() + "\"");
        }
    }

    @Override
    public String id() {
        return ID;
    }

    /** {@return whether enabled} */
    public boolean isEnabled() {
        return enabled;
    }

    /** Enabled and the directory has an address for {@code user}. */
    @Override
    public boolean isEnrolled(String user) {
        return enabled && address(user).isPresent();
    }

    /** Where a code would go, and whether one is out; sends nothing (see {@link OutOfBandFactor}). */
    @Override
    public ChallengeView preview(String user, ChallengeContext ctx) {
        Optional<String> address = enabled ? address(user) : Optional.empty();
        return address.isEmpty() ? notOffered()
                : CodeChallengeView.look(mask(address.get()), codes.live(user), codes, Map.of(WEAKER, Boolean.TRUE));
    }

    /** Sends a code unless a valid one is already out (the user asked for a code); see {@link OutOfBandFactor}. */
    @Override
    public ChallengeView beginChallenge(String user, ChallengeContext ctx) {
        Optional<String> address = enabled ? address(user) : Optional.empty();
        if (address.isEmpty()) {
            return notOffered();
        }
        Optional<CodeIssue> live = codes.live(user);
        if (live.isPresent()) {
            return CodeChallengeView.look(mask(address.get()), live, codes, Map.of(WEAKER, Boolean.TRUE));
        }
        return send(user, address.get(), ctx);
    }

    @Override
    public ChallengeView resend(String user, ChallengeContext ctx) {
        Optional<String> address = enabled ? address(user) : Optional.empty();
        return address.isEmpty() ? notOffered() : send(user, address.get(), ctx);
    }

    @Override
    public Verification verify(String user, Map<String, String> input, ChallengeContext ctx) {
        if (!enabled) {
            return Verification.unavailable(ERROR_UNAVAILABLE);
        }
        return codes.verify(user, input == null ? null : input.get("code"));
    }

    @Override
    public void forget(String user) {
        codes.forget(user);
    }

    private ChallengeView send(String user, String address, ChallengeContext ctx) {
        String masked = mask(address);
        SendOutcome outcome = codes.send(user, (code, validFor) -> mailer.send(address, code, validFor,
                ctx.locale()));
        if (outcome instanceof SendOutcome.NotDelivered failed) {
            CodeDeliveryException e = failed.failure();
            // for the operator: what failed and to whom (masked); never the code, never the full address
            LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: could not send a one-time code by email to "
                    + masked + ": " + e.getMessage());
        } else if (outcome instanceof SendOutcome.Sent) {
            LOG.log(System.Logger.Level.DEBUG, "Stepwise MFA: sent a one-time code by email to " + masked);
        }
        return CodeChallengeView.of(masked, outcome, codes, Map.of(WEAKER, Boolean.TRUE));
    }

    private ChallengeView notOffered() {
        return new ChallengeView(Map.of(CodeChallengeView.DELIVERY_ERROR, ERROR_UNAVAILABLE, WEAKER, Boolean.TRUE,
                CodeChallengeView.SENT, Boolean.FALSE, CodeChallengeView.PENDING, Boolean.FALSE));
    }

    private Optional<String> address(String user) {
        return directory.addressOf(user).map(String::strip).filter(a -> !a.isEmpty());
    }

    private static String mask(String address) {
        return MaskedEmailAddress.of(address).value();
    }

    @Override
    public String toString() {
        return "EmailFactor[enabled=" + enabled + ", " + codes + "]";
    }
}
