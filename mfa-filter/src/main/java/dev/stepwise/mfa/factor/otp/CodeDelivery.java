package dev.stepwise.mfa.factor.otp;

import java.time.Duration;

/**
 * Sends one code to the user: the email, SMS or voice step of {@link OneTimeCodes#send}. Returning normally
 * means the message was handed over; only then is the code stored as pending.
 *
 * <pre>{@code
 * SendOutcome outcome = codes.send("alice", (code, validFor) -> mailer.send(address, code, validFor, locale));
 * }</pre>
 */
@FunctionalInterface
public interface CodeDelivery {

    /**
     * @param code     the code to send; never log it
     * @param validFor how long it will be accepted (for "expires in 10 minutes")
     * @throws CodeDeliveryException if it could not be handed over
     */
    void deliver(OneTimeCode code, Duration validFor) throws CodeDeliveryException;
}
