package dev.stepwise.sample;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * A plain servlet without annotations: the step-up sits on {@link Bank#changeEmail}, a CDI bean method, and
 * holds on every path that reaches it.
 */
@WebServlet("/account/email")
@ServletSecurity(@HttpConstraint(rolesAllowed = "user"))
public class ChangeEmailServlet extends HttpServlet {

    @Inject
    Bank bank;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        bank.changeEmail(req.getUserPrincipal().getName(), req.getParameter("email"));
        resp.sendRedirect(req.getContextPath() + "/account");
    }
}
