package dev.stepwise.mfa.factor.sms;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.ChallengeView;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.factor.otp.CapturedLogs;
import dev.stepwise.mfa.factor.otp.CodeChallengeView;
import dev.stepwise.mfa.factor.otp.CodeHasher;
import dev.stepwise.mfa.factor.TestChallengeContexts;
import dev.stepwise.mfa.factor.otp.InMemoryOneTimeCodeStore;
import dev.stepwise.mfa.factor.otp.OneTimeCode;
import dev.stepwise.mfa.factor.otp.OneTimeCodeSettings;
import dev.stepwise.mfa.factor.otp.OneTimeCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The SMS factor against a gateway played by the JDK's HTTP server on 127.0.0.1. */
class SmsFactorTest {

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final String NUMBER = "+4915112345678";
    private static final String TOKEN = "Bearer s3cr3t";
    /** The gateway gets the code twice: inside the text and alone. */
    private static final String TEMPLATE = "{\"to\":\"{to}\",\"channel\":\"{channel}\",\"otp\":\"{code}\",\"text\":\"{message}\"}";
    private static final Pattern OTP = Pattern.compile("\"otp\":\"([0-9]{6})\"");
    private static final Pattern TEXT = Pattern.compile("\"text\":\"(.*)\"}$", Pattern.DOTALL);

    private final FakeGateway gateway;
    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryOneTimeCodeStore store = new InMemoryOneTimeCodeStore();
    private final OneTimeCodes codes = new OneTimeCodes("sms", OneTimeCodeSettings.defaults(), store,
            CodeHasher.withRandomPepper(), clock);
    private final PhoneNumberDirectory directory = user -> user.equals("alice") ? Optional.of(NUMBER)
            : user.equals("mallory") ? Optional.of("0151 1234567") : Optional.empty();

    SmsFactorTest() throws Exception {
        gateway = new FakeGateway();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private SmsFactor factor(URI url, Duration requestTimeout, Set<PhoneChannel> channels) {
        HttpGatewaySettings settings = new HttpGatewaySettings(url, "Authorization", TOKEN, "application/json",
                TEMPLATE, Duration.ofSeconds(2), requestTimeout, 3, channels);
        return new SmsFactor(directory, new HttpGatewayCodeSender(settings), codes, "Sample Bank",
                Optional.of("bank.example"));
    }

    private SmsFactor sms() {
        return factor(gateway.send(), Duration.ofSeconds(5), EnumSet.of(PhoneChannel.SMS, PhoneChannel.VOICE));
    }

    private static URI nobody() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort() + "/send");
        }
    }

    private static ChallengeContext ctx(Locale locale) {
        return TestChallengeContexts.in(locale, T0);
    }

    private String codeIn(int request) {
        Matcher m = OTP.matcher(gateway.requests.get(request).body());
        assertThat(m.find()).as("code in gateway body").isTrue();
        return m.group(1);
    }

    private String textIn(int request) {
        Matcher m = TEXT.matcher(gateway.requests.get(request).body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private Verification submit(SmsFactor f, String code) {
        return f.verify("alice", Map.of("code", code), ctx(Locale.ENGLISH));
    }

    @Test
    void aTextedCodeIsAcceptedOnce() {
        SmsFactor sms = sms();
        ChallengeView view = sms.beginChallenge("alice", ctx(Locale.ENGLISH));

        assertThat(view.model()).containsEntry(CodeChallengeView.SENT, true)
                .containsEntry(CodeChallengeView.DESTINATION, "+49*********78")
                .containsEntry(CodeChallengeView.RESEND_IN, 30L)
                .containsEntry(SmsFactor.CHANNEL, "sms")
                .containsEntry(SmsFactor.VOICE_AVAILABLE, true)
                .doesNotContainKey(CodeChallengeView.DELIVERY_ERROR);
        assertThat(gateway.requests).hasSize(1);
        FakeGateway.Received r = gateway.requests.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.headers().getFirst("Authorization")).isEqualTo(TOKEN);
        String code = codeIn(0);
        assertThat(r.body()).startsWith("{\"to\":\"+4915112345678\",\"channel\":\"sms\",\"otp\":\"" + code + "\"");
        assertThat(textIn(0)).isEqualTo("Your Sample Bank code: " + code
                + ". It is valid for 10 minutes. Do not share it.\\n\\n@bank.example #" + code);

        assertThat(submit(sms, code)).isEqualTo(Verification.accepted());
        assertThat(submit(sms, code)).isEqualTo(Verification.rejected(OneTimeCodes.ERROR_EXPIRED));
    }

    @Test
    void aGermanUserGetsAGermanText() {
        sms().beginChallenge("alice", ctx(Locale.GERMANY));
        assertThat(textIn(0)).startsWith("Ihr Sample Bank Code: " + codeIn(0) + ". Er gilt 10 Minuten.");
    }

    @Test
    void theTextFitsOneGsmMessage() {
        SmsFactor sms = sms();
        for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.GERMAN}) {
            String text = sms.text(PhoneChannel.SMS, new OneTimeCode("12345678"), Duration.ofMinutes(10), locale);
            assertThat(text.length()).as("%s", locale).isLessThanOrEqualTo(160);
            assertThat(text).as("GSM-7 basic characters only").matches("[A-Za-z0-9 .,:;!?@#'\"()\\n-]+");
            assertThat(text).doesNotContain("http");
        }
    }

    @Test
    void showingThePageAgainSendsNothing() {
        SmsFactor sms = sms();
        sms.beginChallenge("alice", ctx(Locale.ENGLISH));
        clock.advance(Duration.ofMinutes(2));
        ChallengeView again = sms.beginChallenge("alice", ctx(Locale.ENGLISH));
        assertThat(gateway.requests).hasSize(1);
        assertThat(again.model()).containsEntry(CodeChallengeView.PENDING, true)
                .containsEntry(CodeChallengeView.NOTICE, CodeChallengeView.NOTICE_PENDING)
                .containsEntry(CodeChallengeView.EXPIRES_IN, 480L);
    }

    @Test
    void previewReachesNoGatewayUntilACodeIsAskedFor() {
        SmsFactor sms = sms();

        ChallengeView before = sms.preview("alice", ctx(Locale.ENGLISH));
        assertThat(gateway.requests).isEmpty();
        assertThat(before.model()).containsEntry(CodeChallengeView.PENDING, false)
                .containsEntry(CodeChallengeView.NOTICE, CodeChallengeView.NOTICE_UNSENT)
                .containsEntry(SmsFactor.VOICE_AVAILABLE, true)
                .containsKey(CodeChallengeView.DESTINATION);

        sms.beginChallenge("alice", ctx(Locale.ENGLISH));
        ChallengeView after = sms.preview("alice", ctx(Locale.ENGLISH));
        assertThat(gateway.requests).hasSize(1);
        assertThat(after.model()).containsEntry(CodeChallengeView.PENDING, true)
                .containsEntry(CodeChallengeView.NOTICE, CodeChallengeView.NOTICE_PENDING);
    }

    @Test
    void aResendWithinTheCooldownReachesNoGateway() {
        SmsFactor sms = sms();
        sms.beginChallenge("alice", ctx(Locale.ENGLISH));
        clock.advance(Duration.ofSeconds(5));
        ChallengeView view = sms.resend("alice", ctx(Locale.ENGLISH), PhoneChannel.VOICE);
        assertThat(view.model()).containsEntry(CodeChallengeView.RESEND_IN, 25L)
                .containsEntry(CodeChallengeView.NOTICE, CodeChallengeView.NOTICE_COOLDOWN);
        assertThat(gateway.requests).hasSize(1);
    }

    @Test
    void aVoiceCallReplacesTheTextedCode() {
        SmsFactor sms = sms();
        sms.beginChallenge("alice", ctx(Locale.ENGLISH));
        String texted = codeIn(0);
        clock.advance(Duration.ofSeconds(30));
        ChallengeView view = sms.resend("alice", ctx(Locale.ENGLISH), PhoneChannel.VOICE);

        assertThat(view.model()).containsEntry(CodeChallengeView.SENT, true).containsEntry(SmsFactor.CHANNEL, "voice");
        String called = codeIn(1);
        assertThat(gateway.requests.get(1).body()).contains("\"channel\":\"voice\"");
        assertThat(textIn(1)).contains(String.join(", ", called.split(""))).doesNotContain("@bank.example");
        if (!texted.equals(called)) {
            assertThat(submit(sms, texted)).isEqualTo(Verification.rejected(OneTimeCodes.ERROR_CODE));
        }
        assertThat(submit(sms, called)).isEqualTo(Verification.accepted());
    }

    @Test
    void thePagesCallMeInsteadGoesThroughTheCodeSendingCapability() {
        SmsFactor sms = sms();
        dev.stepwise.mfa.factor.CodeSending sending = sms.capability(dev.stepwise.mfa.factor.CodeSending.class)
                .orElseThrow();

        assertThat(sending.sendOn("alice", ctx(Locale.ENGLISH), "carrier-pigeon")).isEmpty();
        assertThat(sending.sendOn("alice", ctx(Locale.ENGLISH), null)).isEmpty();
        assertThat(gateway.requests).isEmpty();
        ChallengeView view = sending.sendOn("alice", ctx(Locale.ENGLISH), "voice").orElseThrow();

        assertThat(view.model()).containsEntry(CodeChallengeView.SENT, true).containsEntry(SmsFactor.CHANNEL, "voice");
        assertThat(gateway.requests).singleElement().satisfies(r -> assertThat(r.body()).contains("\"channel\":\"voice\""));
    }

    @Test
    void noVoiceWhenTheGatewayOnlyTexts() {
        SmsFactor textOnly = factor(gateway.send(), Duration.ofSeconds(5), EnumSet.of(PhoneChannel.SMS));
        ChallengeView view = textOnly.resend("alice", ctx(Locale.ENGLISH), PhoneChannel.VOICE);
        assertThat(view.model()).containsEntry(CodeChallengeView.DELIVERY_ERROR, SmsFactor.ERROR_UNAVAILABLE)
                .containsEntry(SmsFactor.VOICE_AVAILABLE, false);
        assertThat(gateway.requests).isEmpty();
    }

    @Test
    void anHttp500IsUnavailableAndLeavesNoValidCode() {
        gateway.status = 500;
        SmsFactor sms = sms();
        ChallengeView view = sms.beginChallenge("alice", ctx(Locale.ENGLISH));

        assertThat(view.model()).containsEntry(CodeChallengeView.DELIVERY_ERROR, CodeChallengeView.ERROR_NOT_SENT)
                .containsEntry(CodeChallengeView.SENT, false)
                .containsEntry(CodeChallengeView.PENDING, false);
        assertThat(gateway.requests).hasSize(1);   // not retried
        assertThat(store.lastIssue("alice", "sms")).isEmpty();
        // should the gateway have delivered it anyway, the code does not work
        assertThat(submit(sms, codeIn(0))).isEqualTo(Verification.rejected(OneTimeCodes.ERROR_EXPIRED));
    }

    @Test
    void aGatewayTimeoutIsUnavailableAndLeavesNoValidCode() {
        gateway.hold = true;
        SmsFactor impatient = factor(gateway.send(), Duration.ofMillis(300), EnumSet.of(PhoneChannel.SMS));
        ChallengeView view = impatient.beginChallenge("alice", ctx(Locale.ENGLISH));

        assertThat(view.model()).containsEntry(CodeChallengeView.DELIVERY_ERROR, CodeChallengeView.ERROR_NOT_SENT);
        assertThat(gateway.requests).hasSize(1);
        assertThat(store.lastIssue("alice", "sms")).isEmpty();
        assertThat(submit(impatient, codeIn(0))).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void aRefusedConnectionIsRetriedThenUnavailable() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start()) {
            ChallengeView view = factor(nobody(), Duration.ofSeconds(5), EnumSet.of(PhoneChannel.SMS))
                    .beginChallenge("alice", ctx(Locale.ENGLISH));
            assertThat(view.model()).containsEntry(CodeChallengeView.DELIVERY_ERROR, CodeChallengeView.ERROR_NOT_SENT);
            assertThat(store.lastIssue("alice", "sms")).isEmpty();
            assertThat(logs.text()).contains("could not send a one-time code by sms to +49*********78")
                    .contains("after 3 attempts");
        }
    }

    @Test
    void aFailedResendKeepsTheEarlierCode() {
        SmsFactor sms = sms();
        sms.beginChallenge("alice", ctx(Locale.ENGLISH));
        String delivered = codeIn(0);
        clock.advance(Duration.ofSeconds(40));
        gateway.status = 503;
        ChallengeView view = sms.resend("alice", ctx(Locale.ENGLISH));
        assertThat(view.model()).containsEntry(CodeChallengeView.DELIVERY_ERROR, CodeChallengeView.ERROR_NOT_SENT)
                .containsEntry(CodeChallengeView.PENDING, true);
        String undelivered = codeIn(1);
        if (!undelivered.equals(delivered)) {
            assertThat(submit(sms, undelivered)).isEqualTo(Verification.rejected(OneTimeCodes.ERROR_CODE));
        }
        assertThat(submit(sms, delivered)).isEqualTo(Verification.accepted());
    }

    @Test
    void theCodeTheNumberAndTheCredentialNeverReachTheLogs() throws Exception {
        String text;
        String code;
        try (CapturedLogs logs = CapturedLogs.start()) {
            SmsFactor sms = sms();
            sms.beginChallenge("alice", ctx(Locale.ENGLISH));
            code = codeIn(0);
            clock.advance(Duration.ofSeconds(31));
            gateway.status = 500;
            sms.resend("alice", ctx(Locale.ENGLISH));
            factor(nobody(), Duration.ofSeconds(1), EnumSet.of(PhoneChannel.SMS)).resend("alice", ctx(Locale.ENGLISH));
            submit(sms, code);
            text = logs.text();
        }
        assertThat(text).contains("+49*********78");
        assertThat(text).doesNotContain(code).doesNotContain(NUMBER).doesNotContain("s3cr3t")
                .doesNotContain("Sample Bank code");
    }

    @Test
    void enrolledOnlyWithAnE164Number() {
        SmsFactor sms = sms();
        assertThat(sms.id()).isEqualTo("sms");
        assertThat(sms.isEnrolled("alice")).isTrue();
        assertThat(sms.isEnrolled("mallory")).isFalse();
        assertThat(sms.isEnrolled("bob")).isFalse();
        assertThat(sms.beginChallenge("mallory", ctx(Locale.ENGLISH)).model())
                .containsEntry(CodeChallengeView.DELIVERY_ERROR, SmsFactor.ERROR_UNAVAILABLE);
        assertThat(gateway.requests).isEmpty();
    }

    @Test
    void refusesBadConfiguration() {
        HttpGatewayCodeSender sender = new HttpGatewayCodeSender(HttpGatewaySettings.json(gateway.send(), "",
                "{\"m\":\"{message}\"}"));
        OneTimeCodes email = new OneTimeCodes("email", OneTimeCodeSettings.defaults(), store,
                CodeHasher.withRandomPepper(), clock);
        assertThatIllegalArgumentException().isThrownBy(() -> new SmsFactor(directory, sender, email, "Bank",
                Optional.empty()));
        assertThatIllegalArgumentException().isThrownBy(() -> new SmsFactor(directory, sender, codes, "Bank",
                Optional.of("https://bank.example/")));
        assertThatIllegalArgumentException().isThrownBy(() -> new SmsFactor(directory, sender, codes, "Bank\n",
                Optional.empty()));
    }
}
