package dev.stepwise.mfa.runtime.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/configuration.md} is generated from {@link Parameters} ({@link ConfigurationReference}). This test
 * fails when the committed file differs from what the code renders; {@code -Dstepwise.docs.write=true} rewrites it:
 *
 * <pre>{@code
 * mvn -pl mfa-filter -am test -Dtest=ConfigurationReferenceTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dstepwise.docs.write=true
 * }</pre>
 */
class ConfigurationReferenceTest {

    static final Path REFERENCE = Path.of("..", "docs", "configuration.md");

    @Test
    void theCommittedReferenceIsTheOneTheCodeRenders() throws IOException {
        String rendered = ConfigurationReference.render();
        if (Boolean.getBoolean("stepwise.docs.write")) {
            Files.writeString(REFERENCE, rendered, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(REFERENCE) ? Files.readString(REFERENCE, StandardCharsets.UTF_8) : "";
        assertThat(committed.replace("\r\n", "\n"))
                .as("docs/configuration.md is generated from Parameters: rerun this test with "
                        + "-Dstepwise.docs.write=true and commit the result")
                .isEqualTo(rendered);
    }

    @Test
    void everyPublicParameterFieldIsListedInAllOnce() {
        List<Parameter<?>> declared = ConfigurationReference.declared();

        assertThat(declared).as("public static Parameter fields of Parameters").hasSizeGreaterThan(20);
        assertThat(Parameters.ALL).containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void theReferenceNamesEveryParameterWithItsDefaultExactlyOnce() throws IOException {
        String tables = ConfigurationReference.tables(ConfigurationReference.declared());

        for (Parameter<?> p : Parameters.ALL) {
            String row = "| `" + p.name() + "` | ";
            assertThat(tables.split(java.util.regex.Pattern.quote(row), -1)).as(p.name()).hasSize(2);
            String rest = tables.substring(tables.indexOf(row) + row.length());
            String def = p.documentedDefault();
            assertThat(rest).as(p.name()).startsWith("–".equals(def) ? "– |" : "`" + def.replace("|", "\\|") + "` |");
        }
    }

    @Test
    void groupsFollowTheNamesSecondSegmentAndSingletonsGoUnderGeneral() {
        Function<String, Parameter<?>> param = n -> new Parameter<>(n, null, (name, v) -> v, "doc");
        Map<String, List<Parameter<?>>> groups = ConfigurationReference.groups(List.of(param.apply("stepwise.mfa.a"),
                param.apply("stepwise.mfa.store.x"), param.apply("stepwise.mfa.b.y"),
                param.apply("stepwise.mfa.store.y"), param.apply("stepwise.mfa.newgroup.p"),
                param.apply("stepwise.mfa.newgroup.q")));

        assertThat(groups.keySet()).containsExactly("General", "Store", "newgroup");
        assertThat(groups.get("General")).extracting(Parameter::name)
                .containsExactly("stepwise.mfa.a", "stepwise.mfa.b.y");
        assertThat(groups.get("Store")).extracting(Parameter::name)
                .containsExactly("stepwise.mfa.store.x", "stepwise.mfa.store.y");
    }

    @Test
    void acceptedValuesAreWhatTheParserSaysItExpects() {
        assertThat(ConfigurationReference.accepted(Parameters.TOTP_WINDOW)).isEqualTo("a whole number from 0 to 5");
        assertThat(ConfigurationReference.accepted(new Parameter<>("stepwise.mfa.anything", null, (n, v) -> v, "d")))
                .as("a parser that refuses nothing").isEmpty();
    }

    @Test
    void anAcceptedFormatNeverQuotesTheRefusedProbe() {
        assertThat(ConfigurationReference.withoutEcho("pairs separated by ';' (entry 'x' has no '=')"))
                .isEqualTo("pairs separated by ';'");
        assertThat(ConfigurationReference.withoutEcho("factor ids (lower case, no duplicates)"))
                .isEqualTo("factor ids (lower case, no duplicates)");
        for (Parameter<?> p : Parameters.ALL) {
            assertThat(ConfigurationReference.accepted(p)).as(p.name()).doesNotContain("not a value").doesNotContain("xxx");
        }
    }

    @Test
    void everyGroupTitleNamesAGroupTheCodeHas() {
        assertThat(Parameters.ALL.stream().map(ConfigurationReference::groupKey).distinct().toList())
                .containsAll(ConfigurationReference.TITLES.keySet());
    }
}
