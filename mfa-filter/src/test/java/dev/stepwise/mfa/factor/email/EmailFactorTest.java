package dev.stepwise.mfa.factor.email;

import dev.stepwise.mfa.MutableClock;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.ChallengeView;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.factor.otp.CapturedLogs;
import dev.stepwise.mfa.factor.otp.CodeChallengeView;
import dev.stepwise.mfa.factor.otp.CodeHasher;
import dev.stepwise.mfa.factor.otp.CodeIssue;
import dev.stepwise.mfa.factor.TestChallengeContexts;
import dev.stepwise.mfa.factor.otp.InMemoryOneTimeCodeStore;
import dev.stepwise.mfa.factor.otp.OneTimeCodeSettings;
import dev.stepwise.mfa.factor.otp.OneTimeCodes;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The email factor against a real SMTP server in the test JVM (GreenMail), one fresh server per test. */
class EmailFactorTest {

    @RegisterExtension
    final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final String ALICE = "alice@example.com";
    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");
    /** Anything a mail client could turn into a link. */
    private static final Pattern LINKISH = Pattern.compile("(?i)(https?:|ftp:|mailto:|www\\.|href|://|<a\\b)");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryOneTimeCodeStore store = new InMemoryOneTimeCodeStore();
    private final CodeHasher hasher = CodeHasher.withRandomPepper();
    private final OneTimeCodes codes = new OneTimeCodes("email", OneTimeCodeSettings.defaults(), store, hasher,
            clock);
    private final EmailAddressDirectory directory = user -> user.equals("alice") ? Optional.of(ALICE)
            : user.equals("mallory") ? Optional.of("not an address") : Optional.empty();

    private Session session(int port) {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "5000");
        return Session.getInstance(p);
    }

    private EmailFactor factor(int port) {
        return new EmailFactor(true, directory, new CodeMailer(session(port), "Sample Bank <no-reply@bank.example>",
                "Sample Bank"), codes);
    }

    private EmailFactor up() {
        return factor(greenMail.getSmtp().getPort());
    }

    private static int deadPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();   // closed again: nobody listens here
        }
    }

    private static ChallengeContext ctx(Locale locale) {
        return TestChallengeContexts.in(locale, T0);
    }

    private MimeMessage[] received() {
        return greenMail.getReceivedMessages();
    }

    private static String text(MimeMessage m) throws Exception {
        return (String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent();
    }

    private static String html(MimeMessage m) throws Exception {
        return (String) ((MimeMultipart) m.getContent()).getBodyPart(1).getContent();
    }

    private static String codeIn(MimeMessage m) throws Exception {
        Matcher matcher = CODE.matcher(text(m));
        assertThat(matcher.find()).as("a 6-digit code in the mail").isTrue();
        return matcher.group(1);
    }

    private static Verification submit(EmailFactor f, String code) {
        return f.verify("alice", Map.of("code", code), ctx(Locale.ENGLISH));
    }

    @Test
    void theCodeArrivesAndIsAcceptedOnce() throws Exception {
        EmailFactor email = up();
        ChallengeView view = email.beginChallenge("alice", ctx(Locale.ENGLISH));

        assertThat(view.model()).containsEntry(CodeChallengeView.SENT, true)
                .containsEntry(CodeChallengeView.PENDING, true)
                .containsEntry(CodeChallengeView.DESTINATION, "a***@example.com")
                .containsEntry(CodeChallengeView.NOTICE, CodeChallengeView.NOTICE_SENT)
                .containsEntry(CodeChallengeView.RESEND_IN, 30L)
                .containsEntry(CodeChallengeView.EXPIRES_IN, 600L)
                .containsEntry(CodeChallengeView.DIGITS, 6)
                .containsEntry(EmailFactor.WEAKER, true)
                .doesNotContainKey(CodeChallengeView.DELIVERY_ERROR);
        assertThat(received()).hasSize(1);
        MimeMessage mail = received()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(ALICE);
        String code = codeIn(mail);

        assertThat(submit(email, code)).isEqualTo(Verification.accepted());
        assertThat(submit(email, code)).isEqualTo(Verification.rejected(OneTimeCodes.ERROR_EXPIRED));
    }

    @Test
    void theMailIsPlainTextAndHtmlWithTheCodeButNoLinkAndNoCodeInTheSubject() throws Exception {
        up().beginChallenge("alice", ctx(Locale.ENGLISH));
        MimeMessage mail = received()[0];
        String code = codeIn(mail);

        assertThat(mail.getSubject()).isEqualTo("Sample Bank: your sign-in code").doesNotContain(code);
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        MimeMultipart alt = (MimeMultipart) mail.getContent();
        assertThat(alt.getCount()).isEqualTo(2);
        assertThat(alt.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
        assertThat(alt.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(text(mail)).contains(code).contains("expires in 10 minutes");
        assertThat(html(mail)).contains(code);
        assertThat(LINKISH.matcher(text(mail)).find()).as("link in text part").isFalse();
        assertThat(LINKISH.matcher(html(mail)).find()).as("link in HTML part").isFalse();
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    }

    @Test
    void aGermanUserGetsAGermanMail() throws Exception {
        up().beginChallenge("alice", ctx(Locale.GERMANY));
        MimeMessage mail = received()[0];
        assertThat(mail.getSubject()).isEqualTo("Sample Bank: Ihr Anmeldecode");
        assertThat(text(mail)).contains("10 Minuten gültig").contains(codeIn(mail));
        assertThat(html(mail)).contains("lang=\"de\"");
    }

    @Test
    void showingThePageAgainSendsNoSecondMail() {
        EmailFactor email = up();
        email.beginChallenge("alice", ctx(Locale.ENGLISH));
        clock.advance(Duration.ofSeconds(45));   // past the cooldown: still no automatic resend

        ChallengeView again = email.beginChallenge("alice", ctx(Locale.ENGLISH));
        assertThat(received()).hasSize(1);
        assertThat(again.model()).containsEntry(CodeChallengeView.SENT, false)
                .containsEntry(CodeChallengeView.PENDING, true)
                .containsEntry(CodeChallengeView.NOTICE, CodeChallengeView.NOTICE_PENDING)
                .containsEntry(CodeChallengeView.RESEND_IN, 0L)
                .containsEntry(CodeChallengeView.EXPIRES_IN, 555L);
    }

    @Test
    void previewSendsNothingAndSaysWhereACodeWouldGo() {
        EmailFactor email = up();

        ChallengeView before = email.preview("alice", ctx(Locale.ENGLISH));

        assertThat(received()).isEmpty();
        assertThat(before.model()).containsEntry(CodeChallengeView.DESTINATION, "a***@example.com")
                .containsEntry(CodeChallengeView.SENT, false)
                .containsEntry(CodeChallengeView.PENDING, false)
                .containsEntry(CodeChallengeView.NOTICE, CodeChallengeView.NOTICE_UNSENT)
                .containsEntry(EmailFactor.WEAKER, true);
        assertThat(submit(email, "123456")).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void previewAfterASendSaysTheCodeIsOutAndSendsNoOther() {
        EmailFactor email = up();
        email.beginChallenge("alice", ctx(Locale.ENGLISH));
        clock.advance(Duration.ofSeconds(45));

        ChallengeView after = email.preview("alice", ctx(Locale.ENGLISH));

        assertThat(received()).hasSize(1);
        assertThat(after.model()).containsEntry(CodeChallengeView.PENDING, true)
                .containsEntry(CodeChallengeView.NOTICE, CodeChallengeView.NOTICE_PENDING)
                .containsEntry(CodeChallengeView.EXPIRES_IN, 555L);
        assertThat(new EmailFactor(false, directory, new CodeMailer(session(greenMail.getSmtp().getPort()),
                "no-reply@bank.example", "Sample Bank"), codes).preview("alice", ctx(Locale.ENGLISH)).model())
                .containsEntry(CodeChallengeView.DELIVERY_ERROR, EmailFactor.ERROR_UNAVAILABLE);
    }

    @Test
    void aResendWithinTheCooldownIsRefusedWithTheSecondsLeft() throws Exception {
        EmailFactor email = up();
        email.beginChallenge("alice", ctx(Locale.ENGLISH));
        clock.advance(Duration.ofSeconds(10));

        ChallengeView view = email.resend("alice", ctx(Locale.ENGLISH));
        assertThat(view.model()).containsEntry(CodeChallengeView.SENT, false)
                .containsEntry(CodeChallengeView.NOTICE, CodeChallengeView.NOTICE_COOLDOWN)
                .containsEntry(CodeChallengeView.RESEND_IN, 20L)
                .containsEntry(CodeChallengeView.PENDING, true);
        assertThat(received()).hasSize(1);
        assertThat(submit(email, codeIn(received()[0]))).isEqualTo(Verification.accepted());
    }

    @Test
    void anOlderCodeIsRefusedAfterAResend() throws Exception {
        EmailFactor email = up();
        email.beginChallenge("alice", ctx(Locale.ENGLISH));
        clock.advance(Duration.ofSeconds(31));
        ChallengeView view = email.resend("alice", ctx(Locale.ENGLISH));
        assertThat(view.model()).containsEntry(CodeChallengeView.SENT, true);

        assertThat(received()).hasSize(2);
        String older = codeIn(received()[0]);
        String newer = codeIn(received()[1]);
        if (!older.equals(newer)) {   // equal once in a million; then the newer one is what counts
            assertThat(submit(email, older)).isEqualTo(Verification.rejected(OneTimeCodes.ERROR_CODE));
        }
        assertThat(submit(email, newer)).isEqualTo(Verification.accepted());
    }

    @Test
    void anExpiredCodeIsRefused() throws Exception {
        up().beginChallenge("alice", ctx(Locale.ENGLISH));
        String code = codeIn(received()[0]);
        // the same store and key, seen by a factor whose clock stands exactly at the expiry instant
        OneTimeCodes atExpiry = new OneTimeCodes("email", OneTimeCodeSettings.defaults(), store, hasher,
                Clock.fixed(T0.plus(Duration.ofMinutes(10)), ZoneOffset.UTC));
        EmailFactor later = new EmailFactor(true, directory, new CodeMailer(session(deadPort()),
                "no-reply@bank.example", "Sample Bank"), atExpiry);
        assertThat(submit(later, code)).isEqualTo(Verification.rejected(OneTimeCodes.ERROR_EXPIRED));
        assertThat(atExpiry.live("alice")).isEmpty();
        assertThat(codes.live("alice")).isPresent();   // a moment earlier it was still valid
    }

    @Test
    void aCodeIsAcceptedOneSecondBeforeItExpires() throws Exception {
        EmailFactor email = up();
        email.beginChallenge("alice", ctx(Locale.ENGLISH));
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(submit(email, codeIn(received()[0]))).isEqualTo(Verification.accepted());
    }

    @Test
    void whenTheMailServerIsDownTheUserIsToldAndNothingIsStored() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start()) {
            ChallengeView view = factor(deadPort()).beginChallenge("alice", ctx(Locale.ENGLISH));

            assertThat(view.model()).containsEntry(CodeChallengeView.DELIVERY_ERROR, CodeChallengeView.ERROR_NOT_SENT)
                    .containsEntry(CodeChallengeView.SENT, false)
                    .containsEntry(CodeChallengeView.PENDING, false)
                    .containsEntry(CodeChallengeView.RESEND_IN, 0L);
            assertThat(store.lastIssue("alice", "email")).isEmpty();
            assertThat(logs.text()).contains("could not send a one-time code by email to a***@example.com")
                    .contains("CONNECT").doesNotContain(ALICE);
        }
        // the next try may go at once: a failed send started no cooldown
        assertThat(up().resend("alice", ctx(Locale.ENGLISH)).model()).containsEntry(CodeChallengeView.SENT, true);
    }

    @Test
    void aStoppedMailServerFailsTheSameWay() {
        EmailFactor email = up();
        greenMail.stop();
        ChallengeView view = email.beginChallenge("alice", ctx(Locale.ENGLISH));
        assertThat(view.model()).containsEntry(CodeChallengeView.DELIVERY_ERROR, CodeChallengeView.ERROR_NOT_SENT);
        assertThat(store.lastIssue("alice", "email")).isEmpty();
    }

    @Test
    void aFailedResendKeepsTheCodeSentEarlier() throws Exception {
        up().beginChallenge("alice", ctx(Locale.ENGLISH));
        String delivered = codeIn(received()[0]);
        Optional<CodeIssue> before = store.lastIssue("alice", "email");
        clock.advance(Duration.ofSeconds(40));

        ChallengeView view = factor(deadPort()).resend("alice", ctx(Locale.ENGLISH));
        assertThat(view.model()).containsEntry(CodeChallengeView.DELIVERY_ERROR, CodeChallengeView.ERROR_NOT_SENT)
                .containsEntry(CodeChallengeView.PENDING, true)
                .containsEntry(CodeChallengeView.NOTICE, CodeChallengeView.NOTICE_PENDING);
        assertThat(store.lastIssue("alice", "email")).isEqualTo(before);
        assertThat(submit(up(), delivered)).isEqualTo(Verification.accepted());
    }

    @Test
    void theCodeAndTheAddressNeverAppearInAnyLog() throws Exception {
        String code;
        String text;
        try (CapturedLogs logs = CapturedLogs.start()) {
            EmailFactor email = up();
            email.beginChallenge("alice", ctx(Locale.ENGLISH));
            code = codeIn(received()[0]);
            submit(email, "000000".equals(code) ? "000001" : "000000");
            clock.advance(Duration.ofSeconds(31));
            factor(deadPort()).resend("alice", ctx(Locale.ENGLISH));
            submit(email, code);
            text = logs.text();
        }
        assertThat(text).contains("a***@example.com");   // the capture works: the failed resend was logged
        assertThat(text).doesNotContain(code).doesNotContain(ALICE);
    }

    @Test
    void disabledMeansNotEnrolledNothingSentNothingAccepted() {
        EmailFactor off = new EmailFactor(false, directory, new CodeMailer(session(greenMail.getSmtp().getPort()),
                "no-reply@bank.example", "Sample Bank"), codes);
        assertThat(off.isEnrolled("alice")).isFalse();
        assertThat(off.isEnabled()).isFalse();
        assertThat(off.beginChallenge("alice", ctx(Locale.ENGLISH)).model())
                .containsEntry(CodeChallengeView.DELIVERY_ERROR, EmailFactor.ERROR_UNAVAILABLE);
        assertThat(off.resend("alice", ctx(Locale.ENGLISH)).model())
                .containsEntry(CodeChallengeView.DELIVERY_ERROR, EmailFactor.ERROR_UNAVAILABLE);
        assertThat(received()).isEmpty();
        assertThat(off.verify("alice", Map.of("code", "123456"), ctx(Locale.ENGLISH)))
                .isEqualTo(Verification.unavailable(EmailFactor.ERROR_UNAVAILABLE));
    }

    @Test
    void enrolledOnlyWithAnAddress() {
        EmailFactor email = up();
        assertThat(email.id()).isEqualTo("email");
        assertThat(email.isEnrolled("alice")).isTrue();
        assertThat(email.isEnrolled("bob")).isFalse();
        assertThat(email.beginChallenge("bob", ctx(Locale.ENGLISH)).model())
                .containsEntry(CodeChallengeView.DELIVERY_ERROR, EmailFactor.ERROR_UNAVAILABLE);
        assertThat(received()).isEmpty();
    }

    @Test
    void anInvalidAddressIsNotSentToAndNotLogged() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            ChallengeView view = up().beginChallenge("mallory", ctx(Locale.ENGLISH));
            assertThat(view.model()).containsEntry(CodeChallengeView.DELIVERY_ERROR, CodeChallengeView.ERROR_NOT_SENT);
            assertThat(received()).isEmpty();
            assertThat(logs.text()).contains("could not send").doesNotContain("not an address");
        }
    }

    @Test
    void missingOrMalformedInputIsRejected() {
        EmailFactor email = up();
        email.beginChallenge("alice", ctx(Locale.ENGLISH));
        assertThat(email.verify("alice", Map.of(), ctx(Locale.ENGLISH))).isInstanceOf(Verification.Rejected.class);
        assertThat(submit(email, "\u0663\u0664\u0665\u0666\u0667\u0668")).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void forgetInvalidatesTheSentCode() throws Exception {
        EmailFactor email = up();
        email.beginChallenge("alice", ctx(Locale.ENGLISH));
        email.forget("alice");
        assertThat(submit(email, codeIn(received()[0]))).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void needsCodesForTheEmailChannel() {
        OneTimeCodes sms = new OneTimeCodes("sms", OneTimeCodeSettings.defaults(), store,
                CodeHasher.withRandomPepper(), clock);
        assertThatIllegalArgumentException().isThrownBy(() -> new EmailFactor(true, directory,
                new CodeMailer(session(1), "no-reply@bank.example", "Bank"), sms));
    }
}
