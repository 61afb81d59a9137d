package dev.stepwise.mfa.web;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.webauthn.CloneWarning;
import dev.stepwise.mfa.factor.webauthn.EmulatedBrowser;
import dev.stepwise.mfa.factor.webauthn.InMemoryWebAuthnCredentialStore;
import dev.stepwise.mfa.factor.webauthn.RegistrationResult;
import dev.stepwise.mfa.factor.webauthn.WebAuthnByOrigin;
import dev.stepwise.mfa.factor.webauthn.WebAuthnConfig;
import dev.stepwise.mfa.factor.webauthn.WebAuthnRegistration;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.HttpServletRequest;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkey sign-in without a container: the real WebAuthn factor on an in-memory key store, the attempts on an H2
 * store that a test can take down, the default lockout (10 failures), and an application whose identity store
 * ({@link #identityStore}) accepts every passkey user unless a test says otherwise. Alice registered a passkey
 * ({@link #alicesKey}); the visitor's browser ({@link #browser}) is not signed in.
 */
final class PasskeyFixture {

    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    static final String ORIGIN = "https://bank.example";

    final MutableClock clock = new MutableClock(NOW);
    final List<MfaEvent> events = Collections.synchronizedList(new ArrayList<>());
    final List<CloneWarning> clones = Collections.synchronizedList(new ArrayList<>());
    final InMemoryWebAuthnCredentialStore keys = new InMemoryWebAuthnCredentialStore();
    final WebAuthnConfig webauthnConfig = WebAuthnConfig.of("bank.example", "Bank", Set.of(ORIGIN));
    final EmulatedBrowser alicesKey = new EmulatedBrowser(ORIGIN);
    final FakeHttp.Session browser = new FakeHttp.Session();
    final MfaConfiguration configuration;
    final PageFixture.Storage storage;
    final MfaEnforcement enforcement;
    /** The application's identity store: the status for a passkey user (SUCCESS signs them in). */
    volatile Function<String, AuthenticationStatus> identityStore = user -> AuthenticationStatus.SUCCESS;
    /** Every credential handed to {@code SecurityContext.authenticate}. */
    final List<AuthenticationParameters> authentications = Collections.synchronizedList(new ArrayList<>());
    volatile boolean storeDown;
    private final Map<HttpServletRequest, FakeHttp.Request> requests =
            Collections.synchronizedMap(new IdentityHashMap<>());

    PasskeyFixture() {
        this("on");
    }

    PasskeyFixture(String passkeyLogin) {
        Map<String, String> params = Map.of("stepwise.mfa.factors", "totp,webauthn",
                "stepwise.mfa.webauthn.passkey-login", passkeyLogin);
        configuration = MfaConfiguration.of(MfaConfig.parse(params::get), clock);
        storage = new PageFixture.Storage(configuration, switchable(PageFixture.Storage.h2()));
        Map<String, Factor> factors = Map.of("webauthn", new WebAuthnByOrigin(webauthnConfig, "Bank", keys,
                clones::add));
        enforcement = new MfaEnforcement(MfaRuntime.of(configuration, factors, storage, events::add));
        register("alice", alicesKey);
    }

    PasskeyServlet servlet() {
        PasskeyServlet servlet = new PasskeyServlet();
        servlet.enforcement = enforcement;
        servlet.storage = storage;
        servlet.security = security();
        return servlet;
    }

    /** Registers a key of {@code user} as the settings page does (a passkey: user handle and resident key). */
    void register(String user, EmulatedBrowser key) {
        Map<String, Object> session = new HashMap<>();
        ChallengeContext ctx = new ChallengeContext(clock.instant(), Locale.ENGLISH, "192.0.2.1", "JUnit",
                new ChallengeContext.Session() {
                    @Override
                    public Object get(String k) {
                        return session.get(k);
                    }

                    @Override
                    public void put(String k, Serializable v) {
                        session.put(k, v);
                    }

                    @Override
                    public Object remove(String k) {
                        return session.remove(k);
                    }
                }, ORIGIN);
        WebAuthnRegistration registration = new WebAuthnRegistration(webauthnConfig, keys);
        String options = registration.beginRegistration(user, user, ctx);
        assertThat(registration.finishRegistration(user, key.create(options), "Key of " + user, ctx))
                .isInstanceOf(RegistrationResult.Registered.class);
    }

    /** A same-origin fetch() POST of the visitor's browser to {@code /bank/mfa/passkey{path}}. */
    FakeHttp.Request post(String path, String json) {
        return request("POST", path).header("Sec-Fetch-Site", "same-origin").header("Origin", ORIGIN)
                .body("application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    FakeHttp.Request request(String method, String path) {
        FakeHttp.Request request = new FakeHttp.Request(null, browser);
        request.method = method;
        request.servletPath = "/mfa/passkey";
        request.pathInfo = path;
        return request;
    }

    FakeHttp.Response send(FakeHttp.Request request) throws Exception {
        return send(servlet(), request);
    }

    FakeHttp.Response send(PasskeyServlet servlet, FakeHttp.Request request) throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        HttpServletRequest http = request.asHttpServletRequest();
        requests.put(http, request);
        try {
            servlet.service(http, response.asHttpServletResponse());
        } finally {
            requests.remove(http);
        }
        return response;
    }

    /** The request options the endpoint hands the visitor's browser. */
    String options() throws Exception {
        FakeHttp.Response response = send(post("/options", "{}"));
        assertThat(response.status).isEqualTo(200);
        return response.bodyText();
    }

    /** What the page's script posts to {@code /verify} with {@code assertion}. */
    static String verifyBody(String assertion) {
        return "{\"credential\":" + assertion + "}";
    }

    /** Alice's key answers fresh options of the endpoint. */
    String alicesAssertion() throws Exception {
        return alicesKey.get(options());
    }

    int failures(String user) {
        return storage.store().attempts().read(user).failures();
    }

    /** Whether the browser's session holds a verified factor for {@code user}. */
    boolean verified(String user) {
        return MfaSession.of(new FakeHttp.Request(user, browser).asHttpServletRequest()).state(clock.instant())
                .anyVerified();
    }

    List<MfaEvent> events(Class<? extends MfaEvent> type) {
        synchronized (events) {
            return events.stream().filter(type::isInstance).toList();
        }
    }

    /** The application's {@code SecurityContext}: asks {@link #identityStore} and signs the caller in on SUCCESS. */
    private SecurityContext security() {
        return (SecurityContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{SecurityContext.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("authenticate")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    AuthenticationParameters parameters = (AuthenticationParameters) args[2];
                    authentications.add(parameters);
                    String user = ((PasskeyCredential) parameters.getCredential()).caller();
                    AuthenticationStatus status = identityStore.apply(user);
                    if (status == AuthenticationStatus.SUCCESS) {
                        requests.get((HttpServletRequest) args[0]).principal = user;
                    }
                    return status;
                });
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
