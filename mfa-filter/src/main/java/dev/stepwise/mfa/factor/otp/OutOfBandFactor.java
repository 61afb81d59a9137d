package dev.stepwise.mfa.factor.otp;

import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.ChallengeView;
import dev.stepwise.mfa.factor.Factor;

/**
 * A factor that sends the user a one-time code (email, SMS, voice).
 *
 * <p>{@link #beginChallenge} sends a code only if none is valid yet — the challenge page calls it on every
 * render (also after a wrong code), and re-sending there would replace the code the user is typing. A new code
 * is sent on request through {@link #resend}, e.g. from a "send a new code" button (POST, CSRF-protected),
 * subject to the cooldown. The views carry the model keys of {@link CodeChallengeView}.
 *
 * <pre>{@code
 * if (factor instanceof OutOfBandFactor oob && request.getParameter("resend") != null) {
 *     view = oob.resend(user, ctx);             // not a verification: counts no failure
 * }
 * }</pre>
 */
public interface OutOfBandFactor extends Factor {

    /** Sends a new code now, replacing the previous one, unless the resend cooldown forbids it. */
    ChallengeView resend(String user, ChallengeContext ctx);

    /** Invalidates the user's pending code, e.g. after the address or number changed. */
    void forget(String user);
}
