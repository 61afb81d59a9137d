package dev.stepwise.bench.protect.mfa;

import dev.stepwise.bench.protect.Answer;
import dev.stepwise.mfa.StepUp;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code /hello} with {@code @StepUp} (B of the step-up case). {@code maxAge} is an hour so that the factor the
 * script proves once, before the case, still counts at the end of a long run.
 */
@WebServlet("/step-up")
public class StepUpServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    @StepUp(maxAge = "PT1H")
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Answer.write(request, response);
    }
}
