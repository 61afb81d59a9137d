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

/** Changing the phone number: the step-up sits on {@link Bank#changePhone}, the number is where codes go. */
@WebServlet("/account/phone")
@ServletSecurity(@HttpConstraint(rolesAllowed = "user"))
public class ChangePhoneServlet extends HttpServlet {

    @Inject
    Bank bank;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        try {
            bank.changePhone(req.getUserPrincipal().getName(), req.getParameter("phone"));
        } catch (IllegalArgumentException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        resp.sendRedirect(req.getContextPath() + "/account");
    }
}
