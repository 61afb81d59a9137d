package dev.stepwise.mfa.cdi;

import dev.stepwise.mfa.core.MfaRequiredException;
import dev.stepwise.mfa.http.EnforcementPoint;
import dev.stepwise.mfa.http.MfaAnswer;
import dev.stepwise.mfa.http.RequestFacts;
import dev.stepwise.mfa.runtime.MfaRuntime;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns {@link MfaRequiredException} from a JAX-RS resource into the same answer the servlet filter gives:
 * {@code 303} to the challenge page for browsers, {@code 401} with RFC 9470's {@code WWW-Authenticate} and an
 * {@code application/problem+json} body for API clients ({@code 429} with {@code Retry-After} when locked out):
 * the same {@link MfaAnswer}, its {@link MfaAnswer#headers() headers} and body. Without it JAX-RS would commit a
 * 500 before the filter could answer.
 */
@Provider
public class MfaRequiredExceptionMapper implements ExceptionMapper<MfaRequiredException> {

    @Inject
    MfaRuntime runtime;

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(MfaRequiredException exception) {
        MfaAnswer answer = new EnforcementPoint(runtime).answer(exception.decision(), request,
                RequestFacts.of(request, runtime.config()));
        Response.ResponseBuilder builder = Response.status(answer.status());
        answer.headers().forEach(builder::header);
        if (answer.body() != null) {
            builder.entity(answer.body()).type(answer.contentType());
        }
        return builder.build();
    }
}
