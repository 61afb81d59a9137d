package dev.stepwise.mfa.runtime.config;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders {@code docs/configuration.md} from {@link Parameters}: every public static {@link Parameter} field, found by
 * reflection, in a table per group (the segment after {@code stepwise.mfa.}; groups of one parameter go under
 * "General"), inside the hand-written prose of {@code configuration.template.md}. The accepted values are the
 * parser's own words: what its error message says it expected for a value it refuses.
 */
final class ConfigurationReference {

    static final String TEMPLATE = "/docs/configuration.template.md";
    static final String PLACEHOLDER = "{{parameters}}";
    static final String PREFIX = "stepwise.mfa.";
    static final String GENERAL = "General";

    /** Headings of the groups with more than one parameter; a group not named here is headed by its key. */
    static final Map<String, String> TITLES = Map.of(
            "store", "Store",
            "trust", "Trust this device",
            "lockout", "Lockout",
            "email", "Email codes",
            "sms", "SMS and voice codes",
            "webauthn", "WebAuthn",
            "adaptive", "Adaptive MFA (`stepwise.mfa.login=adaptive`)",
            "exemption", "Exemptions");

    /** Values no parser accepts, tried in turn to make a parser say what it expects. */
    private static final List<String> PROBES = List.of("\u0007 not a value \u0007", ":", "-1", "x".repeat(300));

    private ConfigurationReference() {
    }

    /** Every public static {@code Parameter} field of {@link Parameters}, in declaration order. */
    static List<Parameter<?>> declared() {
        List<Parameter<?>> found = new ArrayList<>();
        for (Field field : Parameters.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == Parameter.class) {
                try {
                    found.add((Parameter<?>) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(field.getName(), e);
                }
            }
        }
        return found;
    }

    /** The group a parameter belongs to: {@code store} for {@code stepwise.mfa.store.create-schema}. */
    static String groupKey(Parameter<?> parameter) {
        String name = parameter.name();
        if (!name.startsWith(PREFIX)) {
            throw new AssertionError(name + " does not start with " + PREFIX);
        }
        String rest = name.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** The parameters by heading: "General" first, then each group of several in order of its first parameter. */
    static Map<String, List<Parameter<?>>> groups(List<Parameter<?>> parameters) {
        Map<String, List<Parameter<?>>> byKey = new LinkedHashMap<>();
        parameters.forEach(p -> byKey.computeIfAbsent(groupKey(p), k -> new ArrayList<>()).add(p));
        Map<String, List<Parameter<?>>> byHeading = new LinkedHashMap<>();
        byHeading.put(GENERAL, new ArrayList<>());
        byKey.forEach((key, members) -> {
            if (members.size() == 1) {
                byHeading.get(GENERAL).addAll(members);
            } else {
                byHeading.put(TITLES.getOrDefault(key, key), members);
            }
        });
        byHeading.values().removeIf(List::isEmpty);
        return byHeading;
    }

    /** What the parser says it expects, e.g. {@code true or false}; empty when it refuses none of the probes. */
    static String accepted(Parameter<?> parameter) {
        for (String probe : PROBES) {
            try {
                parameter.parse(probe);
            } catch (MfaConfigException e) {
                String message = Objects.requireNonNullElse(e.getMessage(), "");
                int at = message.indexOf("; expected ");
                return at < 0 ? "" : withoutEcho(message.substring(at + "; expected ".length()));
            } catch (RuntimeException e) {
                return "";
            }
        }
        return "";
    }

    /**
     * The format without a last parenthesis that quotes the refused value ({@code (entry 'x' has no '=')}): it says
     * what was wrong with the probe, not what is accepted.
     */
    static String withoutEcho(String format) {
        String text = format.strip();
        int open = text.lastIndexOf(" (");
        if (text.endsWith(")") && open > 0 && text.substring(open).contains("'")) {
            return withoutEcho(text.substring(0, open));
        }
        return text;
    }

    /** The tables of every group, each under a level-3 heading. */
    static String tables(List<Parameter<?>> parameters) {
        StringBuilder out = new StringBuilder();
        groups(parameters).forEach((heading, members) -> {
            out.append("### ").append(heading).append("\n\n");
            out.append("| parameter | default | accepted values | what it does |\n|---|---|---|---|\n");
            for (Parameter<?> p : members) {
                String def = p.documentedDefault();
                out.append("| `").append(p.name()).append("` | ")
                        .append("–".equals(def) ? "–" : code(def)).append(" | ")
                        .append(cell(accepted(p))).append(" | ")
                        .append(cell(p.doc())).append(" |\n");
            }
            out.append('\n');
        });
        return out.toString().stripTrailing() + "\n";
    }

    /** The whole document: the template with the tables in place of its placeholder. */
    static String render() throws IOException {
        String template = template();
        if (!template.contains(PLACEHOLDER)) {
            throw new AssertionError(TEMPLATE + " lacks " + PLACEHOLDER);
        }
        return template.replace(PLACEHOLDER, tables(declared()).stripTrailing());
    }

    private static String template() throws IOException {
        try (InputStream in = ConfigurationReference.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new AssertionError(TEMPLATE + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
    }

    private static String code(String text) {
        String fence = text.contains("`") ? "`` " : "`";
        return fence + text.replace("|", "\\|") + new StringBuilder(fence).reverse();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("*", "\\*").replace("<", "&lt;").replace("\n", " ").strip();
    }
}
