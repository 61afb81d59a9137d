package dev.stepwise.sample.it;

import dev.stepwise.mfa.StepUp;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only: a payment that needs its own confirmation every time ({@code @StepUp(maxAge = "PT0S")}), the PSD2
 * "dynamic linking" case. {@code POST /it/pay} ({@code to}, {@code amount}) pays; {@code GET /it/pay} lists the
 * caller's payments, one {@code paid <amount> to <to>} line each.
 */
@WebServlet("/it/pay")
public class PaymentServlet extends HttpServlet {

    private static final Map<String, List<String>> PAID = new ConcurrentHashMap<>();

    @Override
    @StepUp(maxAge = "PT0S", reason = "transfer")
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String line = "paid " + req.getParameter("amount") + " to " + req.getParameter("to");
        payments(req).add(line);
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().println(line);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        for (String line : payments(req)) {
            resp.getWriter().println(line);
        }
    }

    private static List<String> payments(HttpServletRequest req) {
        return PAID.computeIfAbsent(req.getUserPrincipal().getName(), u -> new CopyOnWriteArrayList<>());
    }
}
