package dev.stepwise.bench.protect.mfa;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Does nothing but proceed, at the library's interceptor priority: the cost of interception itself. */
@Timed
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class TimedInterceptor {

    /** Proceeds. */
    @AroundInvoke
    public Object proceed(InvocationContext ctx) throws Exception {
        return ctx.proceed();
    }
}
