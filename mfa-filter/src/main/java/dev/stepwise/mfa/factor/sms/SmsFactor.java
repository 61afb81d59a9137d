package dev.stepwise.mfa.factor.sms;

import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.ChallengeView;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.factor.otp.CodeChallengeView;
import dev.stepwise.mfa.factor.otp.CodeIssue;
import dev.stepwise.mfa.factor.otp.OneTimeCode;
import dev.stepwise.mfa.factor.otp.OneTimeCodes;
import dev.stepwise.mfa.factor.otp.OutOfBandFactor;
import dev.stepwise.mfa.factor.otp.SendOutcome;

import java.text.MessageFormat;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The {@code sms} factor: a one-time code sent by text message, or read out by a voice call, to the user's
 * confirmed number through an application-chosen {@link CodeSender}.
 *
 * <p>NIST SP 800-63B (rev4 §3.1.3.3) calls the phone network a <em>restricted</em> authenticator (SIM swap,
 * SS7 interception), so SMS is offered only alongside something stronger: enrolment must go through
 * the core's {@link dev.stepwise.mfa.core.EnrolmentRules}, which never let SMS be a user's only factor.
 *
 * <p>Code rules are those of {@link OneTimeCodes} (channel {@value #ID}, shared by text and voice): 6–8 digits,
 * ≤ 10 minutes, once, only the newest, resend cooldown. The code is stored only after the gateway accepted the
 * message; a failed send (gateway down, HTTP error, timeout) stores nothing — the code in that message, should
 * it arrive anyway, is not valid, and a code sent earlier and still valid keeps working.
 *
 * <pre>{@code
 * OneTimeCodes codes = new OneTimeCodes(SmsFactor.ID, OneTimeCodeSettings.defaults(), store, hasher, clock);
 * SmsFactor sms = new SmsFactor(users::confirmedPhone, new HttpGatewayCodeSender(gateway), codes,
 *                               "Sample Bank", Optional.of("bank.example"));
 * }</pre>
 *
 * <p>Page model: the keys of {@link CodeChallengeView}, plus {@value #CHANNEL} ({@code "sms"}/{@code "voice"}:
 * how the last code went out) and {@value #VOICE_AVAILABLE} (Boolean: offer "call me instead"). {@link #verify}
 * reads the form field {@code code}. Logs name the number masked ({@code +49*********78}), never the code.
 */
public final class SmsFactor implements OutOfBandFactor {

    /** The factor id. */
    public static final String ID = "sms";
    /** Model key: {@code "sms"} or {@code "voice"}. */
    public static final String CHANNEL = "stepwise_channel";
    /** Model key: Boolean, whether the sender can call. */
    public static final String VOICE_AVAILABLE = "stepwise_voiceAvailable";
    /** The bundle of the SMS and voice texts. */
    public static final String BUNDLE = "dev.stepwise.mfa.factor.sms.messages";
    /** Shown when the user has no usable number or the channel is not available. */
    public static final String ERROR_UNAVAILABLE = "stepwise.mfa.error.unavailable";

    private static final System.Logger LOG = System.getLogger(SmsFactor.class.getName());
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final PhoneNumberDirectory directory;
    private final CodeSender sender;
    private final OneTimeCodes codes;
    private final String appName;
    private final Optional<String> webOtpHost;

    /**
     * @param directory  the application's source of confirmed numbers
     * @param sender     the provider
     * @param codes      the code rules and store, for channel {@value #ID}
     * @param appName    the application's name as users know it (in the text); one line
     * @param webOtpHost if present, text messages end with the origin-bound line {@code @host #code}
     *                   (WebOTP), so browsers offer the code only on that site — a small defence against
     *                   phishing pages; a bare host name such as {@code bank.example}
     */
    public SmsFactor(PhoneNumberDirectory directory, CodeSender sender, OneTimeCodes codes, String appName,
                     Optional<String> webOtpHost) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.codes = Objects.requireNonNull(codes, "codes");
        if (!ID.equals(codes.channel())) {
            throw new IllegalArgumentException("the SMS factor needs OneTimeCodes for channel \"" + ID + "\", got \""
                    + codes.channel() + "\"");
        }
        Objects.requireNonNull(appName, "appName");
        if (appName.isBlank() || appName.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("appName must be a non-blank line of text");
        }
        this.appName = appName.strip();
        this.webOtpHost = Objects.requireNonNull(webOtpHost, "webOtpHost");
        webOtpHost.ifPresent(host -> {
            if (!host.matches("[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
                throw new IllegalArgumentException("webOtpHost must be a host name such as bank.example, was "
                        + host);
            }
        });
    }

    @Override
    public String id() {
        return ID;
    }

    /** The directory has a valid E.164 number for {@code user}. */
    @Override
    public boolean isEnrolled(String user) {
        return number(user).isPresent();
    }

    /** Where a code would go, and whether one is out; sends nothing (see {@link OutOfBandFactor}). */
    @Override
    public ChallengeView preview(String user, ChallengeContext ctx) {
        Optional<PhoneNumber> number = number(user);
        return number.isEmpty() ? notOffered()
                : CodeChallengeView.look(number.get().masked(), codes.live(user), codes, extra(null));
    }

    /** Texts a code unless a valid one is already out (the user asked for a code). */
    @Override
    public ChallengeView beginChallenge(String user, ChallengeContext ctx) {
        Optional<PhoneNumber> number = number(user);
        if (number.isEmpty()) {
            return notOffered();
        }
        Optional<CodeIssue> live = codes.live(user);
        if (live.isPresent()) {
            return CodeChallengeView.look(number.get().masked(), live, codes, extra(null));
        }
        return send(user, number.get(), PhoneChannel.SMS, ctx);
    }

    /** Texts a new code, cooldown permitting. */
    @Override
    public ChallengeView resend(String user, ChallengeContext ctx) {
        return resend(user, ctx, PhoneChannel.SMS);
    }

    /**
     * Sends a new code on {@code channel} ("call me instead"), cooldown permitting.
     *
     * @param user the user name (the container's caller principal name)
     * @param ctx the challenge's context (what this attempt keeps in the session)
     * @param channel the delivery channel
     * @return the challenge view
     */
    public ChallengeView resend(String user, ChallengeContext ctx, PhoneChannel channel) {
        Objects.requireNonNull(channel, "channel");
        Optional<PhoneNumber> number = number(user);
        if (number.isEmpty() || !sender.supports(channel)) {
            return notOffered();
        }
        return send(user, number.get(), channel, ctx);
    }

    /** "Call me instead": {@code "voice"} calls with a new code, cooldown permitting; other channels are not this one's. */
    @Override
    public Optional<ChallengeView> sendOn(String user, ChallengeContext ctx, String channel) {
        return PhoneChannel.VOICE.id().equals(channel) ? Optional.of(resend(user, ctx, PhoneChannel.VOICE))
                : Optional.empty();
    }

    @Override
    public Verification verify(String user, Map<String, String> input, ChallengeContext ctx) {
        return codes.verify(user, input == null ? null : input.get("code"));
    }

    @Override
    public void forget(String user) {
        codes.forget(user);
    }

    /** The text of a message (package-private for tests). */
    String text(PhoneChannel channel, OneTimeCode code, Duration validFor, Locale locale) {
        ResourceBundle texts = ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK);
        Locale lang = texts.getLocale().getLanguage().isEmpty() ? Locale.ENGLISH : texts.getLocale();
        long minutes = Math.max(1, (validFor.toSeconds() + 59) / 60);
        if (channel == PhoneChannel.VOICE) {
            // "4, 8, 1, 5, 1, 6": text-to-speech reads single digits, not "four hundred eighty-one thousand"
            String spoken = String.join(", ", code.digits().split(""));
            return new MessageFormat(texts.getString("stepwise.mfa.sms.voice"), lang)
                    .format(new Object[] {spoken, appName, minutes});
        }
        String text = new MessageFormat(texts.getString("stepwise.mfa.sms.text"), lang)
                .format(new Object[] {code.digits(), appName, minutes});
        return webOtpHost.map(host -> text + "\n\n@" + host + " #" + code.digits()).orElse(text);
    }

    private ChallengeView send(String user, PhoneNumber number, PhoneChannel channel, ChallengeContext ctx) {
        Locale locale = ctx.locale();
        SendOutcome outcome = codes.send(user, (code, validFor) -> sender.send(
                new CodeMessage(number, channel, code, text(channel, code, validFor, locale), locale)));
        if (outcome instanceof SendOutcome.NotDelivered failed) {
            LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: could not send a one-time code by " + channel.id()
                    + " to " + number.masked() + ": " + failed.failure().getMessage());
        } else if (outcome instanceof SendOutcome.Sent) {
            LOG.log(System.Logger.Level.DEBUG, "Stepwise MFA: sent a one-time code by " + channel.id() + " to "
                    + number.masked());
        }
        return CodeChallengeView.of(number.masked(), outcome, codes,
                extra(outcome instanceof SendOutcome.Sent ? channel : null));
    }

    private Map<String, Object> extra(PhoneChannel sentBy) {
        Map<String, Object> extra = new HashMap<>();
        extra.put(VOICE_AVAILABLE, sender.supports(PhoneChannel.VOICE));
        if (sentBy != null) {
            extra.put(CHANNEL, sentBy.id());
        }
        return extra;
    }

    private ChallengeView notOffered() {
        return new ChallengeView(Map.of(CodeChallengeView.DELIVERY_ERROR, ERROR_UNAVAILABLE,
                CodeChallengeView.SENT, Boolean.FALSE, CodeChallengeView.PENDING, Boolean.FALSE,
                VOICE_AVAILABLE, sender.supports(PhoneChannel.VOICE)));
    }

    private Optional<PhoneNumber> number(String user) {
        return directory.phoneNumberOf(user).flatMap(PhoneNumber::parse);
    }

    @Override
    public String toString() {
        return "SmsFactor[" + codes + ", " + sender + "]";
    }
}
