package dev.stepwise.bench.protect.mfa;

import dev.stepwise.bench.protect.Answer;
import dev.stepwise.mfa.StepUp;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code GET /api/step-up}: {@link PlainResource} with {@code @StepUp} (B of the jaxrs-step-up case); enforced by
 * the library's CDI interceptor. {@code maxAge} as in {@link StepUpServlet}.
 */
@RequestScoped
@Path("step-up")
public class StepUpResource {

    @Context
    SecurityContext security;

    @GET
    @Produces("text/plain")
    @StepUp(maxAge = "PT1H")
    public String get() {
        return Answer.body(security.getUserPrincipal());
    }
}
