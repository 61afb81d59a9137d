package dev.stepwise.sample.it;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;

/** Test-only: {@code POST /it/clock?advance=PT6M} moves the library's clock forward. */
@WebServlet("/it/clock")
public class TestClockServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        TestClock.advance(Duration.parse(req.getParameter("advance")));
        resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
