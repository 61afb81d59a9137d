package dev.stepwise.sample.it;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;

/**
 * Test-only: {@code POST /it/clock?advance=PT6M} moves the library's clock forward, {@code stop=true|false}
 * stops it and lets it run again; {@code GET /it/clock} tells the library's time (ISO-8601), for tests that
 * compute time-based codes.
 */
@WebServlet("/it/clock")
public class TestClockServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().print(TestClock.now());
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getParameter("advance") != null) {
            TestClock.advance(Duration.parse(req.getParameter("advance")));
        }
        if (req.getParameter("stop") != null) {
            TestClock.stop(Boolean.parseBoolean(req.getParameter("stop")));
        }
        resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
