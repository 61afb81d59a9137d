package dev.stepwise.mfa;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * For the tests that an optional API (Jakarta Mail, MicroProfile Config) stays optional: a class loader over the
 * test class path with the API's packages hidden, and every class of the library reflected on there as CDI
 * introspects a bean class (fields, constructors, methods).
 */
public final class OptionalApis {

    private static final Path CLASSES = Path.of("target", "classes");

    private OptionalApis() {
    }

    /** The test class path with the classes under {@code hiddenPackages} (prefixes, with the dot) missing. */
    public static URLClassLoader without(String server, String... hiddenPackages) {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            try {
                urls.add(Path.of(entry).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException(entry, e);
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                for (String hidden : hiddenPackages) {
                    if (name.startsWith(hidden)) {
                        throw new ClassNotFoundException(name + " (hidden: " + server + ")");
                    }
                }
                return super.loadClass(name, resolve);
            }
        };
    }

    /**
     * The library's classes, but those in {@code skipped} (or under a skipped package prefix ending in a dot),
     * that fail to be reflected on in {@code loader}: each with the missing type, unless the message names one of
     * {@code otherApis} (another test's business).
     */
    public static List<String> failingClasses(URLClassLoader loader, Set<String> skipped, String... otherApis) {
        List<String> broken = new ArrayList<>();
        for (String name : libraryClasses()) {
            if (skipped.stream().anyMatch(s -> s.endsWith(".") ? name.startsWith(s) : name.equals(s))) {
                continue;
            }
            try {
                Class<?> type = Class.forName(name, false, loader);
                type.getDeclaredFields();
                type.getDeclaredConstructors();
                type.getDeclaredMethods();
            } catch (NoClassDefFoundError | ClassNotFoundException e) {
                String message = String.valueOf(e.getMessage());
                if (Stream.of(otherApis).noneMatch(message::contains)) {
                    broken.add(name + ": " + message);
                }
            }
        }
        return broken;
    }

    /** Every class compiled from the library's main sources, by name. */
    public static List<String> libraryClasses() {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            return files.map(p -> CLASSES.relativize(p).toString())
                    .filter(p -> p.endsWith(".class") && !p.endsWith("module-info.class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace(File.separatorChar, '.'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
