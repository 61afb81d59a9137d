package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.MfaCheckFailedException;
import dev.stepwise.mfa.http.MfaAnswer;
import dev.stepwise.mfa.http.RequestFacts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns {@link MfaCheckFailedException} from a JAX-RS resource (the library could not decide whether it may run) into
 * the library's failure answer, as the servlet filter gives it ({@link LibraryFailure}): 503 when the store is
 * unreachable, else 500; JSON for API clients. One log line. Without it JAX-RS would answer with its own 500, or
 * pass it to the server's error page.
 */
@Provider
public class MfaCheckFailedExceptionMapper implements ExceptionMapper<MfaCheckFailedException> {

    private static final System.Logger LOG = System.getLogger(MfaCheckFailedExceptionMapper.class.getName());

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(MfaCheckFailedException exception) {
        return response(answer(exception, request));
    }

    /** {@code answer} as JAX-RS writes it (the mappers of the library's failures share it). */
    static Response response(MfaAnswer answer) {
        return Response.status(answer.status()).header("Cache-Control", "no-store")
                .entity(answer.body()).type(answer.contentType()).build();
    }

    /** The answer, logged once; {@code request} may be missing (then as for an API client). */
    static MfaAnswer answer(MfaCheckFailedException exception, HttpServletRequest request) {
        Throwable failure = exception.getCause() == null ? exception : exception.getCause();
        boolean api = request == null || RequestFacts.isApiClient(request);
        return LibraryFailure.logAndAnswer(LOG, "the check of a protected resource method", failure, api,
                LibraryFailure.pageLocale(request, api));
    }
}
