package dev.stepwise.mfa.web;

import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.otp.CodeHasher;
import dev.stepwise.mfa.factor.otp.InMemoryOneTimeCodeStore;
import dev.stepwise.mfa.factor.otp.OneTimeCodeSettings;
import dev.stepwise.mfa.factor.otp.OneTimeCodes;
import dev.stepwise.mfa.factor.push.InMemoryPushSubscriptionStore;
import dev.stepwise.mfa.factor.push.PushEndpointPolicy;
import dev.stepwise.mfa.factor.push.PushFactor;
import dev.stepwise.mfa.factor.push.PushResult;
import dev.stepwise.mfa.factor.push.StoredPushSubscription;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;

import static dev.stepwise.mfa.web.PageFixture.NOW;
import static dev.stepwise.mfa.web.PageFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /settings/push}: registering this browser for push codes and removing devices, with the settings' rules. */
class PushDeviceSettingsTest {

    private static final String KEY = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";

    private final InMemoryPushSubscriptionStore devices = new InMemoryPushSubscriptionStore();
    private final PushFactor push = new PushFactor(devices, (subscription, message) -> new PushResult.Delivered(201),
            PushEndpointPolicy.strict(host -> new InetAddress[]{InetAddress.getByAddress(host,
                    host.startsWith("private") ? new byte[]{10, 0, 0, 7} : new byte[]{93, (byte) 184, (byte) 215, 14})}),
            new OneTimeCodes(PushFactor.ID, OneTimeCodeSettings.defaults(), new InMemoryOneTimeCodeStore(),
                    CodeHasher.withRandomPepper(), Clock.fixed(NOW, ZoneOffset.UTC)), "Bank", KEY);
    private final PageFixture fx = new PageFixture(push);
    private final SettingsServlet servlet = fx.wire(new SettingsServlet());

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String point() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        ECPublicKey key = (ECPublicKey) g.generateKeyPair().getPublic();
        byte[] p = new byte[65];
        p[0] = 4;
        copy(key.getW().getAffineX(), p, 1);
        copy(key.getW().getAffineY(), p, 33);
        return b64(p);
    }

    private static void copy(BigInteger n, byte[] into, int at) {
        byte[] b = n.toByteArray();
        int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, into, at + 32 - len, len);
    }

    private FakeHttp.Request register(String host, String name) throws Exception {
        return fx.post(SettingsServlet.PUSH).param("action", "register").param("name", name)
                .param("endpoint", "https://" + host + "/wpush/v2/" + name.hashCode()).param("p256dh", point())
                .param("auth", b64(new byte[16]));
    }

    @Test
    void theSettingsPageLinksToThePushDevicesPage() throws Exception {
        fx.signedIn(null);
        FakeHttp.Request request = fx.request("GET", SettingsServlet.SETTINGS);
        fx.send(servlet, request);
        SettingsPage page = (SettingsPage) PageFixture.model(request);
        assertThat(page.factors()).filteredOn(r -> r.id().equals("push")).singleElement()
                .satisfies(r -> assertThat(r.setupUrl()).isEqualTo("/bank/mfa/settings/push"));
    }

    @Test
    void aFirstDeviceIsRegisteredWithoutAStepUpAndTheEnrolmentIsAnEvent() throws Exception {
        fx.signedIn(null);
        FakeHttp.Request shown = fx.request("GET", SettingsServlet.PUSH);
        fx.send(servlet, shown);
        assertThat(shown.forwardedTo).isEqualTo("/mfa/push-devices.jsp");
        assertThat(((PushDevicesPage) PageFixture.model(shown)).applicationServerKey()).isEqualTo(KEY);

        FakeHttp.Request request = register("push.example.net", "Phone");
        FakeHttp.Response response = fx.send(servlet, request);

        assertThat(response.status).isEqualTo(200);
        PushDevicesPage page = (PushDevicesPage) PageFixture.model(request);
        assertThat(page.notice()).isEqualTo("stepwise.mfa.push.added");
        assertThat(page.devices()).extracting(StoredPushSubscription::label).containsExactly("Phone");
        assertThat(push.isEnrolled(USER)).isTrue();
        assertThat(fx.events).anyMatch(e -> e instanceof MfaEvent.FactorEnrolled f && f.factorId().equals("push"));
    }

    @Test
    void withOtherFactorsAndNoFreshStepUpADeviceIsChallengedAndNothingStored() throws Exception {
        fx.totp.enrolled.add(USER);
        fx.signedIn(NOW.minus(Duration.ofHours(1)));

        FakeHttp.Response response = fx.send(servlet, register("push.example.net", "Phone"));

        assertThat(response.status).isEqualTo(303);
        assertThat(response.header("Location")).isEqualTo("/bank/mfa/challenge");
        assertThat(push.isEnrolled(USER)).isFalse();
    }

    /**
     * A browser's push {@code auth} secret, sealed in the store, was kept in clear in the form saved in the session
     * for after the step-up, and shown unmasked on the challenge page: {@code auth} does not look secret to the name
     * rule. It is withheld like the security answers (the browser is added again after the challenge).
     */
    @Test
    void theFormSavedForTheStepUpKeepsNoAuthSecret() throws Exception {
        fx.totp.enrolled.add(USER);
        fx.signedIn(NOW.minus(Duration.ofHours(1)));
        FakeHttp.Request request = register("push.example.net", "Phone");
        String secret = b64(new byte[]{7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 42});
        request.parameters.put("auth", new String[]{secret});
        request.contentType = "application/x-www-form-urlencoded"; // as a browser posts the form

        assertThat(fx.send(servlet, request).header("Location")).isEqualTo("/bank/mfa/challenge");

        dev.stepwise.mfa.http.SavedRequest saved = fx.session().pending(NOW).saved();
        assertThat(saved.params()).containsEntry("auth", java.util.List.of(""));
        assertThat(saved.params().toString()).doesNotContain(secret);
        assertThat(new String(saved.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secret);
    }

    @Test
    void aPostWithoutTheCsrfTokenIs403AndStoresNothing() throws Exception {
        fx.signedIn(null);
        FakeHttp.Request request = register("push.example.net", "Phone");
        request.parameters.remove(CsrfToken.PARAMETER);

        assertThat(fx.send(servlet, request).status).isEqualTo(403);
        assertThat(push.isEnrolled(USER)).isFalse();
    }

    @Test
    void anEndpointAtAPrivateAddressIsRefusedWithAReasonAndNoEvent() throws Exception {
        fx.signedIn(null);
        FakeHttp.Request request = register("private.example", "Phone");

        fx.send(servlet, request);

        assertThat(((PushDevicesPage) PageFixture.model(request)).error()).isEqualTo("stepwise.mfa.push.error.endpoint");
        assertThat(push.isEnrolled(USER)).isFalse();
        assertThat(fx.events).noneMatch(e -> e instanceof MfaEvent.FactorEnrolled);
    }

    @Test
    void oneOfSeveralDevicesIsRemovedButNotTheLastNorAnotherUsers() throws Exception {
        fx.signedIn(null);
        fx.send(servlet, register("push.example.net", "Phone"));
        assertThat(fx.send(servlet, register("push.example.net", "Laptop")).status)
                .as("a second device needs the step-up of any new factor").isEqualTo(303);
        fx.signedIn(NOW.minus(Duration.ofMinutes(1)));
        fx.send(servlet, register("push.example.net", "Laptop"));
        devices.add("bob", StoredPushSubscription.of(devices.subscriptions(USER).get(0).subscription(), "Bob's",
                NOW), 10);
        String phone = devices.subscriptions(USER).stream().filter(d -> d.label().equals("Phone")).findFirst()
                .orElseThrow().id();

        FakeHttp.Request removal = fx.post(SettingsServlet.PUSH).param("action", "remove").param("device", phone);
        fx.send(servlet, removal);
        assertThat(((PushDevicesPage) PageFixture.model(removal)).error()).isNull();
        assertThat(devices.subscriptions(USER)).extracting(StoredPushSubscription::label).containsExactly("Laptop");
        assertThat(devices.subscriptions("bob")).hasSize(1);

        FakeHttp.Request last = fx.post(SettingsServlet.PUSH).param("action", "remove")
                .param("device", devices.subscriptions(USER).get(0).id());
        fx.send(servlet, last);
        assertThat(((PushDevicesPage) PageFixture.model(last)).error())
                .isEqualTo("stepwise.mfa.push.error.last-device");
        assertThat(devices.subscriptions(USER)).hasSize(1);
    }
}
