package dev.stepwise.mfa.web;

import dev.stepwise.mfa.http.MfaAnswer;
import dev.stepwise.mfa.http.RequestFacts;
import dev.stepwise.mfa.store.StoreUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns {@link StoreUnavailableException} that a JAX-RS resource lets through, after it called the library itself
 * ({@code MfaAccounts}, {@code MfaAdministration}) while the store was away, into the library's 503, as the servlet
 * filter answers the same failure of a servlet ({@link LibraryFailure}); JSON for API clients. One log line, without
 * the cause's message. Without it the JAX-RS runtime would answer 500, or hand it to the server's error page, out of
 * the filter's reach. A resource that catches the exception answers as it likes.
 */
@Provider
public class StoreUnavailableExceptionMapper implements ExceptionMapper<StoreUnavailableException> {

    private static final System.Logger LOG = System.getLogger(StoreUnavailableExceptionMapper.class.getName());

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(StoreUnavailableException exception) {
        return MfaCheckFailedExceptionMapper.response(answer(exception, request));
    }

    /** The answer, logged once; {@code request} may be missing (then as for an API client). */
    static MfaAnswer answer(StoreUnavailableException exception, HttpServletRequest request) {
        boolean api = request == null || RequestFacts.isApiClient(request);
        return LibraryFailure.logAndAnswer(LOG, "a resource method's call into the library", exception, api,
                LibraryFailure.pageLocale(request, api));
    }
}
