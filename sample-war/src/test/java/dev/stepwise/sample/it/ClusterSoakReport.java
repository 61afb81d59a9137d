package dev.stepwise.sample.it;

import dev.stepwise.sample.it.ClusterSoakRecorder.Finding;
import dev.stepwise.sample.it.ClusterSoakRecorder.Sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The soak's report (Markdown): per request kind the count, p50/p99/max latency and the answers by class, inside
 * and outside the fault window; then the fault, the checks' counts and every finding. Latencies are reported,
 * never asserted.
 */
final class ClusterSoakReport {

    private static final int LISTED = 40;

    private final StringBuilder md = new StringBuilder();

    ClusterSoakReport(String title) {
        md.append("# ").append(title).append("\n\n");
    }

    ClusterSoakReport line(String text) {
        md.append(text).append('\n');
        return this;
    }

    /** The table of request kinds, in the order of their names. */
    ClusterSoakReport kinds(ClusterSoakRecorder recorder, Duration length) {
        List<Sample> samples = recorder.samples();
        Map<String, List<Sample>> byKind = new TreeMap<>();
        samples.forEach(s -> byKind.computeIfAbsent(s.kind(), k -> new ArrayList<>()).add(s));
        md.append(String.format("%d requests in %d s (%.1f/s) from both nodes: node 0 %d, node 1 %d.%n%n",
                samples.size(), length.toSeconds(), samples.size() / (double) Math.max(1, length.toSeconds()),
                samples.stream().filter(s -> s.node() == 0).count(), samples.stream().filter(s -> s.node() == 1).count()));
        md.append("| kind | requests | p50 ms | p99 ms | max ms | 2xx/3xx | 4xx | 5xx (in window) | no answer |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        byKind.forEach((kind, list) -> row(recorder, kind, list));
        row(recorder, "**all**", samples);
        md.append('\n');
        return this;
    }

    private void row(ClusterSoakRecorder recorder, String kind, List<Sample> list) {
        long[] micros = list.stream().mapToLong(Sample::micros).sorted().toArray();
        long ok = list.stream().filter(s -> s.status() >= 200 && s.status() < 400).count();
        long client = list.stream().filter(s -> s.status() >= 400 && s.status() < 500).count();
        long server = list.stream().filter(s -> s.status() >= 500).count();
        long serverIn = list.stream().filter(s -> s.status() >= 500 && recorder.inWindow(s.start(), s.end())).count();
        long none = list.stream().filter(s -> s.status() < 0).count();
        md.append(String.format("| %s | %d | %.1f | %.1f | %.1f | %d | %d | %d (%d) | %d |%n", kind, list.size(),
                percentile(micros, 50) / 1000.0, percentile(micros, 99) / 1000.0,
                (micros.length == 0 ? 0 : micros[micros.length - 1]) / 1000.0, ok, client, server, serverIn, none));
    }

    /** The nearest-rank percentile {@code p} of sorted values (0 when there are none). */
    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The answers inside the fault window, by status and page title. */
    ClusterSoakReport window(ClusterSoakRecorder recorder) {
        Map<String, Integer> answers = new TreeMap<>();
        for (Sample s : recorder.samples()) {
            if (recorder.inWindow(s.start(), s.end())) {
                String what = s.status() >= 500 || s.status() < 0 ? s.status() + " " + s.title() : s.status() / 100
                        + "xx";
                answers.merge(what, 1, Integer::sum);
            }
        }
        md.append("Answers to requests under way during the fault window: ");
        md.append(answers.isEmpty() ? "none" : answers.toString()).append("\n\n");
        return this;
    }

    /** A list under a heading, or "none". */
    ClusterSoakReport findings(String heading, List<?> items) {
        md.append("**").append(heading).append("**: ").append(items.size()).append('\n');
        items.stream().limit(LISTED).forEach(i -> md.append("- ").append(i instanceof Sample s ? describe(s)
                : i instanceof Finding f ? f.toString() : String.valueOf(i)).append('\n'));
        if (items.size() > LISTED) {
            md.append("- … and ").append(items.size() - LISTED).append(" more\n");
        }
        md.append('\n');
        return this;
    }

    private static String describe(Sample s) {
        return s.kind() + " on node " + s.node() + ": " + (s.status() < 0 ? "no answer (" + s.title() + ")"
                : s.status() + " \"" + s.title() + "\"");
    }

    String text() {
        return md.toString();
    }

    void writeTo(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
    }
}
