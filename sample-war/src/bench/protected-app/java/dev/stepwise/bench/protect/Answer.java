package dev.stepwise.bench.protect;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;

/**
 * The few bytes every benchmarked endpoint answers: {@code ok <caller>} ({@code -} when anonymous), so the script
 * can check who the container saw. The same code behind every endpoint, annotated or not.
 */
public final class Answer {

    private static final byte[] ANONYMOUS = "ok -\n".getBytes(StandardCharsets.US_ASCII);

    private Answer() {
    }

    /** The body {@code ok <caller>} for {@code caller}. */
    public static String body(Principal caller) {
        return caller == null ? "ok -\n" : "ok " + caller.getName() + "\n";
    }

    /** Writes {@code ok <caller>} as text/plain. */
    public static void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal caller = request.getUserPrincipal();
        byte[] body = caller == null ? ANONYMOUS : body(caller).getBytes(StandardCharsets.US_ASCII);
        response.setContentType("text/plain");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
