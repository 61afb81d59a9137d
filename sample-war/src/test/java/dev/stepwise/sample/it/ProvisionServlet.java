package dev.stepwise.sample.it;

import dev.stepwise.mfa.cdi.MfaAccounts;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Test-only: {@code POST /it/provision} ({@code user}, {@code secret} in base32) hands a TOTP secret to
 * {@link MfaAccounts#provisionTotp}, as an application importing accounts would. {@code 200 provisioned} /
 * {@code 200 not provisioned}, or {@code 400} with the library's message when it refuses the secret.
 */
@WebServlet("/it/provision")
public class ProvisionServlet extends HttpServlet {

    @Inject
    MfaAccounts accounts;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        try {
            boolean done = accounts.provisionTotp(req.getParameter("user"), req.getParameter("secret"));
            resp.getWriter().print(done ? "provisioned" : "not provisioned");
        } catch (IllegalArgumentException e) {
            resp.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            resp.getWriter().print("refused: " + e.getMessage());
        }
    }
}
