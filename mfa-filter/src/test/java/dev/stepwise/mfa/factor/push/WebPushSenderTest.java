package dev.stepwise.mfa.factor.push;

import dev.stepwise.mfa.factor.push.PushResult.Failure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Web Push sender against a local push service that checks the request and decrypts it as the browser. */
class WebPushSenderTest {

    private static final Instant NOW = Instant.parse("2026-12-05T03:00:00Z");
    private static final String SUBJECT = "mailto:security@bank.example";
    private static final byte[] PROMPT = "{\"number\":42,\"challenge\":\"c-81\"}".getBytes(StandardCharsets.UTF_8);

    private final VapidKeys keys = VapidKeys.generate();
    private FakePushService service;
    private WebPushSender sender;

    @BeforeEach
    void start() throws IOException {
        service = new FakePushService();
        sender = sender(Duration.ofSeconds(10));
    }

    private WebPushSender sender(Duration requestTimeout) {
        return new WebPushSender(keys, SUBJECT, PushEndpointPolicy.allowingLocalEndpoints(), Duration.ofSeconds(5),
                requestTimeout, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void thePushServiceReceivesAnRfc8030RequestItCanAuthenticateAndTheBrowserCanOpen()
            throws GeneralSecurityException {
        PushMessage message = new PushMessage(PROMPT, Duration.ofMinutes(2), PushUrgency.HIGH, "signin");

        PushResult result = sender.send(service.subscription(), message);

        assertThat(result).isEqualTo(new PushResult.Delivered(201));
        assertThat(service.requests).hasSize(1);
        FakePushService.Received r = service.requests.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/push/subscription-7f3a");
        assertThat(r.headers().getFirst("TTL")).isEqualTo("120");
        assertThat(r.headers().getFirst("Urgency")).isEqualTo("high");
        assertThat(r.headers().getFirst("Topic")).isEqualTo("signin");
        assertThat(r.headers().getFirst("Content-Encoding")).isEqualTo("aes128gcm");
        assertThat(r.headers().getFirst("Content-Type")).isEqualTo("application/octet-stream");
        VapidTokens.Checked token = VapidTokens.verify(r.headers().getFirst("Authorization"));
        assertThat(token.publicKey()).isEqualTo(keys.publicKey());
        assertThat(token.aud()).isEqualTo(service.origin());
        assertThat(token.sub()).isEqualTo(SUBJECT);
        assertThat(token.exp()).isGreaterThan(NOW.getEpochSecond())
                .isLessThanOrEqualTo(NOW.plus(Vapid.MAX_LIFETIME).getEpochSecond())
                .isEqualTo(NOW.plus(WebPushSender.TOKEN_LIFETIME).getEpochSecond());
        assertThat(r.failure()).isNull();
        assertThat(r.payload()).isEqualTo(PROMPT);
        assertThat(new String(r.body(), StandardCharsets.ISO_8859_1)).doesNotContain("number");
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 410})
    void aSubscriptionTheServiceNoLongerKnowsIsGone(int status) {
        service.status = status;
        assertThat(sender.send(service.subscription(), PushMessage.of(PROMPT, Duration.ofMinutes(2))))
                .isEqualTo(new PushResult.Gone(status));
    }

    @Test
    void tooLargeAndTooManyAreRejectedAndOnlyTooManyMayBeTriedLater() {
        service.status = 413;
        PushResult tooLarge = sender.send(service.subscription(), PushMessage.of(PROMPT, Duration.ZERO));
        assertThat(tooLarge).isInstanceOfSatisfying(PushResult.Rejected.class, r -> {
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.retryLater()).isFalse();
        });
        service.status = 429;
        PushResult tooMany = sender.send(service.subscription(), PushMessage.of(PROMPT, Duration.ZERO));
        assertThat(tooMany).isInstanceOfSatisfying(PushResult.Rejected.class, r -> {
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.retryLater()).isTrue();
        });
    }

    @Test
    void aServerErrorIsAFailureWithItsStatus() {
        service.status = 500;
        PushResult result = sender.send(service.subscription(), PushMessage.of(PROMPT, Duration.ZERO));
        assertThat(result).isInstanceOfSatisfying(PushResult.Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(Failure.SERVICE_ERROR);
            assertThat(f.status()).hasValue(500);
        });
        assertThat(result.delivered()).isFalse();
    }

    @Test
    void aRedirectIsNeverFollowed() {
        service.status = 307;
        PushResult result = sender.send(service.subscription(), PushMessage.of(PROMPT, Duration.ZERO));
        assertThat(result).isInstanceOf(PushResult.Rejected.class);
        assertThat(service.requests).hasSize(1);
    }

    @Test
    void aServiceThatNeverAnswersIsATimeoutAndNotRetried() {
        service.hold = true;
        PushResult result = sender(Duration.ofSeconds(1)).send(service.subscription(), PushMessage.of(PROMPT, Duration.ZERO));
        assertThat(result).isInstanceOfSatisfying(PushResult.Failed.class,
                f -> assertThat(f.failure()).isEqualTo(Failure.TIMEOUT));
        assertThat(service.requests).hasSize(1);
    }

    @Test
    void noConnectionIsAConnectFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        PushSubscription nowhere = new PushSubscription(URI.create("http://127.0.0.1:" + closedPort + "/push/x"),
                service.subscription().p256dh(), service.subscription().auth());
        PushResult result = sender.send(nowhere, PushMessage.of(PROMPT, Duration.ZERO));
        assertThat(result).isInstanceOfSatisfying(PushResult.Failed.class,
                f -> assertThat(f.failure()).isEqualTo(Failure.CONNECT));
    }

    @Test
    void withTheStrictPolicyALoopbackOrHttpEndpointIsRefusedBeforeAnyRequest() {
        WebPushSender strict = new WebPushSender(keys, SUBJECT, PushEndpointPolicy.strict(), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Clock.fixed(NOW, ZoneOffset.UTC));
        PushResult result = strict.send(service.subscription(), PushMessage.of(PROMPT, Duration.ZERO));
        assertThat(result).isInstanceOfSatisfying(PushResult.Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(Failure.ENDPOINT_REFUSED);
            assertThat(f.status()).isEmpty();
            assertThat(f.detail()).doesNotContain("subscription-7f3a");
        });
        PushSubscription httpsLoopback = new PushSubscription(URI.create("https://127.0.0.1/push/x"),
                service.subscription().p256dh(), service.subscription().auth());
        assertThat(strict.send(httpsLoopback, PushMessage.of(PROMPT, Duration.ZERO)))
                .isInstanceOfSatisfying(PushResult.Failed.class,
                        f -> assertThat(f.failure()).isEqualTo(Failure.ENDPOINT_REFUSED));
        assertThat(service.requests).isEmpty();
    }

    @Test
    void resultsAndTheSubscriptionNameNeitherThePathNorTheKeysNorThePayload() {
        service.status = 500;
        PushSubscription subscription = service.subscription();
        PushResult result = sender.send(subscription, PushMessage.of(PROMPT, Duration.ZERO));
        String shown = result + " " + subscription + " " + PushMessage.of(PROMPT, Duration.ZERO);
        assertThat(shown).doesNotContain("subscription-7f3a").doesNotContain("number")
                .doesNotContain(WebPushEncryptionTest.b64(subscription.auth()))
                .doesNotContain(WebPushEncryptionTest.b64(subscription.p256dh()));
    }

    @Test
    void anOversizePayloadMalformedTopicOrBadSubjectIsRefusedUpFront() {
        assertThatThrownBy(() -> PushMessage.of(new byte[PushMessage.MAX_PAYLOAD + 1], Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PushMessage(PROMPT, Duration.ZERO, PushUrgency.HIGH, "no spaces"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PushMessage.of(PROMPT, Duration.ofDays(29)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebPushSender(keys, "security@bank.example"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSubscriptionWithMalformedKeysIsRefusedWithoutEchoingThem() {
        String endpoint = service.origin() + "/push/x";
        assertThatThrownBy(() -> PushSubscription.of(endpoint, "BAAA", WebPushEncryptionTest.AUTH_SECRET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("BAAA");
        assertThatThrownBy(() -> PushSubscription.of(endpoint, WebPushEncryptionTest.UA_PUBLIC, "c2hvcnQ"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("c2hvcnQ");
        assertThatThrownBy(() -> PushSubscription.of("/relative", WebPushEncryptionTest.UA_PUBLIC,
                WebPushEncryptionTest.AUTH_SECRET)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PushSubscription.of("https://push.example.net/" + "a".repeat(3000),
                WebPushEncryptionTest.UA_PUBLIC, WebPushEncryptionTest.AUTH_SECRET))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PushSubscription.of("https://Push.Example.net:443/x", WebPushEncryptionTest.UA_PUBLIC,
                WebPushEncryptionTest.AUTH_SECRET).origin()).isEqualTo("https://push.example.net");
    }
}
