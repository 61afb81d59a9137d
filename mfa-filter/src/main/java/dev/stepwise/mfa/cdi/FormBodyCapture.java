package dev.stepwise.mfa.cdi;

import dev.stepwise.mfa.http.RequestMarks;
import dev.stepwise.mfa.http.SavedRequest;
import dev.stepwise.mfa.runtime.MfaRuntime;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a copy of a form body sent to a {@code @RequiresMfa}/{@code @StepUp} resource method, so that when
 * the interceptor refuses the call the request can be saved and replayed after the challenge. JAX-RS reads
 * the body before the resource method runs, so the copy must be taken here. Only annotated methods pay for
 * it, and only up to the replay limit.
 */
@Provider
public class FormBodyCapture implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Inject
    MfaRuntime runtime;

    private final ConcurrentHashMap<Method, Boolean> annotated = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        Method method = resource.getResourceMethod();
        if (method == null || !request.hasEntity()
                || !MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(request.getMediaType())
                || request.getSecurityContext().getUserPrincipal() == null) {
            return;
        }
        Class<?> type = resource.getResourceClass();
        boolean protectedMethod = annotated.computeIfAbsent(method,
                m -> runtime.annotations().resolve(type, m).isPresent());
        if (!protectedMethod) {
            return;
        }
        InputStream in = request.getEntityStream();
        byte[] head = in.readNBytes(SavedRequest.MAX_BODY_BYTES + 1);
        RequestMarks.keepFormBody(request::setProperty, head);
        request.setEntityStream(head.length > SavedRequest.MAX_BODY_BYTES
                ? new SequenceInputStream(new ByteArrayInputStream(head), in)
                : new ByteArrayInputStream(head));
    }
}
