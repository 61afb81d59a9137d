package dev.stepwise.sample.it;

import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Test-only: {@code POST /it/switch-user} signs the session's user out and another one in, <em>keeping the
 * session</em> — what an application's login does when it switches users in place. Answers with the name of the
 * user signed in afterwards.
 */
@WebServlet("/it/switch-user")
public class SwitchUserServlet extends HttpServlet {

    @Inject
    SecurityContext security;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        req.logout();
        AuthenticationStatus status = security.authenticate(req, resp, AuthenticationParameters.withParams()
                .newAuthentication(true)
                .credential(new UsernamePasswordCredential(req.getParameter("username"),
                        new Password(req.getParameter("password")))));
        if (resp.isCommitted()) {
            return;
        }
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().print(status == AuthenticationStatus.SUCCESS && req.getUserPrincipal() != null
                ? req.getUserPrincipal().getName() : "failed: " + status);
    }
}
