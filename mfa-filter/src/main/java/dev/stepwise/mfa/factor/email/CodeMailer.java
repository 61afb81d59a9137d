package dev.stepwise.mfa.factor.email;

import dev.stepwise.mfa.factor.otp.CodeDeliveryException;
import dev.stepwise.mfa.factor.otp.OneTimeCode;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Writes and sends the email that carries a one-time code: {@code multipart/alternative} with a plain-text and
 * an HTML part, localised (English and German in the jar, bundle {@value #BUNDLE}), the code in the body and
 * never in the subject (it would show in notifications and mailbox lists), and no link of any kind — a mail
 * that logs you in by clicking is what phishing copies.
 *
 * <p>The {@link Session} is the application's: from JNDI ({@code @Resource(lookup = "mail/stepwise")}) or built
 * from SMTP settings. Give it timeouts, or a dead mail server hangs the challenge page:
 *
 * <pre>{@code
 * Properties p = new Properties();
 * p.put("mail.smtp.host", "smtp.example.com");
 * p.put("mail.smtp.port", "587");
 * p.put("mail.smtp.starttls.enable", "true");
 * p.put("mail.smtp.starttls.required", "true");
 * p.put("mail.smtp.connectiontimeout", "5000");
 * p.put("mail.smtp.timeout", "10000");
 * p.put("mail.smtp.writetimeout", "10000");
 * CodeMailer mailer = new CodeMailer(Session.getInstance(p, authenticator), "no-reply@bank.example",
 *                                    "Sample Bank");
 * }</pre>
 *
 * <p>Failures become a {@link CodeDeliveryException} that names the kind of failure and the exception class,
 * never the code, the body or the address. Thread-safe.
 *
 * <p><b>Operators:</b> this class never logs the code, but the mail implementation can. With
 * {@code mail.debug=true} the whole SMTP dialogue goes to {@code System.out}, and Angus Mail (the
 * implementation in Jakarta EE 10 servers) writes the recipient at {@code FINE} on
 * {@code org.eclipse.angus.mail.smtp} and the whole message — code included — at {@code FINEST} on
 * {@code org.eclipse.angus.mail.smtp.protocol}. Keep those loggers at {@code INFO} in production. The
 * constructor warns if the session has debugging on.
 */
public final class CodeMailer {

    /** The resource bundle of the mail texts. */
    public static final String BUNDLE = "dev.stepwise.mfa.factor.email.messages";

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Session session;
    private final InternetAddress from;
    private final String appName;

    /**
     * @param session the mail session (SMTP host, port, TLS, credentials, timeouts)
     * @param from    the sender, e.g. {@code "Sample Bank <no-reply@bank.example>"}; parsed strictly
     * @param appName the application's name as users know it, shown in subject and body; no line breaks
     * @throws IllegalArgumentException if {@code from} is not an address or {@code appName} is blank or has
     *                                  control characters
     */
    public CodeMailer(Session session, String from, String appName) {
        this.session = Objects.requireNonNull(session, "session");
        try {
            this.from = new InternetAddress(Objects.requireNonNull(from, "from"), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("the sender address is not a valid email address: " + from, e);
        }
        Objects.requireNonNull(appName, "appName");
        if (appName.isBlank() || appName.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("appName must be a non-blank line of text");
        }
        this.appName = appName.strip();
        if (session.getDebug()) {
            System.getLogger(CodeMailer.class.getName()).log(System.Logger.Level.WARNING,
                    "Stepwise MFA: the mail session has mail.debug on; one-time codes will appear in its output");
        }
    }

    /**
     * Sends {@code code} to {@code to}.
     *
     * @param to       the recipient (as the directory returned it)
     * @param code     the code
     * @param validFor how long it is valid (stated in the mail, in whole minutes rounded up)
     * @param locale   the user's locale; English unless a bundle for it exists
     * @throws CodeDeliveryException if the address is invalid or the mail server could not be reached or
     *                               refused the message
     */
    public void send(String to, OneTimeCode code, Duration validFor, Locale locale) throws CodeDeliveryException {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(validFor, "validFor");
        InternetAddress recipient;
        try {
            recipient = new InternetAddress(Objects.requireNonNull(to, "to"), true);
        } catch (AddressException e) {
            throw new CodeDeliveryException(CodeDeliveryException.Reason.OTHER,
                    "the recipient address is not valid");   // not echoed: it is personal data
        }
        try {
            Transport.send(compose(recipient, code, validFor, locale));
        } catch (MessagingException e) {
            throw failure(e);
        }
    }

    /** The message as it would be sent (package-private for tests of its content). */
    MimeMessage compose(InternetAddress recipient, OneTimeCode code, Duration validFor, Locale locale)
            throws CodeDeliveryException {
        ResourceBundle texts = ResourceBundle.getBundle(BUNDLE, locale == null ? Locale.ENGLISH : locale,
                NO_FALLBACK);
        long minutes = Math.max(1, (validFor.toSeconds() + 59) / 60);
        Locale lang = texts.getLocale().getLanguage().isEmpty() ? Locale.ENGLISH : texts.getLocale();
        String subject = format(texts, "stepwise.mfa.email.subject", lang, appName);
        String intro = format(texts, "stepwise.mfa.email.intro", lang, appName);
        String expiry = format(texts, "stepwise.mfa.email.expiry", lang, minutes);
        String warning = format(texts, "stepwise.mfa.email.warning", lang, appName);
        String digits = code.digits();

        String text = intro + "\n\n    " + digits + "\n\n" + expiry + "\n\n" + warning + "\n\n-- \n" + appName + "\n";
        String html = "<!DOCTYPE html><html lang=\"" + escape(lang.getLanguage()) + "\"><head><meta charset=\"utf-8\">"
                + "<title>" + escape(subject) + "</title></head><body style=\"font-family:sans-serif\">"
                + "<p>" + escape(intro) + "</p>"
                + "<p style=\"font-size:28px;font-weight:bold;letter-spacing:6px;font-family:monospace\">"
                + digits + "</p>"
                + "<p>" + escape(expiry) + "</p>"
                + "<p>" + escape(warning) + "</p>"
                + "<p style=\"color:#666\">" + escape(appName) + "</p></body></html>";
        try {
            return message(recipient, subject, text, html);
        } catch (MessagingException e) {
            throw failure(e);
        }
    }

    /** The MIME message: plain text and HTML alternatives, marked as sent by a machine. */
    private MimeMessage message(InternetAddress recipient, String subject, String text, String html)
            throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, recipient);
        message.setSubject(subject, "UTF-8");
        message.setSentDate(new Date());   // the Date header is wall-clock by nature
        message.setHeader("Auto-Submitted", "auto-generated");   // RFC 3834: no auto-replies
        message.setHeader("X-Auto-Response-Suppress", "All");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8", "plain");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");   // plain first: RFC 2046 §5.1.4
        alternative.addBodyPart(plain);
        alternative.addBodyPart(rich);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private static String format(ResourceBundle texts, String key, Locale locale, Object... args) {
        return new MessageFormat(texts.getString(key), locale).format(args);
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Classifies without copying the exception's message, which can hold addresses or server replies. */
    private static CodeDeliveryException failure(MessagingException e) {
        CodeDeliveryException.Reason reason = CodeDeliveryException.Reason.OTHER;
        List<Class<?>> seen = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && seen.size() < 10; t = next(t)) {
            seen.add(t.getClass());
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                reason = CodeDeliveryException.Reason.CONNECT;
                break;
            }
            if (t instanceof SocketTimeoutException) {
                reason = CodeDeliveryException.Reason.TIMEOUT;
                break;
            }
            if (t instanceof SendFailedException) {
                reason = CodeDeliveryException.Reason.REJECTED;
                break;
            }
            if (t instanceof UnsupportedEncodingException) {
                break;
            }
        }
        return new CodeDeliveryException(reason, "mail not sent (" + reason + ", " + e.getClass().getName() + ")");
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    @Override
    public String toString() {
        return "CodeMailer[from=" + MaskedEmailAddress.of(from.getAddress()) + "]";
    }
}
