package dev.stepwise.mfa.factor.push;

import dev.stepwise.mfa.factor.otp.CodeDeliveryException;
import dev.stepwise.mfa.factor.otp.CodeDeliveryException.Reason;

import java.util.List;
import java.util.OptionalInt;

/**
 * One code pushed to every device of a user, one after the other: delivered when at least one push service took
 * it. A device whose push service answers {@link PushResult.Gone} is deleted. When none took it, the failure
 * that says most about whether a message may be out wins: a timeout or server error (may have delivered, the
 * resend cooldown stays) over a refusal or no connection (nothing went out).
 */
final class PushFanOut {

    private static final System.Logger LOG = System.getLogger(PushFanOut.class.getName());

    private final PushSender sender;
    private final PushSubscriptionStore store;
    private final String user;

    PushFanOut(PushSender sender, PushSubscriptionStore store, String user) {
        this.sender = sender;
        this.store = store;
        this.user = user;
    }

    /** Pushes {@code message} to each device; throws unless at least one push service took it. */
    void deliver(List<StoredPushSubscription> devices, PushMessage message) throws CodeDeliveryException {
        int delivered = 0;
        Reason worst = null;
        int status = -1;
        for (StoredPushSubscription device : devices) {
            PushResult result = sender.send(device.subscription(), message);
            LOG.log(System.Logger.Level.DEBUG, "Stepwise MFA: push to {0}: {1}", device.subscription().origin(),
                    result);
            if (result instanceof PushResult.Delivered) {
                delivered++;
            } else if (result instanceof PushResult.Gone gone) {
                store.remove(user, device.id());
                LOG.log(System.Logger.Level.INFO, "Stepwise MFA: deleted a push subscription of {0} that its push "
                        + "service reports gone (HTTP {1})", user, gone.status());
                worst = worse(worst, Reason.REJECTED);
            } else if (result instanceof PushResult.Rejected rejected) {
                worst = worse(worst, Reason.REJECTED);
                status = rejected.status();
            } else if (result instanceof PushResult.Failed failed) {
                worst = worse(worst, reason(failed.failure()));
                status = failed.status().orElse(status);
            }
        }
        if (delivered == 0) {
            throw new CodeDeliveryException(worst == null ? Reason.OTHER : worst, devices.size()
                    + " device(s), none reached", devices.size(), status < 0 ? OptionalInt.empty()
                    : OptionalInt.of(status));
        }
    }

    private static Reason reason(PushResult.Failure failure) {
        return switch (failure) {
            case ENDPOINT_REFUSED, CONNECT -> Reason.CONNECT;
            case TIMEOUT -> Reason.TIMEOUT;
            default -> Reason.OTHER;
        };
    }

    /** TIMEOUT and OTHER (may have delivered) outrank REJECTED and CONNECT (nothing went out). */
    private static Reason worse(Reason a, Reason b) {
        if (a == null) {
            return b;
        }
        boolean aMay = a == Reason.TIMEOUT || a == Reason.OTHER;
        boolean bMay = b == Reason.TIMEOUT || b == Reason.OTHER;
        return bMay && !aMay ? b : a;
    }
}
