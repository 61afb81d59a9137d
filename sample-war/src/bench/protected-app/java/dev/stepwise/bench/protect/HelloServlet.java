package dev.stepwise.bench.protect;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The baseline endpoint (A): no {@code @RequiresMfa}, no {@code @StepUp}, no protect pattern. Also the page a
 * sign-in lands on in the trusted-sign-in case.
 */
@WebServlet("/hello")
public class HelloServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Answer.write(request, response);
    }
}
