package dev.stepwise.mfa.cdi;

import dev.stepwise.mfa.RequiresMfa;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Enforces {@link RequiresMfa} on CDI beans and JAX-RS resources. Runs early
 * ({@code PLATFORM_BEFORE + 100}) so the check happens before application interceptors.
 */
@RequiresMfa
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class RequiresMfaInterceptor {

    @Inject
    MfaGuard guard;

    /**
     * Checks the call against {@code @RequiresMfa} and proceeds only when granted.
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
