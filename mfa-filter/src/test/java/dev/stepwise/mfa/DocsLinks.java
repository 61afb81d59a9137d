package dev.stepwise.mfa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the relative links of Markdown files that point nowhere: a file or directory that does not exist, or an
 * anchor ({@code #heading}) that no heading of the target file makes. Links in code (fenced blocks, inline code)
 * and links to other schemes ({@code https:}, {@code mailto:}) are not checked. Anchors are made as GitHub makes
 * them: lower case, punctuation other than {@code -} and {@code _} removed, spaces as {@code -}, a repeated
 * heading numbered {@code -1}, {@code -2}.
 */
final class DocsLinks {

    private static final Pattern INLINE = Pattern.compile("!?\\[(?:[^\\]\\[]|\\[[^\\]]*\\])*\\]\\(\\s*<?([^)\\s>]*)>?"
            + "(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    private final Map<Path, Set<String>> anchors = new HashMap<>();

    /** One broken link: the file it is in, its line, the target as written, and what is wrong. */
    record Broken(Path file, int line, String target, String why) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + target + " (" + why + ")";
        }
    }

    /** The broken links of {@code files}. */
    List<Broken> check(List<Path> files) {
        List<Broken> broken = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = prose(read(file));
            for (int i = 0; i < lines.size(); i++) {
                for (String target : targets(lines.get(i))) {
                    String why = problem(file, target);
                    if (why != null) {
                        broken.add(new Broken(file, i + 1, target, why));
                    }
                }
            }
        }
        return broken;
    }

    /** How many links of {@code files} point into the repository (the ones {@link #check} checks). */
    static long relativeLinks(List<Path> files) {
        return files.stream().flatMap(f -> prose(read(f)).stream()).flatMap(l -> targets(l).stream())
                .filter(t -> !SCHEME.matcher(t).find() && !t.startsWith("//")).count();
    }

    /** The link targets of one line of prose. */
    static List<String> targets(String line) {
        List<String> found = new ArrayList<>();
        String text = withoutCodeSpans(line);
        Matcher inline = INLINE.matcher(text);
        while (inline.find()) {
            found.add(inline.group(1));
        }
        Matcher reference = REFERENCE.matcher(text);
        if (reference.matches()) {
            found.add(reference.group(1));
        }
        return found;
    }

    /** GitHub's anchor for a heading's text. */
    static String slug(String heading) {
        String text = heading.replaceAll("`", "").replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
                .toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                out.appendCodePoint(c);
            } else if (c == ' ') {
                out.append('-');
            }
        });
        return out.toString();
    }

    /** The anchors a Markdown file's headings make, numbered as GitHub numbers repeats. */
    static Set<String> anchorsOf(String markdown) {
        Set<String> made = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(markdown)) {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                String base = slug(m.group(2));
                int n = seen.merge(base, 1, Integer::sum) - 1;
                made.add(n == 0 ? base : base + "-" + n);
            }
        }
        return made;
    }

    private String problem(Path file, String target) {
        if (target.isEmpty() || SCHEME.matcher(target).find() || target.startsWith("//")) {
            return target.isEmpty() ? "empty target" : null;
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? file : file.toAbsolutePath().getParent().resolve(path).normalize();
        if (path.startsWith("/")) {
            return "absolute path";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor == null) {
            return null;
        }
        if (!resolved.toString().endsWith(".md")) {
            return "an anchor into a file that is not Markdown";
        }
        Set<String> known = anchors.computeIfAbsent(resolved.toAbsolutePath().normalize(), p -> anchorsOf(read(p)));
        return known.contains(anchor) ? null : "no heading makes #" + anchor;
    }

    /** The lines of a Markdown text, with the lines of fenced code blocks left empty (their numbers kept). */
    static List<String> prose(String markdown) {
        List<String> lines = new ArrayList<>();
        String fence = null;
        for (String line : markdown.split("\n", -1)) {
            String stripped = line.strip();
            if (fence == null && (stripped.startsWith("```") || stripped.startsWith("~~~"))) {
                fence = stripped.substring(0, 3);
                lines.add("");
            } else if (fence != null) {
                if (stripped.startsWith(fence)) {
                    fence = null;
                }
                lines.add("");
            } else {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String withoutCodeSpans(String line) {
        return line.replaceAll("(`+)(?:(?!\\1).)+?\\1", "``");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
