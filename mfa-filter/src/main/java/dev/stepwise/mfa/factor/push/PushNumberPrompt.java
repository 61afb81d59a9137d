package dev.stepwise.mfa.factor.push;

import dev.stepwise.mfa.core.ApprovalRules;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.ChallengeView;
import dev.stepwise.mfa.factor.otp.CodeChallengeView;
import dev.stepwise.mfa.factor.otp.CodeDeliveryException;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The challenge side of the push factor's {@code number} prompt: starting an approval, pushing its link to the
 * devices, and the page model of {@code push-number.jsp}. The page shows the number only to the session that
 * started the approval.
 */
final class PushNumberPrompt {

    /** Model key: the number to choose on the device (absent when there is none for this session). */
    static final String NUMBER = "stepwise_approvalNumber";
    /** Model key: {@code pending}, {@code approved}, {@code denied}, {@code used} or {@code expired}. */
    static final String STATE = "stepwise_approvalState";
    /** Model key: a notice of the factor's bundle ({@code stepwise.mfa.push.cooldown}). */
    static final String NOTICE = "stepwise_approvalNotice";
    /** Shown when a new approval is asked for within {@link PushApprovals#COOLDOWN} of the last. */
    static final String COOLDOWN = "stepwise.mfa.push.cooldown";
    /** Model key: the URL of the status poll ({@code push-poll.js}), next to the approval page. */
    static final String POLL = "stepwise_approvalPoll";
    /** Shown when no device took the notification. */
    static final String NOT_SENT = "stepwise.mfa.push.not-sent";

    private static final System.Logger LOG = System.getLogger(PushNumberPrompt.class.getName());

    private final PushApprovals approvals;
    /** Absolute ({@code stepwise.mfa.push.origin} set), or a path from the request's origin (development). */
    private final String approveAddress;
    private final PushSender sender;
    private final PushSubscriptionStore subscriptions;
    private final String appName;

    PushNumberPrompt(PushApprovals approvals, String approveAddress, PushSender sender,
                     PushSubscriptionStore subscriptions, String appName) {
        if (!approveAddress.startsWith("/") && !approveAddress.matches("https?://[^/?#@]+/[^?#]*")) {
            throw new IllegalArgumentException("the approval page: an absolute http(s) address or a path");
        }
        this.approvals = approvals;
        this.approveAddress = approveAddress;
        this.sender = sender;
        this.subscriptions = subscriptions;
        this.appName = appName;
    }

    /**
     * {@code …/push/status} beside {@code …/push/approve} (both registered by the library's bootstrap): a path
     * only, so the page polls its own origin even where the approval link names the configured one.
     */
    private String pollPath() {
        String path = approveAddress.startsWith("/") ? approveAddress : java.net.URI.create(approveAddress).getRawPath();
        int slash = path.lastIndexOf('/');
        return (slash < 0 ? "" : path.substring(0, slash)) + "/status";
    }

    PushApprovals approvals() {
        return approvals;
    }

    /** The page without sending: this session's approval, if any. */
    ChallengeView preview(String user, List<StoredPushSubscription> devices, ChallengeContext ctx) {
        return view(devices, approvals.shown(user, ctx.session()), null, null);
    }

    /** "Send": this session's pending approval again, else a new one. */
    ChallengeView begin(String user, List<StoredPushSubscription> devices, ChallengeContext ctx) {
        Optional<PushApprovals.Shown> shown = approvals.shown(user, ctx.session());
        if (shown.isPresent() && shown.get().state() == ApprovalRules.State.PENDING && !shown.get().expired()) {
            return view(devices, shown, null, null);
        }
        return send(user, devices, ctx);
    }

    /** A new approval, replacing the user's last, unless the last is pending and younger than the cooldown. */
    ChallengeView send(String user, List<StoredPushSubscription> devices, ChallengeContext ctx) {
        if (!approvals.mayStart(user)) {
            return view(devices, approvals.shown(user, ctx.session()), null, COOLDOWN);
        }
        if (approveAddress.startsWith("/") && ctx.origin().isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: no origin known, so no approval link for {0}", user);
            return view(devices, Optional.empty(), NOT_SENT, null);
        }
        Optional<PushApprovals.Started> begun = approvals.start(user, ctx.session());
        if (begun.isEmpty()) { // a parallel start won the cooldown
            return view(devices, approvals.shown(user, ctx.session()), null, COOLDOWN);
        }
        PushApprovals.Started started = begun.get();
        Locale locale = ctx.locale();
        String url = link(ctx) + "#" + started.token();
        try {
            new PushFanOut(sender, subscriptions, user).deliver(devices, PushMessage.of(
                    PushNotification.approval(appName, url, approvals.validity(), locale), approvals.validity()));
        } catch (CodeDeliveryException e) {
            approvals.forget(user);
            LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: could not push an approval to {0}: {1}", user,
                    e.getMessage());
            return view(devices, Optional.empty(), NOT_SENT, null);
        }
        return view(devices, Optional.of(new PushApprovals.Shown(started.number(), ApprovalRules.State.PENDING,
                false)), null, null);
    }

    /** The configured origin's page; only without one (development) the origin of the sign-in request. */
    private String link(ChallengeContext ctx) {
        return approveAddress.startsWith("/") ? ctx.origin() + approveAddress : approveAddress;
    }

    private ChallengeView view(List<StoredPushSubscription> devices, Optional<PushApprovals.Shown> shown,
                                      String error, String notice) {
        Map<String, Object> model = new HashMap<>();
        model.put(CodeChallengeView.DESTINATION, String.join(", ",
                devices.stream().map(StoredPushSubscription::label).toList()));
        shown.ifPresent(s -> {
            model.put(NUMBER, s.number());
            model.put(STATE, s.expired() ? "expired" : s.state().name().toLowerCase(Locale.ROOT));
            model.put(POLL, pollPath());
        });
        if (error != null) {
            model.put(CodeChallengeView.DELIVERY_ERROR, error);
        }
        if (notice != null) {
            model.put(NOTICE, notice);
        }
        return new ChallengeView(model);
    }
}
