package dev.stepwise.sample;

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

/** The sample's own login page (primary authentication). */
@WebServlet("/login")
public class LoginServlet extends HttpServlet {

    @Inject
    SecurityContext security;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        req.setAttribute("error", req.getParameter("error") != null);
        // the library registers its passkey sign-in servlet only with stepwise.mfa.webauthn.passkey-login=on
        req.setAttribute("passkeys", req.getServletContext().getServletRegistration("StepwiseMfaPasskey") != null);
        req.getRequestDispatcher("/WEB-INF/pages/login.jsp").forward(req, resp);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String user = req.getParameter("username");
        String password = req.getParameter("password");
        if (user == null || password == null) {
            resp.sendRedirect(req.getContextPath() + "/login?error");
            return;
        }
        AuthenticationStatus status = security.authenticate(req, resp, AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(user, new Password(password))));
        if (status == AuthenticationStatus.SUCCESS) {
            resp.sendRedirect(req.getContextPath() + "/account");
        } else if (status == AuthenticationStatus.SEND_FAILURE) {
            resp.sendRedirect(req.getContextPath() + "/login?error");
        }
        // SEND_CONTINUE: the mechanism already redirected to the page the user first asked for.
    }
}
