package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.runtime.config.Endpoints.SmtpRelay;

import java.util.function.Function;

/**
 * Code emails: a container mail session by JNDI name, or a plain SMTP relay for development.
 *
 * @param session  {@code stepwise.mfa.email.session}: JNDI name of a {@code jakarta.mail.Session}, or {@code null}
 * @param smtpHost {@code stepwise.mfa.email.smtp}: SMTP relay host (no authentication), or {@code null}
 * @param smtpPort the SMTP relay's port (25 when no relay is named)
 * @param from     {@code stepwise.mfa.email.from}: the sender address, or {@code null}
 */
public record EmailSettings(String session, String smtpHost, int smtpPort, String from) {

    /**
     * Reads the email parameters.
     *
     * @param source where the configuration values are read from
     * @return the email settings
     */
    public static EmailSettings read(Function<String, String> source) {
        String session = Parameters.EMAIL_SESSION.read(source);
        SmtpRelay relay = Parameters.EMAIL_SMTP.read(source);
        return new EmailSettings(session, relay == null ? null : relay.host(), relay == null ? 25 : relay.port(),
                Parameters.EMAIL_FROM.read(source));
    }
}
