package dev.stepwise.mfa.web;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.KeyRegistration;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.factor.otp.CapturedLogs;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.Parameters;
import dev.stepwise.mfa.store.StoreUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A factor that fails on the library's pages (as WebAuthn did on WildFly: Jackson annotations older than the ones
 * webauthn4j was built against, {@code NoSuchMethodError}) gives the user the library's error page with 500, never
 * the server's page with the stack trace, and the operator exactly one log record.
 */
class LibraryFailurePagesTest {

    static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    static final String USER = "alice";
    static final String CSRF = "test-csrf-token";
    static final String CODE = "493817";
    static final NoSuchMethodError JACKSON = new NoSuchMethodError(
            "'boolean com.fasterxml.jackson.annotation.JsonProperty.isRequired()'");

    private final FailingKeyFactor factor = new FailingKeyFactor();
    private final MutableClock clock = new MutableClock(NOW);
    private final MfaConfiguration configuration = MfaConfiguration.of(
            MfaConfig.parse(Map.of(Parameters.FACTORS.name(), "webauthn")::get), clock);
    private final PageFixture.Storage storage = new PageFixture.Storage(configuration);
    private final MfaEnforcement enforcement = new MfaEnforcement(
            MfaRuntime.of(configuration, Map.of("webauthn", factor), storage, event -> { }));
    private final FakeHttp.Session browser = new FakeHttp.Session();
    private final CapturedLogs logs = CapturedLogs.start();

    @AfterEach
    void closeLogs() {
        logs.close();
    }

    <T extends LibraryPage> T wire(T page) {
        page.enforcement = enforcement;
        page.storage = storage;
        return page;
    }

    FakeHttp.Request request(String method, String page) {
        FakeHttp.Request request = new FakeHttp.Request(USER, browser);
        request.method = method;
        request.servletPath = "/mfa" + page;
        MfaSession session = MfaSession.of(request.asHttpServletRequest());
        session.csrfToken(() -> CSRF);
        if (session.state(NOW) == null) {
            session.state(MfaState.start(USER, NOW.minus(Duration.ofHours(1))));
        }
        return request;
    }

    static FakeHttp.Response send(LibraryPage page, FakeHttp.Request request) throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        page.service(request.asHttpServletRequest(), response.asHttpServletResponse());
        return response;
    }

    /** Records of the library's loggers at WARNING or above, or of any logger that mentions the failure. */
    List<String> failureRecords() {
        return logs.lines().stream().filter(l -> l.startsWith("dev.stepwise") && (l.contains(" SEVERE ")
                || l.contains(" WARNING ")) || l.contains("NoSuchMethodError")).toList();
    }

    @Test
    void aSecurityKeyRegistrationThatHitsALinkageErrorShowsTheLibrarysErrorPageWith500() throws Exception {
        factor.onBegin = () -> {
            throw JACKSON;
        };
        FakeHttp.Request request = request("GET", SettingsServlet.WEBAUTHN);

        FakeHttp.Response response = send(wire(new SettingsServlet()), request);

        assertThat(response.status).isEqualTo(500);
        assertThat(request.forwardedTo).isEqualTo("/mfa/error.jsp");
        assertThat(request.attributes.get(LibraryPage.MODEL)).isEqualTo(new ErrorPage("/bank/"));
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(failureRecords()).singleElement().asString()
                .contains("SEVERE", "/mfa/settings/webauthn", "java.lang.NoSuchMethodError",
                        "JsonProperty.isRequired()");
    }

    @Test
    void aFactorThatHitsALinkageErrorWhileCheckingAnAnswerShowsTheErrorPageAndNeverLogsTheCode() throws Exception {
        factor.enrolled = true;
        FakeHttp.Request request = request("POST", ChallengeServlet.CHALLENGE).param(CsrfToken.PARAMETER, CSRF)
                .param("factor", "webauthn").param("code", CODE);

        FakeHttp.Response response = send(wire(new ChallengeServlet()), request);

        assertThat(factor.verifications).isEqualTo(1);
        assertThat(response.status).isEqualTo(500);
        assertThat(request.forwardedTo).isEqualTo("/mfa/error.jsp");
        assertThat(failureRecords()).singleElement().asString().contains("java.lang.NoSuchMethodError");
        assertThat(logs.text()).doesNotContain(CODE).doesNotContain(CSRF);
        assertThat(MfaSession.of(request.asHttpServletRequest()).state(NOW).anyVerified()).isFalse();
    }

    @Test
    void anApiClientGetsA500JsonWithoutDetails() throws Exception {
        factor.onBegin = () -> {
            throw new IllegalStateException("webauthn4j: the converter is not configured");
        };
        FakeHttp.Request request = request("GET", SettingsServlet.WEBAUTHN).header("Accept", "application/json");

        FakeHttp.Response response = send(wire(new SettingsServlet()), request);

        assertThat(response.status).isEqualTo(500);
        assertThat(response.bodyText()).isEqualTo("{\"error\":\"mfa_error\"}");
        assertThat(request.forwardedTo).isNull();
        assertThat(failureRecords()).singleElement().asString()
                .contains("java.lang.IllegalStateException: webauthn4j: the converter is not configured");
    }

    @Test
    void theStoreBeingUnreachableStillGives503() throws Exception {
        factor.onBegin = () -> {
            throw new StoreUnavailableException("the MFA store could not read (SQLState 08001, error 0)",
                    new SQLException("connection refused", "08001"));
        };
        FakeHttp.Request request = request("GET", SettingsServlet.WEBAUTHN);

        FakeHttp.Response response = send(wire(new SettingsServlet()), request);

        assertThat(response.status).isEqualTo(503);
        assertThat(response.bodyText()).contains("Temporarily unavailable",
                "<link rel=\"stylesheet\" href=\"/bank/mfa/stepwise.css\">");
        assertThat(failureRecords()).singleElement().asString().contains("store unavailable", "SQLState 08001");
    }

    @Test
    void aLogLineIsOneShortLine() {
        assertThat(LibraryFailure.oneLine("a\nb\r\n\tc\u0085d\u001be\\f"))
                .isEqualTo("a\\nb\\r\\n\\tc\\u0085d\\u001be\\\\f");
        assertThat(LibraryFailure.oneLine("x".repeat(1000))).hasSize(301);
        assertThat(LibraryFailure.oneLine(null)).isEqualTo("(no message)");
    }

    /** A key-registering factor whose steps fail as told. */
    static final class FailingKeyFactor implements Factor, KeyRegistration {
        boolean enrolled;
        int verifications;
        Supplier<String> onBegin = () -> "{}";

        @Override
        public String id() {
            return "webauthn";
        }

        @Override
        public boolean isEnrolled(String user) {
            return enrolled;
        }

        @Override
        public Verification verify(String user, Map<String, String> input, ChallengeContext ctx) {
            verifications++;
            throw JACKSON;
        }

        @Override
        public String beginRegistration(String user, String displayName, ChallengeContext ctx) {
            return onBegin.get();
        }

        @Override
        public Verification finishRegistration(String user, String credentialJson, String name,
                                               ChallengeContext ctx) {
            throw JACKSON;
        }

        @Override
        public <T> Optional<T> capability(Class<T> type) {
            return Factor.super.capability(type);
        }
    }
}
