package dev.stepwise.bench.protect.mfa;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The application's own interceptor binding, bound to {@link TimedInterceptor}, which does nothing: what any CDI
 * interceptor costs on a JAX-RS resource, without the library's work (the jaxrs-interceptor case).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Timed {
}
