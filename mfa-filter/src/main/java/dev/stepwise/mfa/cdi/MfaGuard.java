package dev.stepwise.mfa.cdi;

import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.core.MfaCheckFailedException;
import dev.stepwise.mfa.core.MfaRequiredException;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.http.EnforcementPoint;
import dev.stepwise.mfa.http.RequestFacts;
import dev.stepwise.mfa.http.RequestMarks;
import dev.stepwise.mfa.runtime.MfaRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.http.HttpServletRequest;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What both interceptors do: find the annotation (method first, then class), turn it into a
 * {@link Requirement} once per method, ask the same core as the servlet filter, and throw
 * {@link MfaRequiredException} when the decision is not a grant, {@link MfaCheckFailedException} when it could not
 * be made (the store unreachable, a failure of the library or of code it calls). The request's facts are those the
 * servlet filter read for this very dispatch when it left them ({@link RequestMarks#gatheredFor}), else read afresh;
 * the session's state and the user's facts are always read afresh, and the decision is always made here.
 */
@ApplicationScoped
public class MfaGuard {

    private record Target(Class<?> type, Method method) {
    }

    private final MfaRuntime runtime;
    private final EnforcementPoint point;
    private final Instance<HttpServletRequest> requests;
    private final ConcurrentHashMap<Target, Optional<Requirement>> requirements = new ConcurrentHashMap<>();

    /**
     * Creates the MFA guard from its parts.
     *
     * @param runtime the runtime
     * @param requests the requests
     */
    @Inject
    public MfaGuard(MfaRuntime runtime, Instance<HttpServletRequest> requests) {
        this.runtime = runtime;
        this.point = runtime == null ? null : new EnforcementPoint(runtime);
        this.requests = requests;
    }

    /** For CDI's proxy only. */
    protected MfaGuard() {
        this(null, null);
    }

    /**
     * Checks the intercepted call and proceeds only when granted.
     *
     * @param ctx the invocation context
     * @return what the intercepted method returns
     * @throws Exception whatever the intercepted method throws
     */
    public Object check(InvocationContext ctx) throws Exception {
        if (ctx.getTarget() instanceof jakarta.servlet.Servlet) {
            // Servlets are the filter's: it reads the same annotations per HTTP method and answers before the
            // servlet runs. (Some containers also apply interceptor bindings to servlet instances, even to init().)
            return ctx.proceed();
        }
        Method method = ctx.getMethod();
        Class<?> type = ctx.getTarget() == null ? method.getDeclaringClass() : ctx.getTarget().getClass();
        Decision decision;
        try {
            Optional<Requirement> requirement = requirements.computeIfAbsent(new Target(type, method),
                    t -> runtime.annotations().resolve(t.type(), t.method()));
            decision = requirement.isPresent() ? decide(requirement.get()) : null;
        } catch (RuntimeException | LinkageError e) {
            // Fail closed, and as the library's failure: the filter or the JAX-RS mapper answers it (503 or 500),
            // never the server's error page as if the application had thrown it.
            throw new MfaCheckFailedException(e);
        }
        if (decision != null && !decision.isGranted()) {
            throw new MfaRequiredException(decision);
        }
        return ctx.proceed();
    }

    private Decision decide(Requirement requirement) {
        HttpServletRequest request;
        try {
            // touches the request-scoped instance (fails when no HTTP request is active), and reads the request
            // the filter saw for this dispatch directly rather than through CDI's proxy
            request = RequestMarks.direct(requests.get());
        } catch (ContextNotActiveException | IllegalStateException e) {
            // Called outside an HTTP request (timer, message): nobody to challenge, so refuse.
            return new Decision.Denied(Decision.Denied.Why.NO_CALLER);
        }
        RequestFacts facts = RequestMarks.gatheredFor(request);
        if (facts == null) {
            facts = RequestFacts.of(request, runtime.config()); // the filter did not see this dispatch as it is now
        }
        // A JAX-RS resource or bean is known to be protected only here: a cross-site request is refused first.
        return point.decideCall(request, facts, requirement);
    }
}
