package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.http.EnforcementPoint;
import dev.stepwise.mfa.http.RequestFacts;
import dev.stepwise.mfa.http.RequestMarks;
import dev.stepwise.mfa.runtime.MfaRuntime;
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
 * requirement passes untouched: no session is created. A dispatch it lets run leaves its request facts to the CDI
 * interceptor of the same dispatch ({@link RequestMarks#gathered}); each dispatch hides an outer one's.
 */
public final class MfaFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

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
        RequestMarks.Dispatch dispatch = RequestMarks.enterDispatch(request);
        try {
            filter(request, response, chain);
        } finally {
            dispatch.leave();
        }
    }

    private void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (FilterSteps.isDirectPageRequest(request)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (steps.passesUntouched(request)) {
            chain.doFilter(request, response); // anonymous and not protected: not ours to judge, nothing read
            return;
        }
        RequestFacts facts = steps.facts(request);
        if (facts.principal() == null && (facts = steps.signIn(request, response, facts)) == null) {
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
