package dev.stepwise.sample.it;

import dev.stepwise.mfa.cdi.MfaAdministration;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;

/**
 * Test-only: {@code POST /it/admin-call} calls {@link MfaAdministration} directly, without the sample's own
 * role check in front of it: {@code action} ({@code exempt}, {@code end-exemption}, {@code reset},
 * {@code revoke-devices}), {@code user}, {@code reason}, {@code duration} (ISO-8601, for {@code exempt}).
 * {@code 200 done}; {@code 403} for a {@link SecurityException}, {@code 400} for an
 * {@link IllegalArgumentException}. A missing step-up is left to the library (its filter answers).
 */
@WebServlet("/it/admin-call")
public class AdminCallServlet extends HttpServlet {

    @Inject
    MfaAdministration mfa;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String user = req.getParameter("user");
        String reason = req.getParameter("reason");
        resp.setContentType("text/plain;charset=UTF-8");
        try {
            switch (String.valueOf(req.getParameter("action"))) {
                case "exempt" -> mfa.exempt(user, Duration.parse(req.getParameter("duration")), reason);
                case "end-exemption" -> mfa.endExemption(user, reason);
                case "reset" -> mfa.resetFactors(user, reason);
                case "revoke-devices" -> mfa.revokeDevices(user, reason);
                default -> throw new IllegalArgumentException("which action?");
            }
            resp.getWriter().print("done");
        } catch (SecurityException e) {
            resp.setStatus(HttpServletResponse.SC_FORBIDDEN);
            resp.getWriter().print("refused: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            resp.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            resp.getWriter().print("refused: " + e.getMessage());
        }
    }
}
