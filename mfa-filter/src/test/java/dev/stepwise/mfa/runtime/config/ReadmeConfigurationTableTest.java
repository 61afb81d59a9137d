package dev.stepwise.mfa.runtime.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** README's configuration table and {@link Parameters} name the same parameters with the same defaults. */
class ReadmeConfigurationTableTest {

    /** {@code | `name` | `default` or – | meaning |}. */
    private static final Pattern ROW = Pattern.compile("^\\| `(stepwise\\.mfa\\.[^`]+)` \\| (.+?) \\| .*\\|$");

    private static Map<String, String> documentedDefaults() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("\n## Configuration");
        assertThat(start).as("README has a Configuration section").isPositive();
        String section = readme.substring(start + 1);
        int next = section.indexOf("\n## ");
        section = next < 0 ? section : section.substring(0, next);
        Map<String, String> defaults = new LinkedHashMap<>();
        for (String line : section.split("\n")) {
            Matcher m = ROW.matcher(line.strip());
            if (m.matches()) {
                String old = defaults.put(m.group(1), unquote(m.group(2).strip()));
                assertThat(old).as("%s documented once", m.group(1)).isNull();
            }
        }
        return defaults;
    }

    private static String unquote(String cell) {
        return cell.length() > 1 && cell.startsWith("`") && cell.endsWith("`") ? cell.substring(1, cell.length() - 1)
                : cell;
    }

    @Test
    void readmeDocumentsEveryParameterWithItsDefault() throws IOException {
        Map<String, String> documented = documentedDefaults();

        Map<String, String> code = new LinkedHashMap<>();
        Parameters.ALL.forEach(p -> code.put(p.name(), p.documentedDefault()));
        assertThat(documented).containsExactlyInAnyOrderEntriesOf(code);
    }

    @Test
    void readmeDocumentsNoParameterTheCodeDoesNotRead() throws IOException {
        assertThat(Parameters.names()).containsAll(documentedDefaults().keySet());
    }
}
