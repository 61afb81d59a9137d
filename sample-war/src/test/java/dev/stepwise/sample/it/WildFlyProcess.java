package dev.stepwise.sample.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * WildFly (system property {@code wildfly.home}, configured by {@code src/main/wildfly/configure.cli}) as a
 * {@link ServerProcess}: its own copy of {@code standalone/configuration} in {@code dir}, {@code war} in the
 * deployment scanner's folder, all ports moved by a free offset.
 */
final class WildFlyProcess extends ServerProcess {

    /** WFLYSRV0025: started; WFLYSRV0026: started (with errors). */
    private static final String[] STARTED = {"WFLYSRV0025", "WFLYSRV0026"};
    /** An operation on a deployment failed, e.g. {@code WFLYCTL0013: Operation ("deploy") failed}. */
    private static final String FAILED = "WFLYCTL0013";

    private final int httpPort;

    private WildFlyProcess(ProcessBuilder command, int httpPort) throws IOException {
        super(command);
        this.httpPort = httpPort;
    }

    static WildFlyProcess start(Path war, Path dir, List<String> jvmOptions, Map<String, String> environment)
            throws IOException {
        Path home = Path.of(System.getProperty("wildfly.home"));
        Path base = dir.resolve("wildfly-base");
        copy(home.resolve("standalone").resolve("configuration"), base.resolve("configuration"));
        Files.createDirectories(base.resolve("deployments"));
        Files.copy(war, base.resolve("deployments").resolve(war.getFileName()));
        int offset = freeOffset();

        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin").resolve("standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + offset,
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1",
                "--stability=community")); // configure.cli's Prometheus registry (micrometer subsystem)
        command.addAll(jvmOptions);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JBOSS_HOME", home.toString());
        builder.environment().putAll(environment);
        return new WildFlyProcess(builder, 8080 + offset);
    }

    @Override
    boolean isStarted(String line) {
        return line.contains(STARTED[0]) || line.contains(STARTED[1]);
    }

    @Override
    boolean isFailure(String line) {
        return line.contains(FAILED);
    }

    @Override
    boolean failed(String contextRoot) {
        String deployment = "\"deployment\" => \"" + contextRoot.substring(1) + ".war\"";
        return output().stream().anyMatch(l -> l.contains(FAILED) && l.contains(deployment));
    }

    @Override
    URI url(String contextRoot) {
        return URI.create("http://127.0.0.1:" + httpPort + contextRoot);
    }

    /** A port offset whose HTTP (8080) and management (9990) ports are free now. */
    private static int freeOffset() throws IOException {
        for (int offset = 3000; offset < 4000; offset += 7) {
            if (free(8080 + offset) && free(9990 + offset) && free(8443 + offset) && free(9993 + offset)) {
                return offset;
            }
        }
        throw new IOException("no free port offset for WildFly between 3000 and 4000");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(f -> {
                try {
                    Path target = to.resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
