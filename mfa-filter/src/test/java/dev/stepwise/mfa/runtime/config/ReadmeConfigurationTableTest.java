package dev.stepwise.mfa.runtime.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's configuration section is a short table of the parameters most applications set, linking the whole
 * reference ({@code docs/configuration.md}, generated from {@link Parameters} and checked by
 * {@link ConfigurationReferenceTest}). Every row names a parameter the code reads, with the code's default.
 */
class ReadmeConfigurationTableTest {

    /** What an application going to production sets or must at least know of. */
    static final List<Parameter<?>> ESSENTIAL = List.of(Parameters.LOGIN, Parameters.FACTORS,
            Parameters.STEPUP_MAX_AGE, Parameters.PROTECT, Parameters.DATASOURCE, Parameters.TRUSTED_PROXIES,
            Parameters.WEBAUTHN_RP_ID);

    /** {@code | `name` | `default` or – | meaning |}. */
    private static final Pattern ROW = Pattern.compile("^\\| `(stepwise\\.mfa\\.[^`]+)` \\| (.+?) \\| .*\\|$");

    private static String section() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("\n## Configuration");
        assertThat(start).as("README has a Configuration section").isPositive();
        String section = readme.substring(start + 1);
        int next = section.indexOf("\n## ");
        return next < 0 ? section : section.substring(0, next);
    }

    private static Map<String, String> documentedDefaults() throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (String line : section().split("\n")) {
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
    void readmeNamesTheEssentialParametersWithTheCodesDefaults() throws IOException {
        Map<String, String> documented = documentedDefaults();

        Map<String, String> essential = new LinkedHashMap<>();
        ESSENTIAL.forEach(p -> essential.put(p.name(), p.documentedDefault()));
        assertThat(documented).containsAllEntriesOf(essential);
    }

    @Test
    void everyParameterReadmeNamesIsOneTheCodeReadsWithItsDefault() throws IOException {
        Map<String, String> code = new LinkedHashMap<>();
        Parameters.ALL.forEach(p -> code.put(p.name(), p.documentedDefault()));

        documentedDefaults().forEach((name, def) -> assertThat(code).as(name).containsEntry(name, def));
    }

    @Test
    void readmeLinksTheWholeReferenceAndNamesTheSecretKeysSources() throws IOException {
        String section = section();

        assertThat(section).contains("](docs/configuration.md)")
                .contains("java:comp/env/" + Parameters.SECRET_KEY)
                .contains("`" + Parameters.SECRET_KEY + "`")
                .contains("STEPWISE_MFA_SECRET_KEY");
    }
}
