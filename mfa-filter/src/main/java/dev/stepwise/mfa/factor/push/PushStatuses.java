package dev.stepwise.mfa.factor.push;

import dev.stepwise.mfa.factor.push.PushResult.Failure;

import java.util.OptionalInt;

/** A push service's HTTP status as a {@link PushResult} (RFC 8030 §5, §6.2, §7.3, §8.4; RFC 8292 §4.2). */
final class PushStatuses {

    private PushStatuses() {
    }

    static PushResult result(int status) {
        if (status >= 200 && status < 300) {
            return new PushResult.Delivered(status);
        }
        if (status == 404 || status == 410) {
            return new PushResult.Gone(status);
        }
        if (status >= 500) {
            return new PushResult.Failed(Failure.SERVICE_ERROR, OptionalInt.of(status), "the push service answered HTTP "
                    + status);
        }
        return new PushResult.Rejected(status, switch (status) {
            case 400 -> "the push service found the request malformed";
            case 401, 403 -> "the push service refused the VAPID token, or the subscription belongs to another key";
            case 413 -> "the payload is too large for the push service";
            case 429 -> "too many messages: the push service asks to slow down";
            default -> status >= 300 && status < 400 ? "a redirect (never followed)" : "HTTP " + status;
        });
    }
}
