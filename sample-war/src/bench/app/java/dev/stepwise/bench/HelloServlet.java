package dev.stepwise.bench;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;

/**
 * The benchmarked endpoint: no {@code @RequiresMfa}, no {@code @StepUp}, no protect pattern. Answers a few bytes
 * naming the caller ({@code -} when anonymous), so the script can check who the container saw.
 */
@WebServlet("/hello")
public class HelloServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final byte[] ANONYMOUS = "ok -\n".getBytes(StandardCharsets.US_ASCII);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal caller = request.getUserPrincipal();
        byte[] body = caller == null ? ANONYMOUS
                : ("ok " + caller.getName() + "\n").getBytes(StandardCharsets.US_ASCII);
        response.setContentType("text/plain");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
