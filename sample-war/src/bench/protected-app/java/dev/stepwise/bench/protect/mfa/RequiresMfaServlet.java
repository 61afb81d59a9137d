package dev.stepwise.bench.protect.mfa;

import dev.stepwise.bench.protect.Answer;
import dev.stepwise.mfa.RequiresMfa;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** {@code /hello} with {@code @RequiresMfa} (B of the requires-mfa case). */
@WebServlet("/requires-mfa")
@RequiresMfa
public class RequiresMfaServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Answer.write(request, response);
    }
}
