package dev.stepwise.sample.api;

import dev.stepwise.mfa.web.StepwiseCsrf;
import jakarta.annotation.Priority;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The API's half of the sample's CSRF protection (see {@link dev.stepwise.sample.CsrfFilter}): a POST to
 * {@code /api} needs the session's token, in the header {@value StepwiseCsrf#HEADER} (the page's script) or in
 * the form field {@value StepwiseCsrf#PARAMETER} (the same form without JavaScript). It runs before the resource
 * method and so before its step-up: a forged transfer is refused with 403, never saved for a challenge.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class ApiCsrfCheck implements ContainerRequestFilter {

    /** How much of a form body is searched for the token; the sample's forms are far smaller. */
    private static final int FORM_LIMIT = 64 * 1024;
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (SAFE.contains(request.getMethod())) {
            return;
        }
        String given = request.getHeaderString(StepwiseCsrf.HEADER);
        if (given == null && request.hasEntity()
                && MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(request.getMediaType())) {
            InputStream body = request.getEntityStream();
            byte[] head = body.readNBytes(FORM_LIMIT);
            // put the body back for the resource (and the library, which keeps it for a replay)
            request.setEntityStream(new SequenceInputStream(new ByteArrayInputStream(head), body));
            given = formField(new String(head, StandardCharsets.US_ASCII), StepwiseCsrf.PARAMETER);
        }
        if (!StepwiseCsrf.matches(servletRequest, given)) {
            request.abortWith(Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
                    .entity(Json.createObjectBuilder().add("error", "csrf_token_missing_or_wrong").build().toString())
                    .build());
        }
    }

    /** The first value of {@code name} in an {@code x-www-form-urlencoded} body; {@code null} if none or garbled. */
    private static String formField(String form, String name) {
        try {
            for (String pair : form.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.US_ASCII).equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.US_ASCII);
                }
            }
        } catch (IllegalArgumentException e) {
            return null; // a malformed %-escape: no token
        }
        return null;
    }
}
