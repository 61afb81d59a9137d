package dev.stepwise.bench.protect;

import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code POST /login} ({@code username}, {@code password}): signs in through Jakarta Security as the sample does
 * and answers {@code 303} to {@code /hello}; a failed sign-in answers {@code 303} to {@code /login?error}. A GET
 * (where the form mechanism sends a caller who is not signed in) answers {@code 401 login}.
 */
@WebServlet("/login")
public class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SecurityContext security;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("text/plain");
        response.getWriter().print("login\n");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getParameter("username");
        String password = request.getParameter("password");
        AuthenticationStatus status = user == null || password == null ? AuthenticationStatus.SEND_FAILURE
                : security.authenticate(request, response, AuthenticationParameters.withParams()
                        .credential(new UsernamePasswordCredential(user, new Password(password))));
        if (status == AuthenticationStatus.SUCCESS) {
            seeOther(request, response, "/hello");
        } else if (status == AuthenticationStatus.SEND_FAILURE) {
            seeOther(request, response, "/login?error");
        }
        // SEND_CONTINUE: the mechanism already answered.
    }

    private static void seeOther(HttpServletRequest request, HttpServletResponse response, String path) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + path);
    }
}
