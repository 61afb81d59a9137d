package dev.stepwise.mfa.web;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.totp.TotpCodesForTests;
import dev.stepwise.mfa.factor.totp.TotpCredential;
import dev.stepwise.mfa.factor.totp.TotpFactor;
import dev.stepwise.mfa.factor.totp.TotpSecret;
import dev.stepwise.mfa.factor.totp.TotpSettings;
import dev.stepwise.mfa.factor.webauthn.InMemoryWebAuthnCredentialStore;
import dev.stepwise.mfa.factor.webauthn.WebAuthnConfig;
import dev.stepwise.mfa.factor.webauthn.WebAuthnFactor;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.http.PendingChallenge;
import dev.stepwise.mfa.http.SavedRequest;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.Parameters;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON challenge API without a container: the real TOTP factor on an H2 store that a test can take down, the
 * real WebAuthn factor on an in-memory store, the default lockout (10 failures), and alice signed in at
 * {@code https://bank.example/bank} with a pending step-up that saved her GET of {@code /transfer}.
 */
final class ApiFixture {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final String USER = "alice";
    static final String CSRF = "api-csrf-token";
    static final String ORIGIN = "https://bank.example";

    final MutableClock clock = new MutableClock(NOW);
    final List<MfaEvent> events = Collections.synchronizedList(new ArrayList<>());
    /** The timings of the attempts' checks ({@link MfaEvent.FactorChecked}), kept apart from {@link #events}. */
    final List<MfaEvent.FactorChecked> checks = Collections.synchronizedList(new ArrayList<>());
    final TotpSecret secret = TotpSecret.generate();
    final InMemoryWebAuthnCredentialStore keys = new InMemoryWebAuthnCredentialStore();
    final WebAuthnConfig webauthnConfig;
    final MfaConfiguration configuration;
    final PageFixture.Storage storage;
    final MfaEnforcement enforcement;
    final FakeHttp.Session browser = new FakeHttp.Session();
    volatile boolean storeDown;
    PendingChallenge pending;

    ApiFixture() {
        this(WebAuthnConfig.UserVerification.PREFERRED);
    }

    /** With {@code uv} as {@code stepwise.mfa.webauthn.user-verification}. */
    ApiFixture(WebAuthnConfig.UserVerification uv) {
        webauthnConfig = WebAuthnConfig.of("bank.example", "Bank", Set.of(ORIGIN)).withUserVerification(uv);
        Map<String, String> params = Map.of(Parameters.FACTORS.name(), "totp,webauthn");
        configuration = MfaConfiguration.of(MfaConfig.parse(params::get), clock);
        storage = new PageFixture.Storage(configuration, switchable(PageFixture.Storage.h2()));
        Map<String, Factor> factors = new LinkedHashMap<>();
        factors.put("totp", new TotpFactor(storage.store().totpCredentials(), clock, TotpSettings.defaults()));
        factors.put("webauthn", new WebAuthnFactor(webauthnConfig, keys, w -> { }));
        enforcement = new MfaEnforcement(MfaRuntime.of(configuration, factors, storage, this::fired));
    }

    ChallengeApiServlet servlet() {
        ChallengeApiServlet servlet = new ChallengeApiServlet();
        servlet.enforcement = enforcement;
        servlet.storage = storage;
        return servlet;
    }

    /** Alice enrolled TOTP, signed in an hour ago, with a CSRF token and a pending step-up for a transfer. */
    ApiFixture aliceChallenged() {
        storage.store().totpCredentials().save(TotpCredential.pending(USER, secret)
                .activated(TotpCodesForTests.stepAt(NOW) - 10));
        signIn(browser, USER, CSRF);
        SavedRequest saved = new SavedRequest("GET", "/transfer", null, Map.of(), new byte[0], true);
        pending = PendingChallenge.issue(List.of("totp"), Requirement.stepUp(Duration.ofMinutes(2))
                .withReason("transfer"), saved, NOW, NOW.plus(Duration.ofMinutes(10)));
        session(browser, USER).pending(pending);
        return this;
    }

    void signIn(FakeHttp.Session session, String user, String csrf) {
        MfaSession mfa = session(session, user);
        mfa.state(MfaState.start(user, NOW.minus(Duration.ofHours(1))));
        mfa.csrfToken(() -> csrf);
    }

    MfaSession session(FakeHttp.Session session, String user) {
        return MfaSession.of(new FakeHttp.Request(user, session).asHttpServletRequest());
    }

    MfaSession session() {
        return session(browser, USER);
    }

    String code() {
        return TotpCodesForTests.codeAt(secret, clock.instant());
    }

    String wrongCode() {
        String code = code();
        return (code.charAt(0) == '0' ? "1" : "0") + code.substring(1);
    }

    /** A request of {@code user}'s browser {@code session} to {@code /bank/mfa/api{path}}. */
    static FakeHttp.Request request(String user, FakeHttp.Session session, String method, String path) {
        FakeHttp.Request request = new FakeHttp.Request(user, session);
        request.method = method;
        request.servletPath = "/mfa/api";
        request.pathInfo = path;
        return request;
    }

    /** A same-origin fetch() POST of alice's with the CSRF header and a JSON body. */
    FakeHttp.Request post(String path, String json) {
        return post(USER, browser, CSRF, path, json);
    }

    static FakeHttp.Request post(String user, FakeHttp.Session session, String csrf, String path, String json) {
        return request(user, session, "POST", path).header("Sec-Fetch-Site", "same-origin")
                .header("Origin", ORIGIN).header("X-CSRF-Token", csrf)
                .body("application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    FakeHttp.Request get(String path) {
        return request(USER, browser, "GET", path).header("Sec-Fetch-Site", "same-origin");
    }

    FakeHttp.Response send(FakeHttp.Request request) throws Exception {
        return send(servlet(), request);
    }

    static FakeHttp.Response send(ChallengeApiServlet servlet, FakeHttp.Request request) throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        servlet.service(request.asHttpServletRequest(), response.asHttpServletResponse());
        return response;
    }

    static JsonObject json(FakeHttp.Response response) {
        return Json.createReader(new StringReader(response.bodyText())).readObject();
    }

    int failures() {
        return storage.store().attempts().read(USER).failures();
    }

    boolean verified() {
        return session().state(clock.instant()).anyVerified();
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

    private void fired(MfaEvent event) {
        if (event instanceof MfaEvent.FactorChecked c) {
            checks.add(c);
        } else {
            events.add(event);
        }
    }
}
