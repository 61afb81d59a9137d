package dev.stepwise.bench.protect.mfa;

import dev.stepwise.mfa.cdi.MfaAccounts;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Benchmark only, never in an application: {@code POST /bench/provision} ({@code user}, {@code secret} in base32)
 * gives a user a TOTP secret through the library's public API ({@link MfaAccounts#provisionTotp}), so that the
 * script can pass the login challenge with codes it computes. {@code 200 provisioned} / {@code 200 not
 * provisioned}; {@code 400} when the library refuses the secret.
 */
@WebServlet("/bench/provision")
public class ProvisionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient MfaAccounts accounts;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        try {
            boolean done = accounts.provisionTotp(request.getParameter("user"), request.getParameter("secret"));
            response.getWriter().print(done ? "provisioned\n" : "not provisioned\n");
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.getWriter().print("refused: " + e.getMessage() + "\n");
        }
    }
}
