package dev.stepwise.sample.it;

import dev.stepwise.sample.AuditTrail;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Test-only: {@code GET /it/audit} lists the audit lines the sample recorded, oldest first, one per line. */
@WebServlet("/it/audit")
public class AuditTrailServlet extends HttpServlet {

    @Inject
    AuditTrail trail;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        var lines = new java.util.ArrayList<>(trail.recent());
        java.util.Collections.reverse(lines);
        for (String line : lines) {
            resp.getWriter().println(line);
        }
    }
}
