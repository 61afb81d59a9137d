package dev.stepwise.mfa.web;

import dev.stepwise.mfa.cdi.MfaAdministration;
import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.runtime.UserFactsCache;
import jakarta.enterprise.inject.Instance;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Set;

import static dev.stepwise.mfa.web.PageFixture.GOOD_CODE;
import static dev.stepwise.mfa.web.PageFixture.NOW;
import static dev.stepwise.mfa.web.PageFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node's facts cache (docs/security-model.md, "How fresh the enforcement's facts are") is made stale by the
 * real paths that change a user's factors, exemption or preferences: the settings pages and
 * {@link MfaAdministration}. Each test reads a fact through the runtime's cache first, as the enforcement does,
 * makes the change, and reads again: the value kept before the change must not come back.
 */
class FactsInvalidationTest {

    private static final UserFactsCache.Key<String> FACT = new UserFactsCache.Key<>("fact");

    private final PageFixture fx = new PageFixture();
    private final SettingsServlet settings = fx.wire(new SettingsServlet());

    /** Reads the fact through the cache: {@code stored} unless a value is kept. */
    private String read(String stored) {
        return fx.runtime.factsCache().get(USER, FACT, () -> stored);
    }

    /** A value is kept, as after the enforcement's read of a request. */
    private void kept() {
        assertThat(read("before")).isEqualTo("before");
        assertThat(read("after")).as("the cache keeps what it read").isEqualTo("before");
    }

    private void twoFactorsProved() {
        fx.totp.enrolled.add(USER);
        fx.email.enrolled.add(USER);
        fx.signedIn(NOW.minus(Duration.ofMinutes(1)));
    }

    // ---- the settings pages ----

    @Test
    void removingAFactorOnTheSettingsPageMakesTheKeptFactsStale() throws Exception {
        twoFactorsProved();
        kept();

        FakeHttp.Response response = fx.send(settings, fx.post(SettingsServlet.SETTINGS).param("action", "remove")
                .param("factor", "email"));

        assertThat(response.status).isEqualTo(303);
        assertThat(fx.email.isEnrolled(USER)).isFalse();
        assertThat(read("after")).isEqualTo("after");
    }

    @Test
    void changingThePreferenceOnTheSettingsPageMakesTheKeptFactsStale() throws Exception {
        twoFactorsProved();
        kept();

        fx.send(settings, fx.post(SettingsServlet.SETTINGS).param("action", "preferences").param("alwaysAsk", "on"));

        assertThat(fx.storage.preferences().of(USER).alwaysAskAtLogin()).isTrue();
        assertThat(read("after")).isEqualTo("after");
    }

    @Test
    void enrollingAnAppOnTheSettingsPageMakesTheKeptFactsStale() throws Exception {
        fx.signedIn(null);
        fx.send(settings, fx.post(SettingsServlet.TOTP).param("action", "begin"));
        kept();

        fx.send(settings, fx.post(SettingsServlet.TOTP).param(KeyEnrolmentSettings.CODE, GOOD_CODE));

        assertThat(fx.totp.isEnrolled(USER)).isTrue();
        assertThat(read("after")).isEqualTo("after");
    }

    // ---- MfaAdministration ----

    private MfaAdministration administration() {
        FakeHttp.Request request = new FakeHttp.Request("root", new FakeHttp.Session());
        request.method = "GET";
        request.servletPath = "/admin";
        request.roles.add("admin");
        MfaSession.of(request.asHttpServletRequest()).state(
                MfaState.start("root", NOW.minus(Duration.ofHours(1)))
                        .withVerified("totp", NOW.minus(Duration.ofMinutes(1))));
        HttpServletRequest servletRequest = request.asHttpServletRequest();
        @SuppressWarnings("unchecked")
        Instance<HttpServletRequest> requests = (Instance<HttpServletRequest>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[]{Instance.class}, (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        return servletRequest;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new MfaAdministration(fx.runtime, fx.storage, requests);
    }

    @Test
    void resettingAUsersFactorsMakesTheKeptFactsStale() {
        fx.totp.enrolled.add(USER);
        MfaAdministration admin = administration();
        kept();

        admin.resetFactors(USER, "lost phone, ticket 4711");

        assertThat(fx.totp.isEnrolled(USER)).isFalse();
        assertThat(read("after")).isEqualTo("after");
    }

    @Test
    void exemptingAUserMakesTheKeptFactsStale() {
        MfaAdministration admin = administration();
        kept();

        admin.exempt(USER, Duration.ofHours(1), "lost phone, ticket 4711");

        assertThat(fx.storage.exemptions().find(USER)).isPresent();
        assertThat(read("after")).isEqualTo("after");
    }

    @Test
    void endingAnExemptionMakesTheKeptFactsStale() {
        MfaAdministration admin = administration();
        admin.exempt(USER, Duration.ofHours(1), "lost phone, ticket 4711");
        kept();

        admin.endExemption(USER, "phone found");

        assertThat(fx.storage.exemptions().find(USER).filter(e -> e.isActiveAt(NOW))).isEmpty();
        assertThat(read("after")).isEqualTo("after");
    }

    @Test
    void theFixtureReallyCaches() {
        kept();
        assertThat(Set.of(read("x"))).containsExactly("before");
    }
}
