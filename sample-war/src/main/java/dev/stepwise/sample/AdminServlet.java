package dev.stepwise.sample;

import dev.stepwise.mfa.RequiresMfa;
import dev.stepwise.mfa.cdi.MfaAdministration;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;

/**
 * The admin area. Every signed-in user may look (it shows what they may do), but administrators must have
 * passed MFA in this session: {@code @RequiresMfa(roles = "admin")} asks only callers in that role.
 */
@WebServlet("/admin")
@RequiresMfa(roles = "admin", reason = "admin")
@ServletSecurity(@HttpConstraint(rolesAllowed = {"user", "admin"}))
public class AdminServlet extends HttpServlet {

    @Inject
    MfaAdministration mfa;

    @Inject
    AuditTrail audit;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        boolean admin = req.isUserInRole("admin");
        req.setAttribute("admin", admin);
        if (admin) {
            String user = req.getParameter("user");
            if (user != null && user.matches("[a-z]{1,32}")) {
                req.setAttribute("overview", mfa.overview(user));
            }
            req.setAttribute("audit", audit.entries());
        }
        req.getRequestDispatcher("/WEB-INF/pages/admin.jsp").forward(req, resp);
    }

    /** Helps a locked-out user: each action needs the admin's fresh factor and a reason, and is audited. */
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        if (!req.isUserInRole("admin")) {
            resp.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        String user = req.getParameter("user");
        String reason = req.getParameter("reason");
        if (user == null || !user.matches("[a-z]{1,32}")) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "Which user?");
            return;
        }
        try {
            switch (String.valueOf(req.getParameter("action"))) {
                case "exempt" -> mfa.exempt(user, Duration.ofHours(24), reason);
                case "end-exemption" -> mfa.endExemption(user, reason);
                case "reset" -> mfa.resetFactors(user, reason);
                case "revoke-devices" -> mfa.revokeDevices(user, reason);
                default -> {
                    resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "Which action?");
                    return;
                }
            }
        } catch (IllegalArgumentException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        resp.sendRedirect(req.getContextPath() + "/admin?user=" + user);
    }
}
