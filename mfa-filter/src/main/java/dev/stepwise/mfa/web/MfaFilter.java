package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.http.EnforcementPoint;
import dev.stepwise.mfa.http.RequestFacts;
import dev.stepwise.mfa.http.RequestMarks;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.store.StoreUnavailableException;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Enforces the login policy, {@code @RequiresMfa}/{@code @StepUp} on servlets and the {@code stepwise.mfa.protect}
 * patterns: request facts, one decision, then an answer or the chain ({@link FilterSteps}). Registered by the
 * library's {@code web-fragment.xml} for REQUEST, FORWARD, INCLUDE and ASYNC dispatches (ERROR dispatches are not
 * checked, so error pages must not hold protected content). A request without a principal and without a
 * requirement passes untouched: no session is created; so does a request for the pages' stylesheet or scripts
 * ({@link FilterSteps#isStaticFile}), signed in or not. A dispatch it lets run leaves its request facts to the CDI
 * interceptor of the same dispatch ({@link RequestMarks#gathered}); each dispatch hides an outer one's.
 *
 * <p>Fails closed: when one of its own steps fails (the store, a factor, the library), the protected resource does
 * not run and the user gets the library's answer ({@link LibraryFailure}: 503 when the store cannot be reached,
 * else 500 with the library's error page, or JSON for an API client); the operator gets one log line. What the
 * application's own code throws passes on unchanged: downstream in the chain, or in its login that the filter starts
 * ({@link Downstream}), except the store's {@link StoreUnavailableException} when the application called the
 * library (e.g. {@code MfaAccounts}) while the database was away: that gets the library's 503 too.
 */
public final class MfaFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    // The filter's own log name, as FilterSteps uses.
    private static final System.Logger LOG = System.getLogger(MfaFilter.class.getName());

    @Inject
    private transient MfaRuntime runtime;
    private transient FilterSteps steps;

    /** For the container, which injects the runtime and calls {@link #init()}. */
    public MfaFilter() {
    }

    MfaFilter(FilterSteps steps) {
        this.steps = steps;
    }

    @Override
    public void init() {
        steps = new FilterSteps(runtime, ServletRequirements.of(getServletContext()), new EnforcementPoint(runtime));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (LibraryFailure.isErrorPageDispatch(request)) {
            chain.doFilter(request, response); // the library's error page, forwarded to after a failure
            return;
        }
        RequestMarks.Dispatch dispatch = RequestMarks.enterDispatch(request);
        Downstream downstream = new Downstream(chain);
        try {
            filter(request, response, downstream);
        } catch (RuntimeException | LinkageError e) {
            if (downstream.threw(e) && !(e instanceof StoreUnavailableException)) {
                throw e; // the application's own failure: its business, unchanged
            }
            // the store down while the application called the library (MfaAccounts, say): the library's 503
            // the library's: fail closed, the library's answer, one log line
            LibraryFailure.answer(LOG, "the filter, for " + request.getServletPath(), e, request, response,
                    steps.stylesheet(request));
        } finally {
            dispatch.leave();
        }
    }

    private void filter(HttpServletRequest request, HttpServletResponse response, Downstream chain)
            throws IOException, ServletException {
        if (FilterSteps.isDirectPageRequest(request)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (FilterSteps.isStaticFile(request)) {
            FilterSteps.cacheable(response);
            chain.doFilter(request, response); // the pages' stylesheet and scripts: the same for everyone
            return;
        }
        if (steps.passesUntouched(request)) {
            chain.doFilter(request, response); // anonymous and not protected: not ours to judge, nothing read
            return;
        }
        RequestFacts facts = steps.facts(request);
        if (facts.principal() == null && (facts = steps.signIn(request, response, facts, chain)) == null) {
            return; // the application's login, or the library, answered
        }
        HttpServletRequest current = steps.resumed(request, facts);
        RequestFacts currentFacts = current == request ? facts : steps.facts(current);
        if (steps.isOwnPage(currentFacts)) {
            steps.ownPage(current, response, currentFacts, chain); // the library's pages decide for themselves
            return;
        }
        Decision decision = steps.decide(current, response, currentFacts); // null: could not decide, answered 503
        if (decision != null) {
            steps.answerOrRun(decision, current, response, chain, currentFacts); // a run leaves the facts to CDI
        }
    }
}
