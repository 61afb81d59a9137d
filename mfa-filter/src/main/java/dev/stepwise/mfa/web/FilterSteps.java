package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.core.MfaCheckFailedException;
import dev.stepwise.mfa.core.MfaRequiredException;
import dev.stepwise.mfa.core.Requirements;
import dev.stepwise.mfa.core.location.LocationVerdict;
import dev.stepwise.mfa.http.AnswerRenderer;
import dev.stepwise.mfa.http.EnforcementPoint;
import dev.stepwise.mfa.http.RequestFacts;
import dev.stepwise.mfa.http.RequestMarks;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;

import java.io.IOException;
import java.time.Clock;
import java.util.Set;

/**
 * The steps {@link MfaFilter} takes around the one decision of a request: reading its facts and its endpoint's
 * requirements, signing in a visitor of a protected endpoint, resuming a saved request, the library's own pages,
 * failing closed, refusing, and running the chain (where an {@link MfaRequiredException} gets the same answer).
 * The configuration and clock are read once, when the filter starts: both are fixed for the runtime's life
 * ({@link dev.stepwise.mfa.runtime.MfaConfiguration}).
 */
final class FilterSteps {

    // The filter's own log name, kept for operators who configured it.
    private static final System.Logger LOG = System.getLogger("dev.stepwise.mfa.web.MfaFilter");

    /** The library's static files (in the jar's {@code META-INF/resources}), by context-relative path. */
    static final Set<String> STATIC_FILES = Set.of(ChallengeServlet.PAGES + "stepwise.css",
            ChallengeServlet.PAGES + "webauthn.js", ChallengeServlet.PAGES + "passkey.js");

    private final MfaConfig config;
    private final Clock clock;
    private final ServletRequirements servlets;
    private final EnforcementPoint point;
    /** {@code null} when no location rules are configured: nothing is read or looked up for them. */
    private final LocationCheck location;

    /** {@code runtime}: started (the library's listener runs before any filter starts). */
    FilterSteps(MfaRuntime runtime, ServletRequirements servlets, EnforcementPoint point) {
        this.config = runtime.config();
        this.clock = runtime.clock();
        this.servlets = servlets;
        this.point = point;
        this.location = LocationCheck.of(runtime);
    }

    RequestFacts facts(HttpServletRequest request) {
        return RequestFacts.of(request, config);
    }

    /** Whether the request asks for one of the library's JSPs directly (they render only when forwarded to). */
    static boolean isDirectPageRequest(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        return request.getDispatcherType() == DispatcherType.REQUEST && servletPath.startsWith(ChallengeServlet.PAGES)
                && servletPath.endsWith(".jsp");
    }

    /**
     * Whether the request is a GET or HEAD for one of the library's static files ({@link #STATIC_FILES} under
     * {@value PageCall#PAGES}, where the jar keeps them whatever {@code stepwise.mfa.path} is): the pages'
     * stylesheet and scripts, the same for everyone. They pass untouched, also for a user in the middle of a
     * challenge (the challenge page needs them), decided from the path alone: no session, header or cookie is read.
     * Only these exact names, and only when the container's default servlet answers them (it serves the jar's
     * files): anything else under the folder, and a servlet of the application mapped to such a path (exactly, by
     * {@code *.js}, by {@code /mfa/*} or as a front controller at {@code /*}), is judged as usual.
     */
    static boolean isStaticFile(HttpServletRequest request) {
        String method = request.getMethod();
        return request.getDispatcherType() == DispatcherType.REQUEST
                && ("GET".equals(method) || "HEAD".equals(method))
                && STATIC_FILES.contains(RequestFacts.pathOf(request)) && byDefaultServlet(request);
    }

    /** Whether the container's default servlet (mapped at {@code /}) answers the request. */
    private static boolean byDefaultServlet(HttpServletRequest request) {
        HttpServletMapping mapping = request.getHttpServletMapping();
        return mapping != null && mapping.getMappingMatch() == MappingMatch.DEFAULT;
    }

    /** Lets browsers keep a static file for an hour (it changes only with the library or the application). */
    static void cacheable(HttpServletResponse response) {
        response.setHeader("Cache-Control", "public, max-age=3600");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    /**
     * Whether the request has no principal and its endpoint asks nothing: it passes untouched, decided from its
     * path alone (no header, cookie or session is read for it).
     */
    boolean passesUntouched(HttpServletRequest request) {
        return request.getUserPrincipal() == null && servlets.forEndpoint(request, RequestFacts.pathOf(request),
                config.policy().protect()).isEmpty();
    }

    /** What the request's endpoint asks (servlet annotations, protect patterns); empty when not protected. */
    Requirements endpoint(HttpServletRequest request, RequestFacts facts) {
        return servlets.forEndpoint(request, facts.path(), config.policy().protect());
    }

    /**
     * A protected endpoint reached without primary login: the application's login runs first (not for a request
     * from another site: a container's form login would save and replay it). The facts with the principal, or
     * {@code null} when it or the library has answered. The login is the application's code ({@code application}):
     * what it throws is the application's.
     */
    RequestFacts signIn(HttpServletRequest request, HttpServletResponse response, RequestFacts facts,
                        Downstream application) throws IOException, ServletException {
        Decision crossSite = point.refuseCrossSite(facts);
        if (crossSite != null) {
            point.answer(crossSite, request, facts).writeTo(response);
            return null;
        }
        if (!facts.apiClient() && application.call(() -> request.authenticate(response))
                && request.getUserPrincipal() != null) {
            return facts(request);
        }
        if (!response.isCommitted()) {
            point.answer(new Decision.Denied(Decision.Denied.Why.NO_CALLER), request, facts).writeTo(response);
        }
        return null;
    }

    /** The request to run: the saved original when the browser comes back for it (request dispatches only). */
    HttpServletRequest resumed(HttpServletRequest request, RequestFacts facts) {
        return facts.dispatch() == DispatcherType.REQUEST
                ? ResumedRequest.resume(request, facts, clock.instant()) : request;
    }

    /** Whether the request is for the library's own pages, which decide for themselves. */
    boolean isOwnPage(RequestFacts facts) {
        return facts.isLibraryPath(config.pages().path());
    }

    /**
     * The library's pages run on a trust grant as true to its record as anywhere; when that cannot be checked, the
     * failure's answer ({@link LibraryFailure}).
     */
    void ownPage(HttpServletRequest request, HttpServletResponse response, RequestFacts facts, FilterChain chain)
            throws IOException, ServletException {
        if (facts.dispatch() == DispatcherType.REQUEST) {
            try {
                point.keepTrustTrue(request, response, facts);
            } catch (RuntimeException | LinkageError e) {
                LibraryFailure.answer(LOG, "the trusted-device check", e, request, response, stylesheet(request));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The decision for this dispatch, or {@code null} after answering a failure (fail closed, {@link LibraryFailure}). */
    Decision decide(HttpServletRequest request, HttpServletResponse response, RequestFacts facts)
            throws IOException {
        try {
            return location == null ? point.decide(request, response, facts, endpoint(request, facts))
                    : decideWithLocation(request, response, facts);
        } catch (RuntimeException | LinkageError e) {
            // Fail closed: no decision, no access. The log line names the fault, never a secret.
            LibraryFailure.answer(LOG, "the decision for " + facts.path(), e, request, response, stylesheet(request));
            return null;
        }
    }

    /**
     * The decision under the location rules: a refusal when a rule denies, the endpoint's requirements with a
     * fresh-factor step-up when a rule asks; an audit event when either keeps the request from running now.
     */
    private Decision decideWithLocation(HttpServletRequest request, HttpServletResponse response,
                                        RequestFacts facts) {
        LocationVerdict where = location.judge(facts);
        if (where.outcome() == LocationVerdict.Outcome.DENY) {
            location.audit(facts, where);
            return LocationCheck.refusal();
        }
        Requirements endpoint = endpoint(request, facts);
        if (where.outcome() == LocationVerdict.Outcome.ALLOW) {
            return point.decide(request, response, facts, endpoint);
        }
        Decision decision = point.decide(request, response, facts, LocationCheck.withStepUp(endpoint, where));
        if (!decision.isGranted()) {
            location.audit(facts, where);
        }
        return decision;
    }

    /** Runs the chain when {@code decision} grants, answers its refusal otherwise. */
    void answerOrRun(Decision decision, HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                     RequestFacts facts) throws IOException, ServletException {
        if (decision.isGranted()) {
            run(request, response, chain, facts);
        } else {
            refuse(decision, request, response, facts);
        }
    }

    /** Answers a refusal; an include cannot redirect, so the protected part is left out of the page. */
    void refuse(Decision decision, HttpServletRequest request, HttpServletResponse response, RequestFacts facts)
            throws IOException {
        if (facts.dispatch() == DispatcherType.INCLUDE || response.isCommitted()) {
            LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: {0} was not included for {1}: {2}",
                    facts.path(), facts.principal(), decision);
            return;
        }
        point.answer(decision, request, facts).writeTo(response);
    }

    /**
     * Runs the chain; a CDI bean's {@link MfaRequiredException} gets the answer the filter would give, its
     * {@link MfaCheckFailedException} the library's failure answer ({@link LibraryFailure}). The facts
     * are left to the interceptor of this dispatch ({@link RequestMarks#gathered}), which still decides itself.
     */
    void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain, RequestFacts facts)
            throws IOException, ServletException {
        RequestMarks.gathered(request, facts);
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            MfaCheckFailedException failed = MfaCheckFailedException.find(e);
            if (failed != null) { // the bean did not run: the library's failure, the library's answer
                LibraryFailure.answer(LOG, "the check of a protected bean method", failed.getCause(), request,
                        response, stylesheet(request));
                return;
            }
            MfaRequiredException refused = MfaRequiredException.find(e);
            if (refused == null || response.isCommitted()) {
                throw e;
            }
            point.answer(refused.decision(), request, facts).writeTo(response);
        }
    }

    /** The library's stylesheet for the pages answered here ({@link AnswerRenderer#stylesheet}). */
    String stylesheet(HttpServletRequest request) {
        return AnswerRenderer.stylesheet(request.getContextPath(), config.pages().path());
    }
}
