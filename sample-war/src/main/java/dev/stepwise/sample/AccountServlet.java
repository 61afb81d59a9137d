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

/** The account overview: needs primary login only (the login policy may add MFA). */
@WebServlet("/account")
@ServletSecurity(@HttpConstraint(rolesAllowed = "user"))
public class AccountServlet extends HttpServlet {

    @Inject
    Bank bank;

    @Inject
    DemoData demo;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String user = req.getUserPrincipal().getName();
        req.setAttribute("user", user);
        req.setAttribute("balance", bank.balance(user));
        req.setAttribute("email", bank.email(user));
        req.setAttribute("phone", bank.phone(user).orElse(null));
        req.setAttribute("transfers", bank.transfers(user));
        req.setAttribute("admin", req.isUserInRole("admin"));
        req.setAttribute("push", demo.offers("push"));
        req.getRequestDispatcher("/WEB-INF/pages/account.jsp").forward(req, resp);
    }
}
