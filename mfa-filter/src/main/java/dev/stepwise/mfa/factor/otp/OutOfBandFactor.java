package dev.stepwise.mfa.factor.otp;

import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.ChallengeView;
import dev.stepwise.mfa.factor.CodeSending;
import dev.stepwise.mfa.factor.Factor;

/**
 * A factor that sends the user a one-time code (email, SMS, voice).
 *
 * <p>Sending is a change of state, so it happens only on the user's request, a POST with the CSRF token —
 * never because a page was opened: any other site can make a browser open a page (an {@code <img>} is a GET).
 * The challenge page shows {@link #preview} on GET and whenever it is shown again (after a wrong code);
 * its "Send code" button calls {@link #beginChallenge}, which sends a code only if none is valid yet (pressing
 * twice does not replace the code the user is typing); a "send a new code" button calls {@link #resend},
 * subject to the cooldown. The views carry the model keys of {@link CodeChallengeView}.
 *
 * <pre>{@code
 * ChallengeView view = switch (post ? request.getParameter("action") : "look") {
 *     case "send" -> oob.beginChallenge(user, ctx);    // not a verification: counts no failure
 *     case "resend" -> oob.resend(user, ctx);
 *     default -> oob.preview(user, ctx);                // GET: sends nothing
 * };
 * }</pre>
 */
public interface OutOfBandFactor extends Factor, CodeSending {

    /**
     * What the page shows before the user asks for a code: where a code would go (masked) and, if a code sent
     * earlier is still valid, that it is out ({@link CodeChallengeView#pending}), else
     * a view with nothing out (notice {@value CodeChallengeView#NOTICE_UNSENT}). Sends nothing and changes nothing.
     */
    @Override
    ChallengeView preview(String user, ChallengeContext ctx);

    /** Sends a new code now, replacing the previous one, unless the resend cooldown forbids it. */
    @Override
    ChallengeView resend(String user, ChallengeContext ctx);

    /** The page's "Send code": {@link #beginChallenge}, which sends only if no valid code is out. */
    @Override
    default ChallengeView send(String user, ChallengeContext ctx) {
        return beginChallenge(user, ctx);
    }

    /**
     * Invalidates the user's pending code, e.g. after the address or number changed.
     *
     * @param user the user name (the container's caller principal name)
     */
    void forget(String user);
}
