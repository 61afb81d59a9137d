package dev.stepwise.bench.protect.mfa;

import dev.stepwise.bench.protect.Answer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/** {@code GET /api/plain}: {@link StepUpResource} without the annotation (A of the jaxrs-step-up case). */
@RequestScoped
@Path("plain")
public class PlainResource {

    @Context
    SecurityContext security;

    @GET
    @Produces("text/plain")
    public String get() {
        return Answer.body(security.getUserPrincipal());
    }
}
