package dev.stepwise.mfa.cdi;

import dev.stepwise.mfa.factor.email.CodeMailer;
import dev.stepwise.mfa.runtime.config.EmailSettings;
import dev.stepwise.mfa.runtime.config.MfaConfigException;
import dev.stepwise.mfa.runtime.config.Parameters;
import jakarta.mail.Session;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.Properties;

/**
 * The email factor's mailer, from the application's mail session. Kept out of {@link BuiltInFactors}: CDI
 * introspects a bean class's whole signature at deployment, so a Jakarta Mail type there fails the deployment on
 * a server without Jakarta Mail (a Web Profile server) even when email is not offered. This class is not a bean
 * and is loaded only when email is offered (MailOptionalTest).
 */
final class MailSessions {

    private MailSessions() {
    }

    /** A mailer sending from {@code from}, with the mail session {@code email} names or describes. */
    static CodeMailer mailer(EmailSettings email, String from, String issuer) {
        return new CodeMailer(session(email), from, issuer);
    }

    private static Session session(EmailSettings email) {
        if (email.session() != null) {
            try {
                return (Session) new InitialContext().lookup(email.session());
            } catch (NamingException | ClassCastException e) {
                throw new MfaConfigException(Parameters.EMAIL_SESSION.name(), email.session(),
                        "the JNDI name of a mail session (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (email.smtpHost() == null) {
            throw new MfaConfigException(Parameters.EMAIL_SESSION.name(), "(not set)",
                    "a mail session's JNDI name, or stepwise.mfa.email.smtp=host:port");
        }
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", email.smtpHost());
        props.setProperty("mail.smtp.port", Integer.toString(email.smtpPort()));
        props.setProperty("mail.smtp.connectiontimeout", "10000");
        props.setProperty("mail.smtp.timeout", "10000");
        props.setProperty("mail.smtp.writetimeout", "10000");
        return Session.getInstance(props);
    }
}
