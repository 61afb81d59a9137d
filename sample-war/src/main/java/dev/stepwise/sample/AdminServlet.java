package dev.stepwise.sample;

import dev.stepwise.mfa.RequiresMfa;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The admin area. Every signed-in user may look (it shows what they may do), but administrators must have
 * passed MFA in this session: {@code @RequiresMfa(roles = "admin")} asks only callers in that role.
 */
@WebServlet("/admin")
@RequiresMfa(roles = "admin", reason = "admin")
@ServletSecurity(@HttpConstraint(rolesAllowed = {"user", "admin"}))
public class AdminServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        req.setAttribute("admin", req.isUserInRole("admin"));
        req.getRequestDispatcher("/WEB-INF/pages/admin.jsp").forward(req, resp);
    }
}
