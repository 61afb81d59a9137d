package dev.stepwise.mfa.web;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.ChallengeView;
import dev.stepwise.mfa.factor.TestChallengeContexts;
import dev.stepwise.mfa.factor.otp.CodeHasher;
import dev.stepwise.mfa.factor.otp.InMemoryOneTimeCodeStore;
import dev.stepwise.mfa.factor.otp.OneTimeCodeSettings;
import dev.stepwise.mfa.factor.otp.OneTimeCodes;
import dev.stepwise.mfa.factor.push.FakePushService;
import dev.stepwise.mfa.factor.push.InMemoryPushSubscriptionStore;
import dev.stepwise.mfa.factor.push.PushApprovals;
import dev.stepwise.mfa.factor.push.PushEndpointPolicy;
import dev.stepwise.mfa.factor.push.PushFactor;
import dev.stepwise.mfa.factor.push.PushSubscriptionStore;
import dev.stepwise.mfa.factor.push.StoredPushSubscription;
import dev.stepwise.mfa.factor.push.VapidKeys;
import dev.stepwise.mfa.factor.push.WebPushSender;
import dev.stepwise.mfa.runtime.AttemptOutcome;
import dev.stepwise.mfa.runtime.Attempts;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push approval with number matching without a container: the real push factor with the number prompt, its
 * approvals and the attempts on an H2 store that a test can take down, and a local push service per device that
 * decrypts what it receives (the device). Alice and Bob each registered one device.
 */
final class PushApprovalFixture implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    static final String ORIGIN = "https://bank.example";
    static final Duration VALIDITY = Duration.ofMinutes(2);
    private static final Pattern URL = Pattern.compile("\"url\":\"(https://bank\\.example/bank/mfa/push/approve)#"
            + "([A-Za-z0-9_-]{43})\"");

    final MutableClock clock = new MutableClock(NOW);
    final List<MfaEvent> events = Collections.synchronizedList(new ArrayList<>());
    final PushSubscriptionStore devices = new InMemoryPushSubscriptionStore();
    final FakePushService alicesPhone;
    final FakePushService bobsPhone;
    final MfaConfiguration configuration;
    final PageFixture.Storage storage;
    final PushFactor push;
    final MfaEnforcement enforcement;
    volatile boolean storeDown;

    PushApprovalFixture() throws Exception {
        this(ORIGIN + "/bank/mfa/push/approve"); // stepwise.mfa.push.origin is set
    }

    /** @param approveAddress the approval page: absolute, or its path from the request's origin (development) */
    PushApprovalFixture(String approveAddress) throws Exception {
        Map<String, String> params = Map.of("stepwise.mfa.factors", "totp,push");
        configuration = MfaConfiguration.of(MfaConfig.parse(params::get), clock);
        storage = new PageFixture.Storage(configuration, switchable(PageFixture.Storage.h2()));
        alicesPhone = new FakePushService();
        bobsPhone = new FakePushService();
        devices.add("alice", StoredPushSubscription.of(alicesPhone.subscription(), "Phone", NOW), 10);
        devices.add("bob", StoredPushSubscription.of(bobsPhone.subscription(), "Bob's phone", NOW), 10);
        WebPushSender sender = new WebPushSender(VapidKeys.generate(), "mailto:security@bank.example",
                PushEndpointPolicy.allowingLocalEndpoints(), Duration.ofSeconds(2), Duration.ofSeconds(2),
                Clock.systemUTC());
        OneTimeCodes codes = new OneTimeCodes(PushFactor.ID, OneTimeCodeSettings.defaults(),
                new InMemoryOneTimeCodeStore(), CodeHasher.withRandomPepper(), clock);
        PushApprovals approvals = new PushApprovals(storage.store().pushApprovals(), clock, VALIDITY);
        push = new PushFactor(devices, sender, PushEndpointPolicy.allowingLocalEndpoints(), codes, "Sample Bank",
                null, approvals, approveAddress);
        enforcement = new MfaEnforcement(MfaRuntime.of(configuration, Map.of("push", push), storage, events::add));
    }

    @Override
    public void close() {
        alicesPhone.close();
        bobsPhone.close();
    }

    /** A session of the sign-in page (one browser's HTTP session). */
    ChallengeContext.Session session() {
        return TestChallengeContexts.session();
    }

    ChallengeContext ctx(ChallengeContext.Session session) {
        return new ChallengeContext(clock.instant(), Locale.ENGLISH, "192.0.2.1", "JUnit", session, ORIGIN);
    }

    /** "Send notification" on the sign-in page of {@code session}; the view it shows. */
    ChallengeView send(String user, ChallengeContext.Session session) {
        return push.beginChallenge(user, ctx(session));
    }

    /** The token of the last push {@code phone} decrypted. */
    static String token(FakePushService phone) {
        assertThat(phone.requests).isNotEmpty();
        FakePushService.Received last = phone.requests.get(phone.requests.size() - 1);
        assertThat(last.failure()).as("the device could decrypt the push").isNull();
        Matcher m = URL.matcher(new String(last.payload(), StandardCharsets.UTF_8));
        assertThat(m.find()).as("the approval link in the push").isTrue();
        return m.group(2);
    }

    /** The number the sign-in page shows. */
    static int number(ChallengeView view) {
        return (Integer) view.model().get("stepwise_approvalNumber");
    }

    /** "Continue" on the sign-in page of {@code session}: one attempt on the account. */
    AttemptOutcome continueAs(String user, ChallengeContext.Session session) {
        return new Attempts(storage.throttle(), clock, events::add).verify(user, push, Map.of(), ctx(session));
    }

    /** A same-origin fetch() POST of the device to {@code /bank/mfa/push/approve{path}}. */
    FakeHttp.Request post(String path, String json) {
        return request("POST", path).header("Sec-Fetch-Site", "same-origin").header("Origin", ORIGIN)
                .body("application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    FakeHttp.Request request(String method, String path) {
        FakeHttp.Request request = new FakeHttp.Request(null, new FakeHttp.Session());
        request.method = method;
        request.servletPath = "/mfa/push/approve";
        request.pathInfo = path;
        return request;
    }

    FakeHttp.Response send(FakeHttp.Request request) throws Exception {
        PushApprovalServlet servlet = new PushApprovalServlet();
        servlet.enforcement = enforcement;
        servlet.storage = storage;
        FakeHttp.Response response = new FakeHttp.Response();
        servlet.service(request.asHttpServletRequest(), response.asHttpServletResponse());
        return response;
    }

    FakeHttp.Response decide(String token, String choice) throws Exception {
        return send(post("/decide", "{\"token\":\"" + token + "\"," + choice + "}"));
    }

    FakeHttp.Response choices(String token) throws Exception {
        return send(post("/choices", "{\"token\":\"" + token + "\"}"));
    }

    int failures(String user) {
        return storage.store().attempts().read(user).failures();
    }

    List<MfaEvent> events(Class<? extends MfaEvent> type) {
        synchronized (events) {
            return events.stream().filter(type::isInstance).toList();
        }
    }

    /** {@code ds}, which fails as an unreachable database while {@link #storeDown}. */
    private DataSource switchable(JdbcDataSource ds) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    if (storeDown && method.getName().equals("getConnection")) {
                        throw new SQLException("Connection refused", "08001");
                    }
                    try {
                        return method.invoke(ds, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
