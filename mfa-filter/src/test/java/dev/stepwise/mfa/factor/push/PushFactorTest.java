package dev.stepwise.mfa.factor.push;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.ChallengeView;
import dev.stepwise.mfa.factor.TestChallengeContexts;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.factor.otp.CapturedLogs;
import dev.stepwise.mfa.factor.otp.CodeChallengeView;
import dev.stepwise.mfa.factor.otp.CodeHasher;
import dev.stepwise.mfa.factor.otp.InMemoryOneTimeCodeStore;
import dev.stepwise.mfa.factor.otp.OneTimeCodeSettings;
import dev.stepwise.mfa.factor.otp.OneTimeCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The push factor end to end against a local push service that also plays the browser: it decrypts what it
 * receives with the subscription's keys, and the code inside must pass the challenge, once.
 */
class PushFactorTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Pattern CODE = Pattern.compile("\"code\":\"([0-9]{6})\"");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryOneTimeCodeStore codeStore = new InMemoryOneTimeCodeStore();
    private final OneTimeCodes codes = new OneTimeCodes(PushFactor.ID, OneTimeCodeSettings.defaults(), codeStore,
            CodeHasher.withRandomPepper(), clock);
    private final InMemoryPushSubscriptionStore devices = new InMemoryPushSubscriptionStore();
    private final WebPushSender sender = new WebPushSender(VapidKeys.generate(), "mailto:security@bank.example",
            PushEndpointPolicy.allowingLocalEndpoints(), Duration.ofSeconds(2), Duration.ofSeconds(2),
            Clock.systemUTC());
    private final PushFactor push = new PushFactor(devices, sender, PushEndpointPolicy.allowingLocalEndpoints(),
            codes, "Sample Bank");
    private final List<FakePushService> services = new ArrayList<>();

    @AfterEach
    void stop() {
        services.forEach(FakePushService::close);
    }

    private FakePushService service() throws Exception {
        FakePushService s = new FakePushService();
        services.add(s);
        return s;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static PushRegistration register(PushFactor f, String user, String label, PushSubscription s) {
        return f.register(user, label, s.endpoint().toString(), b64(s.p256dh()), b64(s.auth()));
    }

    private static ChallengeContext ctx() {
        return TestChallengeContexts.in(Locale.ENGLISH, T0);
    }

    private static String codeIn(FakePushService.Received received) {
        assertThat(received.failure()).as("the device could decrypt the push").isNull();
        Matcher m = CODE.matcher(new String(received.payload(), StandardCharsets.UTF_8));
        assertThat(m.find()).as("a 6-digit code in the notification").isTrue();
        return m.group(1);
    }

    private Verification submit(String user, String code) {
        return push.verify(user, Map.of("code", code), ctx());
    }

    @Test
    void theDeviceDecryptsTheCodeAndItPassesOnce() throws Exception {
        FakePushService phone = service();
        assertThat(register(push, "alice", "Phone", phone.subscription())).isEqualTo(PushRegistration.ADDED);
        assertThat(push.isEnrolled("alice")).isTrue();

        ChallengeView view = push.beginChallenge("alice", ctx());

        assertThat(view.model()).containsEntry(CodeChallengeView.SENT, Boolean.TRUE)
                .containsEntry(CodeChallengeView.DESTINATION, "Phone");
        assertThat(phone.requests).hasSize(1);
        String payload = new String(phone.requests.get(0).payload(), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"title\":\"Sample Bank: sign-in code\"").doesNotContain("http");
        assertThat(phone.requests.get(0).headers().getFirst("Urgency")).isEqualTo("high");
        String code = codeIn(phone.requests.get(0));
        assertThat(submit("alice", code)).isInstanceOf(Verification.Accepted.class);
        assertThat(submit("alice", code)).as("replayed").isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void theCodeTravelsEncryptedAndNeverInClear() throws Exception {
        FakePushService phone = service();
        register(push, "alice", "Phone", phone.subscription());
        push.beginChallenge("alice", ctx());
        String code = codeIn(phone.requests.get(0));
        assertThat(new String(phone.requests.get(0).body(), StandardCharsets.ISO_8859_1)).doesNotContain(code);
    }

    @Test
    void theCodeOfAnotherUsersChallengeIsRefused() throws Exception {
        FakePushService alicePhone = service();
        FakePushService bobPhone = service();
        register(push, "alice", "Phone", alicePhone.subscription());
        register(push, "bob", "Phone", bobPhone.subscription());
        push.beginChallenge("alice", ctx());
        push.beginChallenge("bob", ctx());
        String bobs = codeIn(bobPhone.requests.get(0));
        String alices = codeIn(alicePhone.requests.get(0));
        org.junit.jupiter.api.Assumptions.assumeFalse(bobs.equals(alices), "one chance in a million");

        assertThat(submit("alice", bobs)).isInstanceOf(Verification.Rejected.class);
        assertThat(submit("bob", bobs)).isInstanceOf(Verification.Accepted.class);
    }

    @Test
    void thirtyTwoParallelSubmissionsAcceptTheRightCodeOnceAndNoWrongOne() throws Exception {
        FakePushService phone = service();
        register(push, "alice", "Phone", phone.subscription());
        push.beginChallenge("alice", ctx());
        String code = codeIn(phone.requests.get(0));
        String wrong = code.equals("000000") ? "000001" : "000000";
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<Verification>> tries = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String input = i % 2 == 0 ? wrong : code;
                tries.add(() -> submit("alice", input));
            }
            long accepted = 0;
            for (Future<Verification> f : pool.invokeAll(tries)) {
                accepted += f.get() instanceof Verification.Accepted ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyDeviceGetsTheSameCodeAndAGoneDeviceIsDeleted() throws Exception {
        FakePushService phone = service();
        FakePushService oldLaptop = service();
        oldLaptop.status = 410;
        register(push, "alice", "Phone", phone.subscription());
        register(push, "alice", "Old laptop", oldLaptop.subscription());

        ChallengeView view = push.beginChallenge("alice", ctx());

        assertThat(view.model()).containsEntry(CodeChallengeView.SENT, Boolean.TRUE);
        assertThat(oldLaptop.requests).hasSize(1);
        assertThat(push.devices("alice")).extracting(StoredPushSubscription::label).containsExactly("Phone");
        assertThat(submit("alice", codeIn(phone.requests.get(0)))).isInstanceOf(Verification.Accepted.class);
    }

    @Test
    void whenEveryDeviceIsGoneTheUserIsNoLongerEnrolledAndNoCodeIsStored() throws Exception {
        FakePushService phone = service();
        phone.status = 404;
        register(push, "alice", "Phone", phone.subscription());

        ChallengeView view = push.beginChallenge("alice", ctx());

        assertThat(view.model()).containsEntry(CodeChallengeView.DELIVERY_ERROR, CodeChallengeView.ERROR_NOT_SENT);
        assertThat(push.isEnrolled("alice")).isFalse();
        assertThat(codes.live("alice")).isEmpty();
    }

    @Test
    void whenThePushServiceIsDownTheUserIsToldNothingIsStoredAndNoCooldownStarts() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        FakePushService phone = service();
        PushSubscription real = phone.subscription();
        PushSubscription down = new PushSubscription(java.net.URI.create("http://127.0.0.1:" + dead + "/push/x"),
                real.p256dh(), real.auth());
        register(push, "alice", "Phone", down);

        ChallengeView view = push.beginChallenge("alice", ctx());

        assertThat(view.model()).containsEntry(CodeChallengeView.DELIVERY_ERROR, CodeChallengeView.ERROR_NOT_SENT)
                .containsEntry(CodeChallengeView.RESEND_IN, 0L);
        assertThat(codes.live("alice")).isEmpty();
        assertThat(push.isEnrolled("alice")).as("a device that cannot be reached now is kept").isTrue();
        assertThat(submit("alice", "123456")).isEqualTo(Verification.rejected(OneTimeCodes.ERROR_EXPIRED));
    }

    @Test
    void aPushServiceErrorKeepsTheCooldownBecauseTheMessageMayBeOut() throws Exception {
        FakePushService phone = service();
        phone.status = 503;
        register(push, "alice", "Phone", phone.subscription());

        ChallengeView view = push.beginChallenge("alice", ctx());

        assertThat(view.model()).containsEntry(CodeChallengeView.DELIVERY_ERROR, CodeChallengeView.ERROR_NOT_SENT);
        assertThat((Long) view.model().get(CodeChallengeView.RESEND_IN)).isPositive();
        assertThat(codes.live("alice")).isEmpty();
    }

    @Test
    void showingThePageAgainPushesNothingAndPreviewNeverPushes() throws Exception {
        FakePushService phone = service();
        register(push, "alice", "Phone", phone.subscription());
        push.preview("alice", ctx());
        assertThat(phone.requests).isEmpty();
        push.beginChallenge("alice", ctx());
        push.beginChallenge("alice", ctx());
        push.preview("alice", ctx());
        assertThat(phone.requests).hasSize(1);
    }

    @Test
    void aResendWithinTheCooldownPushesNothing() throws Exception {
        FakePushService phone = service();
        register(push, "alice", "Phone", phone.subscription());
        push.beginChallenge("alice", ctx());
        ChallengeView again = push.resend("alice", ctx());
        assertThat(again.model()).containsEntry(CodeChallengeView.NOTICE, CodeChallengeView.NOTICE_COOLDOWN);
        assertThat(phone.requests).hasSize(1);
    }

    @Test
    void anEndpointAtAPrivateOrLoopbackAddressIsRefusedAtRegistration() throws Exception {
        PushEndpointPolicy strict = PushEndpointPolicy.strict(host -> host.equals("push.example")
                ? new InetAddress[]{InetAddress.getByAddress(host, new byte[]{10, 0, 0, 7})}
                : new InetAddress[]{InetAddress.getByAddress(host, new byte[]{(byte) 169, (byte) 254, (byte) 169,
                        (byte) 254})});
        PushFactor production = new PushFactor(devices, sender, strict, codes, "Sample Bank");
        PushSubscription s = service().subscription();
        String p256dh = b64(s.p256dh());
        String auth = b64(s.auth());

        assertThat(production.register("alice", "Phone", "https://push.example/x", p256dh, auth))
                .isEqualTo(PushRegistration.ENDPOINT_REFUSED);
        assertThat(production.register("alice", "Phone", "https://metadata.example/x", p256dh, auth))
                .isEqualTo(PushRegistration.ENDPOINT_REFUSED);
        assertThat(production.register("alice", "Phone", s.endpoint().toString(), p256dh, auth))
                .as("http to loopback").isEqualTo(PushRegistration.ENDPOINT_REFUSED);
        assertThat(production.isEnrolled("alice")).isFalse();
    }

    @Test
    void oversizeOrMalformedSubscriptionsAreRefusedAndNothingIsStored() throws Exception {
        PushSubscription s = service().subscription();
        String endpoint = s.endpoint().toString();
        String p256dh = b64(s.p256dh());
        String auth = b64(s.auth());
        byte[] offCurve = s.p256dh();
        offCurve[64] ^= 1;

        assertThat(List.of(
                push.register("alice", "Phone", endpoint + "/" + "a".repeat(3000), p256dh, auth),
                push.register("alice", "Phone", "not a url \u0000", p256dh, auth),
                push.register("alice", "Phone", endpoint, b64(offCurve), auth),
                push.register("alice", "Phone", endpoint, p256dh, b64(new byte[15])),
                push.register("alice", "Phone", endpoint, "A".repeat(100_000), auth),
                push.register("alice", "Phone", endpoint, "\u0663\u0664*", auth),
                push.register("alice", "Phone", endpoint, null, auth),
                push.register("alice", "x".repeat(41), endpoint, p256dh, auth),
                push.register("alice", "Ph\u202eone", endpoint, p256dh, auth),
                push.register("alice", "Ph\none", endpoint, p256dh, auth),
                push.register("alice", " ", endpoint, p256dh, auth)))
                .containsOnly(PushRegistration.MALFORMED);
        assertThat(push.isEnrolled("alice")).isFalse();
    }

    @Test
    void aUserHasAtMostTenDevicesAndTheSameBrowserReplacesItsEntry() throws Exception {
        PushSubscription s = service().subscription();
        for (int i = 0; i < PushSubscriptionStore.MAX_PER_USER; i++) {
            assertThat(push.register("alice", "Device " + i, s.endpoint() + "-" + i, b64(s.p256dh()), b64(s.auth())))
                    .isEqualTo(PushRegistration.ADDED);
        }
        assertThat(push.register("alice", "One more", s.endpoint() + "-x", b64(s.p256dh()), b64(s.auth())))
                .isEqualTo(PushRegistration.TOO_MANY);
        assertThat(push.register("alice", "Renamed", s.endpoint() + "-3", b64(s.p256dh()), b64(s.auth())))
                .isEqualTo(PushRegistration.ADDED);
        assertThat(push.devices("alice")).hasSize(PushSubscriptionStore.MAX_PER_USER)
                .extracting(StoredPushSubscription::label).contains("Renamed").doesNotContain("Device 3");
    }

    @Test
    void aUserRemovesOwnDevicesOnlyAndRemovingAllForgetsTheCode() throws Exception {
        FakePushService phone = service();
        register(push, "alice", "Phone", phone.subscription());
        String id = push.devices("alice").get(0).id();
        assertThat(push.remove("bob", id)).isFalse();
        assertThat(push.remove("alice", "../../etc")).isFalse();
        assertThat(push.isEnrolled("alice")).isTrue();

        push.beginChallenge("alice", ctx());
        String code = codeIn(phone.requests.get(0));
        push.removeEnrolment("alice");
        assertThat(push.isEnrolled("alice")).isFalse();
        assertThat(submit("alice", code)).isInstanceOf(Verification.Rejected.class);

        register(push, "alice", "Phone", phone.subscription());
        assertThat(push.remove("alice", push.devices("alice").get(0).id())).isTrue();
        assertThat(push.isEnrolled("alice")).isFalse();
    }

    @Test
    void whenTheStoreIsDownNothingIsPushedAndNothingAccepted() throws Exception {
        FakePushService phone = service();
        PushSubscriptionStore down = new PushSubscriptionStore() {
            public List<StoredPushSubscription> subscriptions(String user) {
                throw new IllegalStateException("database down");
            }

            public boolean add(String user, StoredPushSubscription subscription, int max) {
                throw new IllegalStateException("database down");
            }

            public boolean remove(String user, String id) {
                throw new IllegalStateException("database down");
            }

            public int removeAll(String user) {
                throw new IllegalStateException("database down");
            }
        };
        PushFactor broken = new PushFactor(down, sender, PushEndpointPolicy.allowingLocalEndpoints(), codes, "Bank");

        assertThatThrownBy(() -> broken.isEnrolled("alice")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> broken.beginChallenge("alice", ctx())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> register(broken, "alice", "Phone", phone.subscription()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(phone.requests).isEmpty();
    }

    @Test
    void aGermanUserGetsAGermanNotification() throws Exception {
        FakePushService phone = service();
        register(push, "alice", "Telefon", phone.subscription());
        push.beginChallenge("alice", TestChallengeContexts.in(Locale.GERMAN, T0));
        String payload = new String(phone.requests.get(0).payload(), StandardCharsets.UTF_8);
        assertThat(payload).contains("Anmeldecode").contains("\"lang\":\"de\"");
    }

    @Test
    void needsCodesForThePushChannel() {
        OneTimeCodes email = new OneTimeCodes("email", OneTimeCodeSettings.defaults(), codeStore,
                CodeHasher.withRandomPepper(), clock);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() ->
                new PushFactor(devices, sender, PushEndpointPolicy.strict(), email, "Bank"));
    }
    @Test
    void theCodeTheKeysAndTheEndpointPathNeverAppearInAnyLog() throws Exception {
        FakePushService phone = service();
        FakePushService gone = service();
        gone.status = 410;
        try (CapturedLogs logs = CapturedLogs.start()) {   // the library at ALL; the JDK client logs paths at FINE
            register(push, "alice", "Phone", phone.subscription());
            register(push, "alice", "Old", gone.subscription());
            push.register("alice", "Bad", "http://127.0.0.1:1/push/secret-path", b64(phone.subscription().p256dh()),
                    b64(phone.subscription().auth()));
            push.beginChallenge("alice", ctx());
            String code = codeIn(phone.requests.get(0));
            submit("alice", code);

            assertThat(logs.text()).isNotEmpty().doesNotContain(code)
                    .doesNotContain("subscription-7f3a")
                    .doesNotContain(b64(phone.subscription().auth()))
                    .doesNotContain(b64(phone.subscription().p256dh()));
        }
    }
}
