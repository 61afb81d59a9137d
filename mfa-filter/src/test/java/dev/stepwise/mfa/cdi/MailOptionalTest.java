package dev.stepwise.mfa.cdi;

import org.junit.jupiter.api.Test;

import java.io.IOException;
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
 * A server without Jakarta Mail (a Web Profile server) must be able to deploy the library when email is not
 * offered. CDI introspects every bean class (its fields, constructors and methods) at deployment, so no class of
 * the library outside the email factor may name a Jakarta Mail type in a signature. Checked by loading every
 * class of the library in a class loader that has no Jakarta Mail and reflecting on it as CDI does.
 */
class MailOptionalTest {

    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    void noClassOutsideTheEmailFactorNamesAMailTypeInASignature() throws Exception {
        List<String> broken = new ArrayList<>();
        try (URLClassLoader withoutMail = withoutMail()) {
            for (String name : libraryClasses()) {
                if (name.startsWith("dev.stepwise.mfa.factor.email.") || name.equals(MailSessions.class.getName())) {
                    continue; // the email factor itself needs Mail; it is loaded only when email is offered
                }
                try {
                    Class<?> type = Class.forName(name, false, withoutMail);
                    type.getDeclaredFields();
                    type.getDeclaredConstructors();
                    type.getDeclaredMethods();
                } catch (NoClassDefFoundError | ClassNotFoundException e) {
                    broken.add(name + ": " + e.getMessage());
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void whatNamesMailOutsideTheFactorIsNoBean() {
        assertThat(MailSessions.class.getAnnotations()).isEmpty(); // bean-discovery-mode="annotated": not a bean
    }

    @Test
    void theCheckSeesMailTypes() throws Exception {
        try (URLClassLoader withoutMail = withoutMail()) {
            Class<?> mailer = Class.forName("dev.stepwise.mfa.factor.email.CodeMailer", false, withoutMail);
            assertThatThrownBy(mailer::getDeclaredConstructors).isInstanceOf(NoClassDefFoundError.class)
                    .hasMessageContaining("jakarta/mail");
        }
    }

    /** The test class path, with Jakarta Mail and its implementation hidden. */
    private static URLClassLoader withoutMail() throws IOException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("jakarta.mail.") || name.startsWith("org.eclipse.angus.mail.")
                        || name.startsWith("com.sun.mail.")) {
                    throw new ClassNotFoundException(name + " (hidden: a server without Jakarta Mail)");
                }
                return super.loadClass(name, resolve);
            }
        };
    }

    private static List<String> libraryClasses() throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            List<String> names = files.map(p -> CLASSES.relativize(p).toString())
                    .filter(p -> p.endsWith(".class") && !p.endsWith("module-info.class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace(java.io.File.separatorChar, '.'))
                    .sorted().toList();
            assertThat(names).contains("dev.stepwise.mfa.cdi.BuiltInFactors");
            return names;
        }
    }
}
