package dev.stepwise.mfa.factor.sms;

import dev.stepwise.mfa.factor.otp.CodeDeliveryException;

/**
 * Hands a code to an SMS or voice provider. Applications plug in their provider's SDK here, or configure the
 * built-in {@link HttpGatewayCodeSender}.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class TwilioCodeSender implements CodeSender {
 *     public void send(CodeMessage m) throws CodeDeliveryException {
 *         try {
 *             Message.creator(new PhoneNumber(m.to().e164()), FROM, m.text()).create();
 *         } catch (ApiException e) {
 *             // say what failed, never the code, the text or the full number
 *             throw new CodeDeliveryException(CodeDeliveryException.Reason.REJECTED, "Twilio error " + e.getCode());
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Rules for implementations: thread-safe; return normally only once the provider accepted the message; bound
 * every network call with timeouts; retry only where the message certainly did not go out (no connection),
 * never after a timeout or an error answer — a second SMS costs money and confuses; never log or put into an
 * exception message the code, the text or the full number (use {@link PhoneNumber#masked()}).
 */
public interface CodeSender {

    /**
     * Sends {@code message}.
     *
     * @param message the message
     * @throws CodeDeliveryException if the provider could not be reached or refused the message
     */
    void send(CodeMessage message) throws CodeDeliveryException;

    /**
     * Whether this sender can deliver on {@code channel}; by default text messages only.
     *
     * @param channel the delivery channel
     * @return whether this sender can deliver on {@code channel}; by default text messages only
     */
    default boolean supports(PhoneChannel channel) {
        return channel == PhoneChannel.SMS;
    }
}
