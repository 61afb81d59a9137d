package dev.stepwise.mfa.factor;

import java.util.Optional;

/**
 * A factor's capability to send the user a one-time code (email, SMS, voice). The challenge page shows
 * {@link #preview} on a GET and whenever it is shown again, and sends only on the user's POST with the page's
 * CSRF token ({@link #send}, {@link #resend}, {@link #sendOn}): any other site can make a browser open a page.
 * Sending is neither a success nor a failure of an attempt (docs/security-model.md). The built-in email and SMS
 * factors have it through {@link dev.stepwise.mfa.factor.otp.OutOfBandFactor}; pages ask for it with
 * {@code factor.capability(CodeSending.class)}.
 */
public interface CodeSending {

    /**
     * Where a code would go (masked) and whether one is out; sends nothing and changes nothing.
     *
     * @param user the user name (the container's caller principal name)
     * @param ctx the challenge's context (what this attempt keeps in the session)
     * @return where a code would go (masked) and whether one is out; sends nothing and changes nothing
     */
    ChallengeView preview(String user, ChallengeContext ctx);

    /**
     * Sends a code unless a valid one is out already (pressing twice keeps the code the user is typing).
     *
     * @param user the user name (the container's caller principal name)
     * @param ctx the challenge's context (what this attempt keeps in the session)
     * @return the challenge view
     */
    ChallengeView send(String user, ChallengeContext ctx);

    /**
     * Sends a new code now, replacing the previous one, unless the resend cooldown forbids it.
     *
     * @param user the user name (the container's caller principal name)
     * @param ctx the challenge's context (what this attempt keeps in the session)
     * @return the challenge view
     */
    ChallengeView resend(String user, ChallengeContext ctx);

    /**
     * Sends a new code on another channel of this factor ({@code "voice"}: "call me instead"), cooldown
     * permitting; empty when the factor has no such channel, and the page then sends as usual.
     *
     * @param user the user name (the container's caller principal name)
     * @param ctx the challenge's context (what this attempt keeps in the session)
     * @param channel the channel to send on (e.g. {@code "voice"})
     * @return the challenge view, or empty if there is none
     */
    default Optional<ChallengeView> sendOn(String user, ChallengeContext ctx, String channel) {
        return Optional.empty();
    }
}
