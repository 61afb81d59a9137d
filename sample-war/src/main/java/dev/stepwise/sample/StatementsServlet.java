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
 * Account statements. The code has no annotation: {@code stepwise.mfa.protect} in web.xml
 * ({@code /statements/*=mfa}) asks for MFA, showing how an admin protects paths without a rebuild.
 */
@WebServlet("/statements/*")
@ServletSecurity(@HttpConstraint(rolesAllowed = "user"))
public class StatementsServlet extends HttpServlet {

    @Inject
    Bank bank;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String user = req.getUserPrincipal().getName();
        req.setAttribute("user", user);
        req.setAttribute("statement", bank.statement(user));
        req.setAttribute("opening", Bank.OPENING);
        req.getRequestDispatcher("/WEB-INF/pages/statements.jsp").forward(req, resp);
    }
}
