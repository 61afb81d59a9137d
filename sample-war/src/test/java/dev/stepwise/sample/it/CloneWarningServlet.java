package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.webauthn.CloneWarning;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only: {@code GET /it/clone-warnings} lists the {@link CloneWarning} events the library fired, one line per
 * event ({@code user stored presented}), oldest first. The sample itself does not observe them.
 */
@WebServlet("/it/clone-warnings")
public class CloneWarningServlet extends HttpServlet {

    private static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        for (String line : SEEN) {
            resp.getWriter().println(line);
        }
    }

    /** Records each clone warning the library fires. */
    @ApplicationScoped
    public static class Observer {

        void record(@Observes CloneWarning warning) {
            SEEN.add(warning.user() + " " + warning.storedSignCount() + " " + warning.presentedSignCount());
        }
    }
}
