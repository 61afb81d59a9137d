package dev.stepwise.sample.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Payara Micro (6 or 7: the jar of system property {@code payara.microJar}) as a {@link ServerProcess}. */
final class PayaraProcess extends ServerProcess {

    private static final String FAILED = "Startup of context ";
    /** e.g. {@code Payara Micro 6.2025.10 (build 42) ready in 68,419 (ms)} */
    private static final Pattern READY = Pattern.compile("Payara Micro .*ready in ");
    private static final Pattern URL = Pattern.compile("(http://[^\\s/]+:[0-9]+)(/[A-Za-z0-9_-]+)");

    private PayaraProcess(ProcessBuilder command) throws IOException {
        super(command);
    }

    /** Boots Payara Micro on a free port near 9700 with {@code war} deployed. */
    static PayaraProcess start(Path war, Path dir, List<String> jvmOptions, Map<String, String> environment)
            throws IOException {
        return start(war, dir, jvmOptions, environment, 9700);
    }

    /** Boots Payara Micro on a free port from {@code port} on with {@code war} deployed. */
    static PayaraProcess start(Path war, Path dir, List<String> jvmOptions, Map<String, String> environment,
                               int port) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.io.tmpdir=" + dir);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", System.getProperty("payara.microJar"),
                "--nohazelcast", "--port", Integer.toString(port), "--autoBindHttp", "--autoBindRange", "200",
                "--prebootcommandfile", System.getProperty("payara.prebootFile"),
                "--rootdir", dir.resolve("root").toString(), "--deploy", war.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return new PayaraProcess(builder);
    }

    @Override
    boolean isStarted(String line) {
        return READY.matcher(line).find();
    }

    @Override
    boolean isFailure(String line) {
        return line.contains(FAILED) && line.contains(" failed");
    }

    @Override
    boolean failed(String contextRoot) {
        return output().stream().anyMatch(l -> l.contains(FAILED + contextRoot + " failed"));
    }

    @Override
    URI url(String contextRoot) {
        for (String line : output()) {
            Matcher m = URL.matcher(line);
            while (m.find()) {
                if (m.group(2).equals(contextRoot)) {
                    return URI.create(m.group(1) + contextRoot);
                }
            }
        }
        throw new IllegalStateException("Payara Micro printed no URL for " + contextRoot + ": " + output());
    }
}
