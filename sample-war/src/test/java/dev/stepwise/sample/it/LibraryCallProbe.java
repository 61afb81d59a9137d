package dev.stepwise.sample.it;

import dev.stepwise.mfa.cdi.MfaAccounts;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

import java.io.IOException;

/**
 * Test-only: application code that calls the library itself, as a password change does
 * ({@link MfaAccounts#revokeTrustedDevices}), from a servlet ({@code GET /it/revoke-devices}) and from a JAX-RS
 * resource ({@code GET /api/it/revoke-devices}); answers {@code 200 revoked <n>}. Neither catches what the library
 * throws, as most applications would not.
 */
public final class LibraryCallProbe {

    private LibraryCallProbe() {
    }

    /** The servlet. */
    @WebServlet("/it/revoke-devices")
    public static class Servlet extends HttpServlet {

        @Inject
        MfaAccounts mfa;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            int revoked = mfa.revokeTrustedDevices(req.getUserPrincipal().getName());
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getWriter().print("revoked " + revoked);
        }
    }

    /** The JAX-RS resource, under the sample's {@code /api}. */
    @Path("it/revoke-devices")
    public static class Resource {

        @Inject
        MfaAccounts mfa;

        @GET
        public String revoke(@Context SecurityContext security) {
            return "revoked " + mfa.revokeTrustedDevices(security.getUserPrincipal().getName());
        }
    }
}
