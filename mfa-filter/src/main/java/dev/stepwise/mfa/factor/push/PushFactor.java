package dev.stepwise.mfa.factor.push;

import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.ChallengeView;
import dev.stepwise.mfa.factor.EnrolmentRemoval;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.factor.otp.CodeChallengeView;
import dev.stepwise.mfa.factor.otp.CodeDeliveryException;
import dev.stepwise.mfa.factor.otp.OneTimeCodes;
import dev.stepwise.mfa.factor.otp.OutOfBandFactor;
import dev.stepwise.mfa.factor.otp.SendOutcome;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code push} factor: a one-time code pushed to the user's registered devices (Web Push), typed on the
 * challenge page. Off by default: an application names {@code push} in {@code stepwise.mfa.factors}.
 *
 * <p>The code travels encrypted for each device (RFC 8291): the push service sees only ciphertext. The rules of
 * the code are those of {@link OneTimeCodes} (6–8 digits, at most 10 minutes, once, only the newest, resend
 * cooldown), and the challenge page's attempt counting and lockout apply as for email codes. A code is stored
 * only when at least one device's push service took the message; a subscription the push service reports as
 * {@link PushResult.Gone gone} is deleted. When no device could be reached, the page says so and the user picks
 * another factor.
 *
 * <pre>{@code
 * OneTimeCodes codes = new OneTimeCodes(PushFactor.ID, OneTimeCodeSettings.defaults(), codeStore, hasher, clock);
 * PushFactor push = new PushFactor(subscriptions, new WebPushSender(keys, subject), PushEndpointPolicy.strict(),
 *         codes, "Sample Bank");
 * }</pre>
 *
 * <p>With the {@code number} prompt ({@code stepwise.mfa.push.prompt=number}, the constructor with
 * {@link PushApprovals}) the push carries a link to the approval page instead of a code, the page
 * {@code push-number.jsp} shows the number to choose there, and {@link #verify} is "Continue" (docs/push.md,
 * "Approval with number matching").
 *
 * <p>Page model: the keys of {@link CodeChallengeView}; the destination is the devices' labels. Logs name the
 * push service's origin, never the code, the keys or the endpoint's path.
 */
public final class PushFactor implements OutOfBandFactor, EnrolmentRemoval {

    /** The factor id. */
    public static final String ID = "push";
    /** Shown when the user has no device (the factor should not be offered then). */
    public static final String ERROR_UNAVAILABLE = "stepwise.mfa.error.unavailable";

    private static final System.Logger LOG = System.getLogger(PushFactor.class.getName());

    private final PushSubscriptionStore subscriptions;
    private final PushSender sender;
    private final PushEndpointPolicy policy;
    private final OneTimeCodes codes;
    private final String appName;
    private final String applicationServerKey;
    private final PushNumberPrompt numbers;

    /**
     * @param subscriptions the users' devices
     * @param sender        delivers the pushes
     * @param policy        which endpoints a device may register (the sender checks again before each push)
     * @param codes         the code rules and store, for channel {@value #ID}
     * @param appName       the application's name, shown in the notification
     */
    public PushFactor(PushSubscriptionStore subscriptions, PushSender sender, PushEndpointPolicy policy,
                      OneTimeCodes codes, String appName) {
        this(subscriptions, sender, policy, codes, appName, null);
    }

    /**
     * @param subscriptions        the users' devices
     * @param sender               delivers the pushes
     * @param policy               which endpoints a device may register
     * @param codes                the code rules and store, for channel {@value #ID}
     * @param appName              the application's name, shown in the notification
     * @param applicationServerKey the VAPID public key browsers subscribe with (base64url), or {@code null} when
     *                             devices are registered by other means (the settings page then offers none)
     */
    public PushFactor(PushSubscriptionStore subscriptions, PushSender sender, PushEndpointPolicy policy,
                      OneTimeCodes codes, String appName, String applicationServerKey) {
        this(subscriptions, sender, policy, codes, appName, applicationServerKey, null, null);
    }

    /**
     * The {@code number} prompt ({@code stepwise.mfa.push.prompt=number}): approval with number matching.
     *
     * @param subscriptions        the users' devices
     * @param sender               delivers the pushes
     * @param policy               which endpoints a device may register
     * @param codes                the code rules (its store is cleared with the enrolment)
     * @param appName              the application's name, shown in the notification
     * @param applicationServerKey the VAPID public key, or {@code null}
     * @param approvals            the approvals, or {@code null} for the code prompt
     * @param approvePath          the approval page's address in the links: absolute with the configured origin
     *                             ({@code https://bank.example/app/mfa/push/approve}, {@code stepwise.mfa.push.origin}),
     *                             or, in development only, its path ({@code /app/mfa/push/approve}) from the origin
     *                             of the sign-in request; {@code null} for the code prompt
     */
    public PushFactor(PushSubscriptionStore subscriptions, PushSender sender, PushEndpointPolicy policy,
                      OneTimeCodes codes, String appName, String applicationServerKey, PushApprovals approvals,
                      String approvePath) {
        this.applicationServerKey = applicationServerKey;
        this.numbers = approvals == null ? null : new PushNumberPrompt(approvals,
                Objects.requireNonNull(approvePath, "approvePath"), sender, subscriptions, appName);
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.codes = Objects.requireNonNull(codes, "codes");
        this.appName = Objects.requireNonNull(appName, "appName");
        if (!ID.equals(codes.channel())) {
            throw new IllegalArgumentException("the push factor needs OneTimeCodes for channel \"" + ID
                    + "\", got \"" + codes.channel() + "\"");
        }
    }

    @Override
    public String id() {
        return ID;
    }

    /** Whether {@code user} registered at least one device. */
    @Override
    public boolean isEnrolled(String user) {
        return !subscriptions.subscriptions(user).isEmpty();
    }

    /** {@return the approvals with number matching, empty with the code prompt} */
    public java.util.Optional<PushApprovals> approvals() {
        return java.util.Optional.ofNullable(numbers).map(PushNumberPrompt::approvals);
    }

    /** {@return the number prompt's page, or {@code null} (the one-time-code form) with the code prompt} */
    @Override
    public String page() {
        return numbers == null ? null : "/mfa/push-number.jsp";
    }

    /** {@return the VAPID public key browsers subscribe with, if the settings page may register devices} */
    public java.util.Optional<String> applicationServerKey() {
        return java.util.Optional.ofNullable(applicationServerKey);
    }

    /**
     * The user's devices, oldest first, for the settings page.
     *
     * @param user the user name
     * @return the devices
     */
    public List<StoredPushSubscription> devices(String user) {
        return subscriptions.subscriptions(user);
    }

    /**
     * Registers a device: what the browser's {@code PushSubscription.toJSON()} gave, checked before it is
     * stored. Call only for a signed-in user who passed MFA (or enrols now), on a POST with the CSRF token.
     *
     * @param user     the user name
     * @param label    the name the user gives the device
     * @param endpoint the endpoint URL
     * @param p256dh   {@code keys.p256dh}, base64url
     * @param auth     {@code keys.auth}, base64url
     * @return what became of it; only {@link PushRegistration#ADDED} stored anything
     */
    public PushRegistration register(String user, String label, String endpoint, String p256dh, String auth) {
        Objects.requireNonNull(user, "user");
        if (endpoint == null || p256dh == null || auth == null || !StoredPushSubscription.isLabel(label)) {
            return PushRegistration.MALFORMED;
        }
        PushSubscription subscription;
        try {
            subscription = PushSubscription.of(endpoint, p256dh, auth);
        } catch (IllegalArgumentException e) {
            return PushRegistration.MALFORMED;
        }
        if (policy.refusal(subscription.endpoint()).isPresent()) {
            LOG.log(System.Logger.Level.INFO, "Stepwise MFA: refused a push subscription for {0} at {1}", user,
                    subscription.origin());
            return PushRegistration.ENDPOINT_REFUSED;
        }
        StoredPushSubscription entry = StoredPushSubscription.of(subscription, label.strip(), codes.now());
        return subscriptions.add(user, entry, PushSubscriptionStore.MAX_PER_USER) ? PushRegistration.ADDED
                : PushRegistration.TOO_MANY;
    }

    /**
     * Removes one of the user's devices, and the code or approval out: a removed (lost) device must not answer
     * with what it already received.
     *
     * @param user the user name
     * @param id   the device's id from {@link #devices}
     * @return whether one was removed
     */
    public boolean remove(String user, String id) {
        boolean removed = StoredPushSubscription.isId(id) && subscriptions.remove(user, id);
        if (removed) {
            forget(user);
        }
        return removed;
    }

    /** Removes every device of the user and the code out, if any. */
    @Override
    public void removeEnrolment(String user) {
        subscriptions.removeAll(user);
        forget(user);
    }

    @Override
    public ChallengeView preview(String user, ChallengeContext ctx) {
        List<StoredPushSubscription> devices = subscriptions.subscriptions(user);
        if (numbers != null && !devices.isEmpty()) {
            return numbers.preview(user, devices, ctx);
        }
        return devices.isEmpty() ? notOffered()
                : CodeChallengeView.look(destination(devices), codes.live(user), codes, Map.of());
    }

    @Override
    public ChallengeView beginChallenge(String user, ChallengeContext ctx) {
        List<StoredPushSubscription> devices = subscriptions.subscriptions(user);
        if (devices.isEmpty()) {
            return notOffered();
        } else if (numbers != null) {
            return numbers.begin(user, devices, ctx);
        }
        var live = codes.live(user);
        return live.isPresent() ? CodeChallengeView.look(destination(devices), live, codes, Map.of())
                : send(user, devices, ctx);
    }

    @Override
    public ChallengeView resend(String user, ChallengeContext ctx) {
        List<StoredPushSubscription> devices = subscriptions.subscriptions(user);
        if (numbers != null && !devices.isEmpty()) {
            return numbers.send(user, devices, ctx);
        }
        return devices.isEmpty() ? notOffered() : send(user, devices, ctx);
    }

    @Override
    public Verification verify(String user, Map<String, String> input, ChallengeContext ctx) {
        if (numbers != null) {
            return numbers.approvals().verify(user, ctx == null ? null : ctx.session());
        }
        return codes.verify(user, input == null ? null : input.get("code"));
    }

    @Override
    public void forget(String user) {
        codes.forget(user);
        if (numbers != null) {
            numbers.approvals().forget(user);
        }
    }

    private ChallengeView send(String user, List<StoredPushSubscription> devices, ChallengeContext ctx) {
        Locale locale = ctx == null ? null : ctx.locale();
        SendOutcome outcome = codes.send(user, (code, validFor) -> new PushFanOut(sender, subscriptions, user)
                .deliver(devices, PushMessage.of(PushNotification.payload(appName, code, validFor, locale),
                        validFor)));
        if (outcome instanceof SendOutcome.NotDelivered failed) {
            CodeDeliveryException e = failed.failure();
            LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: could not push a one-time code to {0}: {1}", user,
                    e.getMessage());
        }
        return CodeChallengeView.of(destination(devices), outcome, codes, Map.of());
    }

    private static String destination(List<StoredPushSubscription> devices) {
        return String.join(", ", devices.stream().map(StoredPushSubscription::label).toList());
    }

    private static ChallengeView notOffered() {
        return new ChallengeView(Map.of(CodeChallengeView.DELIVERY_ERROR, ERROR_UNAVAILABLE,
                CodeChallengeView.SENT, Boolean.FALSE, CodeChallengeView.PENDING, Boolean.FALSE));
    }

    @Override
    public String toString() {
        return "PushFactor[" + sender + ", " + policy + ", " + codes + "]";
    }
}
