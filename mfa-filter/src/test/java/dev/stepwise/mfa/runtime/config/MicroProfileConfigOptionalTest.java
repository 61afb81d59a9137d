package dev.stepwise.mfa.runtime.config;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server without MicroProfile Config (a plain servlet container, a Web Profile server) must deploy the library
 * exactly as before. CDI introspects bean classes (fields, constructors, methods), and the servlet container the
 * listener that reads the configuration, so only {@link MicroProfileSource} may name a MicroProfile type, and it
 * is loaded only when the API is there. Checked by loading every class of the library in a class loader without
 * {@code org.eclipse.microprofile.config} and reflecting on it, then detecting the config there.
 */
class MicroProfileConfigOptionalTest {

    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    void noClassButTheAdapterNamesAMicroProfileTypeInASignature() throws Exception {
        List<String> broken = new ArrayList<>();
        try (URLClassLoader withoutMp = withoutMicroProfile()) {
            for (String name : libraryClasses()) {
                if (name.equals(MicroProfileSource.class.getName())) {
                    continue; // loaded only once the API has been seen
                }
                try {
                    Class<?> type = Class.forName(name, false, withoutMp);
                    type.getDeclaredFields();
                    type.getDeclaredConstructors();
                    type.getDeclaredMethods();
                } catch (NoClassDefFoundError | ClassNotFoundException e) {
                    if (!e.getMessage().contains("jakarta/mail")) { // Mail: MailOptionalTest's business
                        broken.add(name + ": " + e.getMessage());
                    }
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void withoutMicroProfileConfigTheSourceSetsNothing() throws Exception {
        try (URLClassLoader withoutMp = withoutMicroProfile()) {
            Class<?> detector = Class.forName(MicroProfileConfig.class.getName(), true, withoutMp);
            Object source = detector.getMethod("detect", ClassLoader.class).invoke(null, withoutMp);
            Method lookup = source.getClass().getInterfaces()[0].getMethod("lookup", String.class);

            assertThat(lookup.invoke(source, "stepwise.mfa.trust.duration")).isNull();
            assertThat(detector.getDeclaredMethod("present", ClassLoader.class)).isNotNull();
        }
    }

    @Test
    void withMicroProfileConfigTheApiIsSeen() {
        assertThat(MicroProfileConfig.present(getClass().getClassLoader())).isTrue();
    }

    @Test
    void theApiWithoutAnImplementationFailsTheDeploymentRatherThanIgnoreItsValues() {
        // the test class path has the API but no implementation
        assertThatThrownBy(() -> MicroProfileConfig.detect(getClass().getClassLoader()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("gives no configuration");
    }

    @Test
    void whatNamesMicroProfileIsNoBeanAndTheCheckSeesIt() throws Exception {
        assertThat(MicroProfileSource.class.getAnnotations()).isEmpty(); // bean-discovery-mode="annotated"
        try (URLClassLoader withoutMp = withoutMicroProfile()) {
            Class<?> adapter = Class.forName(MicroProfileSource.class.getName(), false, withoutMp);
            assertThatThrownBy(adapter::getDeclaredMethods).isInstanceOf(NoClassDefFoundError.class)
                    .hasMessageContaining("org/eclipse/microprofile/config");
        }
    }

    /** The test class path, with MicroProfile Config hidden. */
    private static URLClassLoader withoutMicroProfile() throws IOException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("org.eclipse.microprofile.config.")) {
                    throw new ClassNotFoundException(name + " (hidden: a server without MicroProfile Config)");
                }
                return super.loadClass(name, resolve);
            }
        };
    }

    private static List<String> libraryClasses() throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            List<String> names = files.map(p -> CLASSES.relativize(p).toString())
                    .filter(p -> p.endsWith(".class") && !p.endsWith("module-info.class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace(File.separatorChar, '.'))
                    .sorted().toList();
            assertThat(names).contains("dev.stepwise.mfa.web.MfaBootstrap", MicroProfileConfig.class.getName());
            return names;
        }
    }
}
