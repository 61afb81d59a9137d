package dev.stepwise.mfa.factor.email;

import dev.stepwise.mfa.factor.otp.CapturedLogs;
import dev.stepwise.mfa.factor.otp.OneTimeCode;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The mail's text without a server; delivery itself is tested against GreenMail in {@link EmailFactorTest}. */
class CodeMailerTest {

    private static final Session SESSION = Session.getInstance(new Properties());

    private static String[] parts(MimeMessage m) throws Exception {
        MimeMultipart alt = (MimeMultipart) m.getContent();
        return new String[] {(String) alt.getBodyPart(0).getContent(), (String) alt.getBodyPart(1).getContent()};
    }

    @Test
    void refusesABadSenderOrAppName() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CodeMailer(SESSION, "not an address", "Bank"));
        assertThatIllegalArgumentException().isThrownBy(() -> new CodeMailer(SESSION, "a@b.example", " "));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CodeMailer(SESSION, "a@b.example", "Bank\r\nBcc: x@evil.example"));
    }

    @Test
    void warnsWhenTheSessionTracesTheMailItSends() {
        Properties debug = new Properties();
        debug.put("mail.debug", "true");
        Session tracing = Session.getInstance(debug);
        tracing.setDebugOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try (CapturedLogs logs = CapturedLogs.start()) {
            new CodeMailer(SESSION, "no-reply@bank.example", "Bank");
            assertThat(logs.text()).doesNotContain("mail.debug");
            new CodeMailer(tracing, "no-reply@bank.example", "Bank");
            assertThat(logs.text()).contains("mail.debug on");
        }
    }

    @Test
    void escapesTheAppNameInHtml() throws Exception {
        CodeMailer mailer = new CodeMailer(SESSION, "no-reply@bank.example", "A&B <Bank>");
        MimeMessage m = mailer.compose(new InternetAddress("alice@example.com"), new OneTimeCode("123456"),
                Duration.ofMinutes(10), Locale.ENGLISH);
        String[] p = parts(m);
        assertThat(p[1]).contains("A&amp;B &lt;Bank&gt;").doesNotContain("<Bank>");
        assertThat(p[0]).contains("A&B <Bank>");
        assertThat(m.getSubject()).isEqualTo("A&B <Bank>: your sign-in code");
    }

    @Test
    void statesTheValidityInWholeMinutesRoundedUp() throws Exception {
        CodeMailer mailer = new CodeMailer(SESSION, "no-reply@bank.example", "Bank");
        InternetAddress to = new InternetAddress("alice@example.com");
        assertThat(parts(mailer.compose(to, new OneTimeCode("123456"), Duration.ofSeconds(60), Locale.ENGLISH))[0])
                .contains("expires in 1 minute and");
        assertThat(parts(mailer.compose(to, new OneTimeCode("123456"), Duration.ofSeconds(61), Locale.ENGLISH))[0])
                .contains("expires in 2 minutes");
        assertThat(parts(mailer.compose(to, new OneTimeCode("123456"), Duration.ofMinutes(10), Locale.GERMAN))[0])
                .contains("10 Minuten gültig");
    }

    @Test
    void anUnknownLocaleGetsEnglishNotTheServersDefault() throws Exception {
        Locale old = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            CodeMailer mailer = new CodeMailer(SESSION, "no-reply@bank.example", "Bank");
            MimeMessage m = mailer.compose(new InternetAddress("alice@example.com"), new OneTimeCode("123456"),
                    Duration.ofMinutes(10), Locale.ITALIAN);
            assertThat(m.getSubject()).isEqualTo("Bank: your sign-in code");
            assertThat(mailer.compose(new InternetAddress("alice@example.com"), new OneTimeCode("123456"),
                    Duration.ofMinutes(10), Locale.CANADA_FRENCH).getSubject()).isEqualTo("Bank : votre code de connexion");
            assertThat(mailer.compose(new InternetAddress("alice@example.com"), new OneTimeCode("123456"),
                    Duration.ofMinutes(10), new Locale("es", "AR")).getSubject()).isEqualTo("Bank: su código de acceso");
        } finally {
            Locale.setDefault(old);
        }
    }
}
