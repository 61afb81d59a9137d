package dev.stepwise.sample;

import dev.stepwise.mfa.StepUp;
import dev.stepwise.mfa.cdi.MfaAccounts;
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
 * Changing the password is a risky action: the POST needs a factor proven in the last five minutes. The
 * filter challenges the user and, afterwards, replays this POST with the new password the user typed.
 */
@WebServlet("/account/password")
@ServletSecurity(@HttpConstraint(rolesAllowed = "user"))
public class ChangePasswordServlet extends HttpServlet {

    @Inject
    DemoUsers users;

    @Inject
    MfaAccounts mfa;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        req.getRequestDispatcher("/WEB-INF/pages/password.jsp").forward(req, resp);
    }

    @Override
    @StepUp(maxAge = "PT5M", reason = "change-password")
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String password = req.getParameter("newPassword");
        if (password == null || password.length() < 8) {
            req.setAttribute("message", "The new password must have at least 8 characters.");
        } else {
            String user = req.getUserPrincipal().getName();
            // A browser trusted under the old password must ask for a second factor again: revoked first, so that
            // when the store is away (the library answers 503) the password stays as it was, with its devices.
            mfa.revokeTrustedDevices(user);
            users.changePassword(user, password.toCharArray());
            req.setAttribute("message", "Your password was changed.");
        }
        req.getRequestDispatcher("/WEB-INF/pages/password.jsp").forward(req, resp);
    }
}
