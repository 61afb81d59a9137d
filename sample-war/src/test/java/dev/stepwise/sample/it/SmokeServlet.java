package dev.stepwise.sample.it;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Test-only servlet added to the sample WAR by {@link DeploymentSmokeIT}; never shipped. */
@WebServlet("/it/smoke")
public class SmokeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String BODY_PREFIX = "stepwise-smoke ok ";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().print(BODY_PREFIX + req.getContextPath());
    }
}
