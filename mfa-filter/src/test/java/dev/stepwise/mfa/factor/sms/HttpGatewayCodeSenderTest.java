package dev.stepwise.mfa.factor.sms;

import dev.stepwise.mfa.factor.otp.CapturedLogs;
import dev.stepwise.mfa.factor.otp.CodeDeliveryException;
import dev.stepwise.mfa.factor.otp.CodeDeliveryException.Reason;
import dev.stepwise.mfa.factor.otp.OneTimeCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class HttpGatewayCodeSenderTest {

    private static final String TOKEN = "Bearer s3cr3t-t0ken";
    private static final String JSON = "{\"to\":\"{to}\",\"text\":\"{message}\",\"otp\":\"{code}\",\"type\":\"{channel}\"}";
    private static final PhoneNumber NUMBER = new PhoneNumber("+4915112345678");
    private static final OneTimeCode CODE = new OneTimeCode("481516");

    private final FakeGateway gateway;

    HttpGatewayCodeSenderTest() throws Exception {
        gateway = new FakeGateway();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private static HttpGatewaySettings settings(URI url, String contentType, String template, Duration requestTimeout,
                                                int attempts) {
        return new HttpGatewaySettings(url, "Authorization", TOKEN, contentType, template, Duration.ofSeconds(2),
                requestTimeout, attempts, EnumSet.of(PhoneChannel.SMS, PhoneChannel.VOICE));
    }

    private HttpGatewayCodeSender sender() {
        return new HttpGatewayCodeSender(settings(gateway.send(), "application/json", JSON, Duration.ofSeconds(5), 3));
    }

    private static CodeMessage message(String text) {
        return new CodeMessage(NUMBER, PhoneChannel.SMS, CODE, text, Locale.ENGLISH);
    }

    private static int deadPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void postsTheRenderedTemplateWithTheCredential() throws Exception {
        sender().send(message("Your \"Bank\" code: 481516."));

        assertThat(gateway.requests).hasSize(1);
        FakeGateway.Received r = gateway.requests.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/send");
        assertThat(r.headers().getFirst("Authorization")).isEqualTo(TOKEN);
        assertThat(r.headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(r.body()).isEqualTo(
                "{\"to\":\"+4915112345678\",\"text\":\"Your \\\"Bank\\\" code: 481516.\",\"otp\":\"481516\",\"type\":\"sms\"}");
    }

    @Test
    void urlEncodesAFormBody() throws Exception {
        new HttpGatewayCodeSender(settings(gateway.send(), "application/x-www-form-urlencoded",
                "To={to}&Body={message}&Kind={channel}", Duration.ofSeconds(5), 1))
                .send(new CodeMessage(NUMBER, PhoneChannel.VOICE, CODE, "Code: 481516 & more", Locale.ENGLISH));
        assertThat(gateway.requests.get(0).body()).isEqualTo("To=%2B4915112345678&Body=Code%3A+481516+%26+more&Kind=voice");
    }

    @Test
    void sendsNoAuthHeaderWhenNoneIsConfigured() throws Exception {
        new HttpGatewayCodeSender(HttpGatewaySettings.json(gateway.send(), "", "{\"m\":\"{message}\"}"))
                .send(message("hello 481516"));
        assertThat(gateway.requests.get(0).headers().containsKey("Authorization")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 429, 500, 503})
    void anErrorAnswerIsRejectedAndNotRetried(int status) {
        gateway.status = status;
        CodeDeliveryException e = catchThrowableOfType(CodeDeliveryException.class,
                () -> sender().send(message("code 481516")));
        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(e.status()).isEqualTo(OptionalInt.of(status));
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.getMessage()).contains("HTTP " + status).doesNotContain("481516").doesNotContain("s3cr3t");
        assertThat(gateway.requests).hasSize(1);
    }

    @Test
    void aRedirectIsNotFollowed() {
        gateway.status = 307;   // 307 would repeat the POST, body and code included, at the new location
        gateway.location = gateway.uri("/elsewhere").toString();
        CodeDeliveryException e = catchThrowableOfType(CodeDeliveryException.class,
                () -> sender().send(message("code 481516")));
        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(e.status()).hasValue(307);
        assertThat(gateway.elsewhere).isEmpty();
    }

    @Test
    void aGatewayThatDoesNotAnswerInTimeIsATimeoutAndNotRetried() {
        gateway.hold = true;   // the handler waits on a latch far longer than the client's 300 ms
        HttpGatewayCodeSender impatient = new HttpGatewayCodeSender(settings(gateway.send(), "application/json", JSON,
                Duration.ofMillis(300), 3));
        CodeDeliveryException e = catchThrowableOfType(CodeDeliveryException.class,
                () -> impatient.send(message("code 481516")));
        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.getMessage()).doesNotContain("481516");
        assertThat(gateway.requests).hasSize(1);   // it did arrive: a retry could have sent a second SMS
    }

    @Test
    void aRefusedConnectionIsRetriedThenGivenUp() throws Exception {
        URI nobody = URI.create("http://127.0.0.1:" + deadPort() + "/send?api_key=k3y");
        try (CapturedLogs logs = CapturedLogs.start()) {
            CodeDeliveryException e = catchThrowableOfType(CodeDeliveryException.class,
                    () -> new HttpGatewayCodeSender(settings(nobody, "application/json", JSON, Duration.ofSeconds(5), 3))
                            .send(message("code 481516")));
            assertThat(e.reason()).isEqualTo(Reason.CONNECT);
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.getMessage()).contains("after 3 attempts").doesNotContain("k3y");
            assertThat(logs.text()).contains("attempt 1 of 3", "attempt 2 of 3").doesNotContain("attempt 3 of 3")
                    .doesNotContain("k3y");
        }
    }

    @Test
    void oneAttemptMeansNoRetry() throws Exception {
        URI nobody = URI.create("http://127.0.0.1:" + deadPort() + "/send");
        CodeDeliveryException e = catchThrowableOfType(CodeDeliveryException.class,
                () -> new HttpGatewayCodeSender(settings(nobody, "application/json", JSON, Duration.ofSeconds(5), 1))
                        .send(message("code 481516")));
        assertThat(e.attempts()).isEqualTo(1);
    }

    @Test
    void refusesAChannelTheGatewayDoesNotServe() {
        HttpGatewayCodeSender smsOnly = new HttpGatewayCodeSender(HttpGatewaySettings.json(gateway.send(), TOKEN, JSON));
        assertThat(smsOnly.supports(PhoneChannel.SMS)).isTrue();
        assertThat(smsOnly.supports(PhoneChannel.VOICE)).isFalse();
        assertThatThrownBy(() -> smsOnly.send(new CodeMessage(NUMBER, PhoneChannel.VOICE, CODE, "x 481516",
                Locale.ENGLISH))).isInstanceOf(CodeDeliveryException.class);
        assertThat(gateway.requests).isEmpty();
    }

    @Test
    void neverLogsTheCodeTheBodyTheNumberOrTheCredential() throws Exception {
        String text;
        try (CapturedLogs logs = CapturedLogs.start()) {
            sender().send(message("code 481516"));
            gateway.status = 500;
            catchThrowableOfType(CodeDeliveryException.class, () -> sender().send(message("code 481516")));
            text = logs.text();
        }
        assertThat(text).contains("+49*********78");   // the success was logged (masked), so capture works
        assertThat(text).doesNotContain("481516").doesNotContain("+4915112345678").doesNotContain("s3cr3t")
                .doesNotContain("\"to\"");
        assertThat(sender().toString()).doesNotContain("s3cr3t");
    }
}
