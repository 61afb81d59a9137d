package dev.stepwise.sample.it;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

/**
 * The test deployment's own hooks — its clock ({@link TestClockServlet}) and the audit lines the sample
 * recorded ({@link AuditTrailServlet}) — called without any visitor's cookies: they are no page of theirs.
 */
final class Backstage {

    private final URL base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    Backstage(URL base) {
        this.base = base;
    }

    /** Moves the library's clock forward. */
    void advanceClock(String isoDuration) throws IOException, InterruptedException {
        clock("advance=" + isoDuration);
    }

    /** Stops the library's clock ({@code true}: every request sees the same instant) or lets it run again. */
    void stopClock(boolean stop) throws IOException, InterruptedException {
        clock("stop=" + stop);
    }

    /** The library's time now. */
    Instant serverTime() throws IOException, InterruptedException {
        return Instant.parse(http.send(HttpRequest.newBuilder(SampleDeployment.resolve(base, "it/clock")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body().strip());
    }

    /** The audit lines about {@code user}, oldest first (the deployment must include {@link AuditTrailServlet}). */
    List<String> audit(String user) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(SampleDeployment.resolve(base, "it/audit")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("no audit trail: " + r.statusCode());
        }
        return r.body().lines().filter(l -> l.contains(" user=" + user + " ")).toList();
    }

    /** The audit lines about {@code user} of one event type, e.g. {@code "cross-site-refused"}. */
    List<String> audit(String user, String event) throws IOException, InterruptedException {
        return audit(user).stream().filter(l -> l.startsWith("mfa event=" + event + " ")).toList();
    }

    private void clock(String form) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(SampleDeployment.resolve(base, "it/clock"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 204) {
            throw new AssertionError("clock not changed (" + form + "): " + r.statusCode());
        }
    }
}
