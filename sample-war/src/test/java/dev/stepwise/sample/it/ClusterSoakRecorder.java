package dev.stepwise.sample.it;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the soak's browsers saw: each request (kind, node, when, status), and what the journeys found wrong.
 * Thread-safe; read after the run. Times are {@link System#nanoTime()}; the fault window is given afterwards
 * ({@link #faultWindow}), and a request is <em>in</em> it when it was under way at any moment of it.
 *
 * <p>No body, cookie, code or password is kept: a problem is described by kind, node, status and the page's title.
 */
final class ClusterSoakRecorder {

    /** One request. {@code status} is -1 when no answer came (connection refused, reset, timed out). */
    record Sample(String kind, int node, long start, long end, int status, boolean libraryOutagePage,
                  String title) {

        long micros() {
            return (end - start) / 1_000;
        }
    }

    /** Something a journey or the recorder found wrong, with when it happened (and when the run started). */
    record Finding(String kind, int node, long at, String what, long runStart) {

        @Override
        public String toString() {
            return String.format("%s on node %d at %.1f s: %s", kind, node, (at - runStart) / 1e9, what);
        }
    }

    private static final Pattern TITLE = Pattern.compile("<title>([^<]*)</title>");
    private static final Pattern WELCOME = Pattern.compile("Welcome, <span id=\"user\">");

    private final Queue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final Queue<Finding> leaks = new ConcurrentLinkedQueue<>();
    private final Queue<Finding> doubleAccepts = new ConcurrentLinkedQueue<>();
    private final Queue<Finding> unexpected = new ConcurrentLinkedQueue<>();
    private final Queue<Finding> containerRefusals = new ConcurrentLinkedQueue<>();
    private final AtomicLong replaysRefused = new AtomicLong();
    private final long runStart = System.nanoTime();
    private volatile long faultStart = Long.MAX_VALUE;
    private volatile long faultEnd = Long.MIN_VALUE;

    /**
     * Whether {@code body} holds what only a session past MFA may see: the account page's greeting, a statement,
     * a transfer's result or a changed password.
     */
    static boolean protectedContent(String body) {
        return body != null && (WELCOME.matcher(body).find() || body.contains("Statements of ")
                || body.contains("\"balance\"") || body.contains("Your password was changed."));
    }

    /** The library's fail-closed answer: 503 with its "Temporarily unavailable" page or its JSON. */
    static boolean libraryOutage(HttpResponse<String> r) {
        return r.statusCode() == 503 && (r.body().contains("Temporarily unavailable")
                || r.body().contains("\"mfa_unavailable\""));
    }

    void answered(String kind, int node, long start, long end, HttpResponse<String> r, boolean passed) {
        Matcher t = TITLE.matcher(r.body());
        samples.add(new Sample(kind, node, start, end, r.statusCode(), libraryOutage(r),
                t.find() ? t.group(1) : ""));
        if (!passed && protectedContent(r.body())) {
            leaks.add(new Finding(kind, node, end, "protected content (" + r.statusCode()
                    + ") for a session that has not passed MFA", runStart));
        }
    }

    void failed(String kind, int node, long start, long end, Exception e) {
        samples.add(new Sample(kind, node, start, end, -1, false, e.getClass().getSimpleName()));
    }

    /** Something that needs MFA was given or done without it (beyond what {@link #answered} finds itself). */
    void leak(String kind, int node, String what) {
        leaks.add(new Finding(kind, node, System.nanoTime(), what, runStart));
    }

    /** A code the client had seen accepted was accepted again. */
    void doubleAccepted(String kind, int node, String what) {
        doubleAccepts.add(new Finding(kind, node, System.nanoTime(), what, runStart));
    }

    /** An answer a journey did not expect (not a server error: those are in the samples). */
    void unexpected(String kind, int node, String what) {
        unexpected.add(new Finding(kind, node, System.nanoTime(), what, runStart));
    }

    /**
     * The container's own 403 page for a session that had signed in: Payara Micro 6 under load sometimes applies a
     * Jakarta Security session without the caller's groups, so the role check refuses. It refuses (fails closed),
     * in the container, before the library; reported, not asserted.
     */
    void containerRefused(String kind, int node, String what) {
        containerRefusals.add(new Finding(kind, node, System.nanoTime(), what, runStart));
    }

    List<Finding> containerRefusals() {
        return List.copyOf(containerRefusals);
    }

    void replayRefused() {
        replaysRefused.incrementAndGet();
    }

    long replaysRefused() {
        return replaysRefused.get();
    }

    /** When the database connections were being killed. */
    void faultWindow(long start, long end) {
        faultStart = start;
        faultEnd = end;
    }

    /** When this recorder was made: the run's start, for the times of the report. */
    long runStart() {
        return runStart;
    }

    long faultStart() {
        return faultStart;
    }

    long faultEnd() {
        return faultEnd;
    }

    boolean inWindow(long start, long end) {
        return start <= faultEnd && end >= faultStart;
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    List<Finding> leaks() {
        return List.copyOf(leaks);
    }

    List<Finding> doubleAccepts() {
        return List.copyOf(doubleAccepts);
    }

    /** The unexpected answers outside ({@code inWindow} false) or inside the fault window. */
    List<Finding> unexpected(boolean inWindow) {
        return unexpected.stream().filter(f -> inWindow(f.at(), f.at()) == inWindow).toList();
    }

    /** Server errors outside the window: any 5xx, or no answer at all. */
    List<Sample> serverErrorsOutsideWindow() {
        return filter(samples, s -> !inWindow(s.start(), s.end()) && (s.status() >= 500 || s.status() < 0));
    }

    /** Answers inside the window that are neither a success nor the library's own fail-closed 503. */
    List<Sample> badAnswersInWindow() {
        return filter(samples, s -> inWindow(s.start(), s.end()) && (s.status() < 0
                || (s.status() >= 500 && !s.libraryOutagePage())));
    }

    /** The requests of the {@code kinds} that started after the window on {@code node} and succeeded (2xx/3xx). */
    long succeededAfterWindow(int node, java.util.Set<String> kinds) {
        return samples.stream().filter(s -> s.node() == node && kinds.contains(s.kind()) && s.start() > faultEnd
                && s.status() >= 200 && s.status() < 400).count();
    }

    private static List<Sample> filter(Collection<Sample> from, java.util.function.Predicate<Sample> p) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : from) {
            if (p.test(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
