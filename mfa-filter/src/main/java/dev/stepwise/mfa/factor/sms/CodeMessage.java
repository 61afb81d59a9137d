package dev.stepwise.mfa.factor.sms;

import dev.stepwise.mfa.factor.otp.OneTimeCode;

import java.util.Locale;
import java.util.Objects;

/**
 * One code on its way to a phone, as a {@link CodeSender} receives it: the number, the channel, the localised
 * text to send or read, and the code on its own (for providers with their own verification templates).
 * {@link #toString()} shows the masked number and the channel only.
 *
 * <pre>{@code
 * provider.sendSms(message.to().e164(), message.text());
 * }</pre>
 *
 * @param to      the confirmed number
 * @param channel text or voice
 * @param code    the code; never log it
 * @param text    the full text (contains the code); never log it
 * @param locale  the user's locale (a voice provider may pick the speaking voice from it)
 */
public record CodeMessage(PhoneNumber to, PhoneChannel channel, OneTimeCode code, String text, Locale locale) {

    /**
     * Checks the components.
     * @param to the confirmed number
     * @param channel text or voice
     * @param code the code; never log it
     * @param text the full text (contains the code); never log it
     * @param locale the user's locale (a voice provider may pick the speaking voice from it)
     */
    public CodeMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(locale, "locale");
    }

    @Override
    public String toString() {
        return "CodeMessage[to=" + to.masked() + ", channel=" + channel.id() + "]";
    }
}
