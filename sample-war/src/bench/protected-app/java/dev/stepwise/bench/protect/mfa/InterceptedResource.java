package dev.stepwise.bench.protect.mfa;

import dev.stepwise.bench.protect.Answer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code GET /api/intercepted}: {@link PlainResource} with the application's own do-nothing interceptor
 * ({@link Timed}) where {@link StepUpResource} has {@code @StepUp}: B of the jaxrs-interceptor case, A of
 * jaxrs-step-up-own (what the library adds above interception itself).
 */
@RequestScoped
@Path("intercepted")
public class InterceptedResource {

    @Context
    SecurityContext security;

    @GET
    @Produces("text/plain")
    @Timed
    public String get() {
        return Answer.body(security.getUserPrincipal());
    }
}
