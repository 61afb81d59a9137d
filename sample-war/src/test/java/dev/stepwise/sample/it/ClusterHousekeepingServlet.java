package dev.stepwise.sample.it;

import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.MfaStorage;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Instant;

/**
 * Test-only: {@code POST /it/housekeeping} runs the library's housekeeping on this node now, as its scheduler does
 * (the node's clock, {@code stepwise.mfa.adaptive.memory}); with {@code at} (ISO-8601) only the purge of what expired
 * by then (the sign-in history is left alone). Answers the number of rows this node deleted.
 */
@WebServlet("/it/housekeeping")
public class ClusterHousekeepingServlet extends HttpServlet {

    @Inject
    MfaStorage storage;

    @Inject
    MfaRuntime runtime;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String at = req.getParameter("at");
        int removed = at == null
                ? storage.store().purgeExpired(runtime.clock().instant(), runtime.config().adaptive().memory())
                : storage.store().purgeExpired(Instant.parse(at));
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().print(removed);
    }
}
