package dev.stepwise.mfa.cdi;

import dev.stepwise.mfa.StepUp;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Enforces {@link StepUp} on CDI beans and JAX-RS resources (see {@link RequiresMfaInterceptor}). When a
 * method carries both bindings, both interceptors run and agree: the resolved requirement is the same.
 */
@StepUp
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class StepUpInterceptor {

    @Inject
    MfaGuard guard;

    /**
     * Checks the call against {@code @StepUp} and proceeds only when granted.
     *
     * @param ctx the invocation context
     * @return what the intercepted method returns
     * @throws Exception whatever the intercepted method throws
     */
    @AroundInvoke
    public Object check(InvocationContext ctx) throws Exception {
        return guard.check(ctx);
    }
}
