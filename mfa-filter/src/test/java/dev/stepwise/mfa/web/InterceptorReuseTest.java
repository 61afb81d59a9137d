package dev.stepwise.mfa.web;

import dev.stepwise.mfa.RequiresMfa;
import dev.stepwise.mfa.StepUp;
import dev.stepwise.mfa.cdi.MfaGuard;
import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.core.MfaRequiredException;
import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.core.TrustedDeviceGrant;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.http.EnforcementPoint;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.http.RequestFacts;
import dev.stepwise.mfa.trust.TrustedDevices;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static dev.stepwise.mfa.web.PageFixture.NOW;
import static dev.stepwise.mfa.web.PageFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CDI interceptor of a JAX-RS resource or bean uses what the filter gathered for the same request (its
 * {@link RequestFacts}) instead of reading the request's headers, cookies and client again, but only when that is
 * provably for this request, this dispatch and this principal: anything else (an attribute the application set,
 * copied or forged; another dispatch; another principal; another thread; a request the filter never saw or saw
 * through a wrapper) is gathered afresh. The session's state is always read afresh, and the decision is always the
 * interceptor's: reuse never lets through a call that a fresh gathering would refuse.
 */
class InterceptorReuseTest {

    /** A JAX-RS resource, as the interceptor sees it. */
    public static class Api {
        @StepUp(maxAge = "PT5M")
        public String transfer() {
            return "ok";
        }

        @RequiresMfa
        public String account() {
            return "ok";
        }
    }

    private final PageFixture fixture = new PageFixture();
    private final MfaFilter filter = new MfaFilter(new FilterSteps(fixture.runtime,
            new ServletRequirements(null, fixture.runtime.annotations()), new EnforcementPoint(fixture.runtime)));
    /** The request CDI's {@code HttpServletRequest} refers to now; {@code null}: no request context. */
    private FakeHttp.Request cdiRequest;
    private final MfaGuard guard = new MfaGuard(fixture.runtime, requests());
    private int calls;
    /** Calls through CDI's view of the request (each resolves the request anew in a real container). */
    private int cdiProxyReads;

    @BeforeEach
    void aliceHasTotpAndProvedItNow() {
        fixture.totp.enrolled.add(USER);
        fixture.signedIn(NOW);
    }

    @SuppressWarnings("unchecked")
    private Instance<HttpServletRequest> requests() {
        return (Instance<HttpServletRequest>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{Instance.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("get")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (cdiRequest == null) {
                        throw new ContextNotActiveException("no request");
                    }
                    HttpServletRequest real = cdiRequest.asHttpServletRequest();
                    return Proxy.newProxyInstance(getClass().getClassLoader(), // a proxy of its own, as CDI's is
                            new Class<?>[]{HttpServletRequest.class}, (p, m, a) -> {
                                cdiProxyReads++;
                                try {
                                    return m.invoke(real, a);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                });
    }

    /** Calls {@code method} of the resource through the interceptor: {@code null} when it ran, else the refusal. */
    private Decision call(String method) throws Exception {
        Api target = new Api();
        InvocationContext ctx = (InvocationContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{InvocationContext.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getTarget" -> target;
                    case "getMethod" -> Api.class.getMethod(method);
                    case "proceed" -> {
                        calls++;
                        yield "ok";
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        try {
            assertThat(guard.check(ctx)).isEqualTo("ok");
            return null;
        } catch (MfaRequiredException e) {
            return e.decision();
        }
    }

    /** What the resource call saw: its refusal (or null) and how many headers and cookies were read for it. */
    private record Outcome(Decision refusal, int headerReads) {
    }

    private Outcome callCounting(FakeHttp.Request request, String method) throws Exception {
        int before = request.headerReads;
        Decision refusal = call(method);
        return new Outcome(refusal, request.headerReads - before);
    }

    private FakeHttp.Request api(String method, String resource) {
        FakeHttp.Request request = fixture.request(method, "");
        request.servletPath = "/api";
        request.pathInfo = resource;
        return request;
    }

    private static FakeHttp.Request sameSite(FakeHttp.Request request) {
        return request.header("Sec-Fetch-Site", "same-origin").header("Origin", "https://bank.example");
    }

    private static FakeHttp.Request crossSite(FakeHttp.Request request) {
        return request.header("Sec-Fetch-Site", "cross-site").header("Origin", "https://evil.example");
    }

    /** Sends {@code request} through the filter; {@code inChain} runs as the application behind it. */
    private FakeHttp.Response send(FakeHttp.Request request, HttpServletRequest asSeen, FilterChain inChain)
            throws Exception {
        cdiRequest = request;
        FakeHttp.Response response = new FakeHttp.Response();
        filter.doFilter(asSeen, response.asHttpServletResponse(), inChain);
        return response;
    }

    private FakeHttp.Response send(FakeHttp.Request request, FilterChain inChain) throws Exception {
        return send(request, request.asHttpServletRequest(), inChain);
    }

    /** Sends {@code request} through the filter to {@code method} of the resource. */
    private Outcome sendToResource(FakeHttp.Request request, String method) throws Exception {
        AtomicReference<Outcome> outcome = new AtomicReference<>();
        send(request, (req, res) -> {
            try {
                outcome.set(callCounting(request, method));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(outcome.get()).as("the filter ran the chain").isNotNull();
        return outcome.get();
    }

    private interface AppStep {
        void run() throws Exception;
    }

    /** Sends {@code request} through the filter; behind it the application does {@code between}, then calls. */
    private Outcome sendToResource(FakeHttp.Request request, String method, AppStep between) throws Exception {
        AtomicReference<Outcome> outcome = new AtomicReference<>();
        send(request, (req, res) -> {
            try {
                between.run();
                outcome.set(callCounting(request, method));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(outcome.get()).as("the filter ran the chain").isNotNull();
        return outcome.get();
    }

    private Decision.Denied.Why denied(Decision refusal) {
        assertThat(refusal).isInstanceOf(Decision.Denied.class);
        return ((Decision.Denied) refusal).why();
    }

    // --- reuse -----------------------------------------------------------------------------------------------

    @Test
    void aResourceCalledInTheFiltersDispatchUsesWhatTheFilterGathered() throws Exception {
        Outcome outcome = sendToResource(sameSite(api("GET", "/transfer")), "transfer");

        assertThat(outcome.refusal()).isNull();
        assertThat(calls).isEqualTo(1);
        assertThat(outcome.headerReads()).as("no header or cookie read again").isZero();
    }

    @Test
    void aResourceCalledInTheFiltersDispatchReadsThroughCdisProxyOnce() throws Exception {
        Outcome outcome = sendToResource(sameSite(api("GET", "/transfer")), "transfer");

        assertThat(outcome.refusal()).isNull();
        assertThat(cdiProxyReads).as("the filter's mark read through the proxy, then the request the filter saw")
                .isEqualTo(1);
    }

    @Test
    void theDecisionIsStillTheInterceptorsOwn() throws Exception {
        fixture.signedIn(NOW.minus(Duration.ofHours(1))); // enough for the login policy, not for the step-up

        Outcome outcome = sendToResource(sameSite(api("GET", "/transfer")), "transfer");

        assertThat(outcome.refusal()).isInstanceOf(Decision.ChallengeRequired.class);
        assertThat(outcome.headerReads()).as("decided on what the filter gathered").isZero();
        assertThat(calls).isZero();
    }

    @Test
    void aCrossSiteCallIsRefusedOnWhatTheFilterGathered() throws Exception {
        Outcome outcome = sendToResource(crossSite(api("POST", "/transfer")), "transfer");

        assertThat(denied(outcome.refusal())).isEqualTo(Decision.Denied.Why.CROSS_SITE);
        assertThat(outcome.headerReads()).isZero();
    }

    @Test
    void nothingIsLeftOnTheRequestOrTheThreadAfterTheFilter() throws Exception {
        FakeHttp.Request request = sameSite(api("GET", "/transfer"));
        Map<String, Object> before = new HashMap<>(request.attributes);

        sendToResource(request, "transfer");

        assertThat(request.attributes).isEqualTo(before);
        Outcome after = callCounting(request, "transfer"); // the same request, no longer in the filter
        assertThat(after.refusal()).isNull();
        assertThat(after.headerReads()).as("gathered afresh").isPositive();
    }

    // --- what the application sets itself ---------------------------------------------------------------------

    /** The library's request attributes of a same-site POST of alice's to the resource, as seen behind the filter. */
    private Map<String, Object> libraryAttributesOfASameSiteRequest() throws Exception {
        FakeHttp.Request other = sameSite(api("POST", "/transfer"));
        Map<String, Object> seen = new HashMap<>();
        send(other, (req, res) -> other.attributes.forEach((name, value) -> {
            if (name.startsWith("dev.stepwise.mfa")) {
                seen.put(name, value);
            }
        }));
        return seen;
    }

    private void attackWith(Function<Object, Object> replace) throws Exception {
        Map<String, Object> sameSite = libraryAttributesOfASameSiteRequest();
        FakeHttp.Request attack = crossSite(api("POST", "/transfer"));

        Outcome outcome = sendToResource(attack, "transfer", () -> sameSite.forEach((name, value) -> {
            attack.attributes.put(name, replace.apply(value));
        }));

        assertThat(denied(outcome.refusal())).isEqualTo(Decision.Denied.Why.CROSS_SITE);
        assertThat(calls).isZero();
    }

    @Test
    void anObjectCopiedFromAnotherRequestGainsNothing() throws Exception {
        attackWith(value -> value);
    }

    @Test
    void aStringGainsNothing() throws Exception {
        attackWith(value -> "same-origin");
    }

    @Test
    void forgedFactsGainNothing() throws Exception {
        RequestFacts forged = RequestFacts.of(sameSite(api("POST", "/transfer")).asHttpServletRequest(),
                fixture.runtime.config());
        attackWith(value -> forged);
    }

    @Test
    void aCopiedObjectOnARequestTheFilterNeverSawGainsNothing() throws Exception {
        Map<String, Object> sameSite = libraryAttributesOfASameSiteRequest();
        FakeHttp.Request attack = crossSite(api("POST", "/transfer"));
        attack.attributes.putAll(sameSite);
        cdiRequest = attack;

        Outcome outcome = callCounting(attack, "transfer");

        assertThat(denied(outcome.refusal())).isEqualTo(Decision.Denied.Why.CROSS_SITE);
        assertThat(outcome.headerReads()).isPositive();
    }

    @Test
    void aFilterAheadThatWrapsTheRequestGetsNoReuse() throws Exception {
        // The application's own filter shows the library a request without the cross-site headers; the
        // interceptor, which sees the container's request, judges what the browser sent, as it always did.
        FakeHttp.Request request = crossSite(api("POST", "/transfer"));
        HttpServletRequest hiding = new HttpServletRequestWrapper(request.asHttpServletRequest()) {
            @Override
            public String getHeader(String name) {
                return name.equals("Sec-Fetch-Site") ? "same-origin"
                        : name.equals("Origin") ? "https://bank.example" : super.getHeader(name);
            }
        };
        AtomicReference<Outcome> outcome = new AtomicReference<>();

        send(request, hiding, (req, res) -> {
            try {
                outcome.set(callCounting(request, "transfer"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(denied(outcome.get().refusal())).isEqualTo(Decision.Denied.Why.CROSS_SITE);
        assertThat(outcome.get().headerReads()).isPositive();
    }

    // --- other dispatches and threads -------------------------------------------------------------------------

    private String refusedTarget() {
        return fixture.events.stream().filter(e -> e instanceof MfaEvent.CrossSiteRefused)
                .map(e -> ((MfaEvent.CrossSiteRefused) e).target()).reduce((a, b) -> b).orElse(null);
    }

    @Test
    void aForwardToAResourceIsDecidedForTheForward() throws Exception {
        FakeHttp.Request request = crossSite(fixture.request("POST", "/form"));
        request.servletPath = "/form";
        AtomicReference<Outcome> inner = new AtomicReference<>();
        AtomicReference<Outcome> outerAgain = new AtomicReference<>();

        send(request, (req, res) -> {
            try {
                request.dispatch = DispatcherType.FORWARD;
                request.servletPath = "/api";
                request.pathInfo = "/transfer";
                filter.doFilter(request.asHttpServletRequest(), res, (r2, s2) -> {
                    try {
                        inner.set(callCounting(request, "transfer"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertThat(refusedTarget()).isEqualTo("/api/transfer");
                request.dispatch = DispatcherType.REQUEST;
                request.servletPath = "/form";
                request.pathInfo = null;
                outerAgain.set(callCounting(request, "account"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(denied(inner.get().refusal())).isEqualTo(Decision.Denied.Why.CROSS_SITE);
        assertThat(denied(outerAgain.get().refusal())).isEqualTo(Decision.Denied.Why.CROSS_SITE);
        assertThat(refusedTarget()).isEqualTo("/form");
        assertThat(calls).isZero();
    }

    @Test
    void aDispatchTheFilterDoesNotSeeGathersAfresh() throws Exception {
        // An error page or a named dispatcher reaches the resource inside the chain without the filter.
        FakeHttp.Request request = crossSite(fixture.request("POST", "/form"));
        request.servletPath = "/form";

        Outcome outcome = sendToResource(request, "transfer", () -> {
            request.dispatch = DispatcherType.ERROR;
            request.servletPath = "/api";
            request.pathInfo = "/transfer";
        });

        assertThat(denied(outcome.refusal())).isEqualTo(Decision.Denied.Why.CROSS_SITE);
        assertThat(outcome.headerReads()).isPositive();
        assertThat(refusedTarget()).isEqualTo("/api/transfer");
    }

    @Test
    void anIncludeOfAResourceIsDecidedForTheInclude() throws Exception {
        FakeHttp.Request request = crossSite(fixture.request("POST", "/form"));
        request.servletPath = "/form";
        AtomicReference<Outcome> inner = new AtomicReference<>();

        send(request, (req, res) -> {
            try {
                request.dispatch = DispatcherType.INCLUDE;
                request.attributes.put(RequestDispatcher.INCLUDE_SERVLET_PATH, "/api");
                request.attributes.put(RequestDispatcher.INCLUDE_PATH_INFO, "/transfer");
                filter.doFilter(request.asHttpServletRequest(), res, (r2, s2) -> {
                    try {
                        inner.set(callCounting(request, "transfer"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(denied(inner.get().refusal())).isEqualTo(Decision.Denied.Why.CROSS_SITE);
        assertThat(refusedTarget()).isEqualTo("/api/transfer");
    }

    @Test
    void aCallOnAnotherThreadGathersAfresh() throws Exception {
        FakeHttp.Request request = sameSite(api("GET", "/transfer"));
        AtomicReference<Outcome> outcome = new AtomicReference<>();

        send(request, (req, res) -> {
            Thread worker = new Thread(() -> {
                try {
                    outcome.set(callCounting(request, "transfer"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            worker.start();
            try {
                worker.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(outcome.get().refusal()).isNull();
        assertThat(outcome.get().headerReads()).isPositive();
    }

    @Test
    void aBeanCalledWithoutARequestIsRefused() throws Exception {
        cdiRequest = null; // a timer, a message

        assertThat(denied(call("transfer"))).isEqualTo(Decision.Denied.Why.NO_CALLER);
    }

    // --- the principal and the session change behind the filter ----------------------------------------------

    @Test
    void aSignInAsAnotherUserBehindTheFilterIsDecidedForThatUser() throws Exception {
        FakeHttp.Request request = sameSite(api("GET", "/account"));

        Outcome outcome = sendToResource(request, "account", () -> request.principal = "mallory");

        assertThat(outcome.refusal()).isNotNull();
        assertThat(outcome.headerReads()).isPositive();
        assertThat(calls).isZero();
    }

    @Test
    void aSignOutBehindTheFilterLeavesNoCaller() throws Exception {
        FakeHttp.Request request = sameSite(api("GET", "/account"));

        Outcome outcome = sendToResource(request, "account", () -> request.principal = null);

        assertThat(denied(outcome.refusal())).isEqualTo(Decision.Denied.Why.NO_CALLER);
    }

    @Test
    void aSessionInvalidatedBehindTheFilterIsSeen() throws Exception {
        FakeHttp.Request request = sameSite(api("GET", "/account"));

        Outcome outcome = sendToResource(request, "account",
                () -> request.session.asHttpSession().invalidate());

        assertThat(outcome.refusal()).isInstanceOf(Decision.ChallengeRequired.class);
        assertThat(calls).isZero();
    }

    @Test
    void aTrustGrantDroppedBehindTheFilterIsSeen() throws Exception {
        TrustedDevices.Issued device = fixture.storage.trust().issue(USER, "Firefox");
        TrustedDeviceGrant grant = new TrustedDeviceGrant(device.device().deviceId(), device.device().expiresAt());
        MfaState trusted = MfaState.start(USER, NOW.minus(Duration.ofHours(1))).withTrust(grant);
        fixture.session().state(trusted);
        FakeHttp.Request request = sameSite(api("GET", "/account"));

        // another request of the session (the settings page) revoked this device while this one ran
        Outcome outcome = sendToResource(request, "account", () -> MfaSession.of(request.asHttpServletRequest())
                .state(new MfaState(USER, trusted.primaryAuthAt(), trusted.verifiedAt(), null, false)));

        assertThat(outcome.refusal()).isInstanceOf(Decision.ChallengeRequired.class);
        assertThat(calls).isZero();
    }

    @Test
    void aVerificationRecordedBehindTheFilterCounts() throws Exception {
        fixture.signedIn(NOW.minus(Duration.ofHours(1)));
        FakeHttp.Request request = sameSite(api("GET", "/transfer"));

        Outcome outcome = sendToResource(request, "transfer",
                () -> fixture.session().update(NOW, s -> s.withVerified("totp", NOW)));

        assertThat(outcome.refusal()).isNull();
        assertThat(calls).isEqualTo(1);
    }
}
