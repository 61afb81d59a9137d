package dev.stepwise.mfa.cdi;

import dev.stepwise.mfa.core.MfaRequiredException;
import dev.stepwise.mfa.http.EnforcementPoint;
import dev.stepwise.mfa.http.MfaAnswer;
import dev.stepwise.mfa.http.RequestFacts;
import dev.stepwise.mfa.runtime.MfaRuntime;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns {@link MfaRequiredException} from a JAX-RS resource into the same answer the servlet filter gives:
 * {@code 303} to the challenge page for browsers, {@code 401} with {@code WWW-Authenticate} for API clients.
 * Without it JAX-RS would commit a 500 before the filter could answer.
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
        Response.ResponseBuilder builder = Response.status(answer.status()).header("Cache-Control", "no-store");
        if (answer.location() != null) {
            builder.header(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.wwwAuthenticate() != null) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, answer.wwwAuthenticate());
        }
        if (answer.retryAfter() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, answer.retryAfter());
        }
        if (answer.body() != null) {
            builder.entity(answer.body()).type(answer.contentType());
        }
        return builder.build();
    }
}
