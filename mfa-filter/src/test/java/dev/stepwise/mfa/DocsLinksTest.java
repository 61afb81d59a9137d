package dev.stepwise.mfa;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link in README.md, CHANGELOG.md and docs/*.md points at a file that exists and, with an anchor, at
 * a heading of that file ({@link DocsLinks}).
 */
class DocsLinksTest {

    private static final Path ROOT = Path.of("..");

    static List<Path> documents() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        if (Files.exists(ROOT.resolve("CHANGELOG.md"))) {
            files.add(ROOT.resolve("CHANGELOG.md"));
        }
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    @Test
    void everyRelativeLinkOfTheDocumentationResolves() throws IOException {
        List<Path> files = documents();

        assertThat(files).as("README and the guides").hasSizeGreaterThan(1);
        assertThat(DocsLinks.relativeLinks(files)).as("relative links found").isGreaterThan(40);
        assertThat(new DocsLinks().check(files)).isEmpty();
    }

    @Test
    void aMissingFileAndAMissingAnchorAreReported(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("other.md"), "# Other\n\n## The key check\n\n## Notes\n\n## Notes\n");
        Path doc = dir.resolve("doc.md");
        Files.writeString(doc, String.join("\n",
                "# Title",
                "See [other](other.md#the-key-check), [second notes](other.md#notes-1) and [here](#title).",
                "Broken: [gone](gone.md), [anchor](other.md#no-such-heading), [self](#nowhere).",
                "Not checked: [web](https://example.org/x.md), `[code](missing.md)`.",
                "```",
                "[in a fence](missing.md)",
                "```",
                "[ref]: missing-too.md"));

        List<DocsLinks.Broken> broken = new DocsLinks().check(List.of(doc));

        assertThat(broken).extracting(DocsLinks.Broken::target)
                .containsExactly("gone.md", "other.md#no-such-heading", "#nowhere", "missing-too.md");
        assertThat(broken).extracting(DocsLinks.Broken::line).containsExactly(3, 3, 3, 8);
    }

    @Test
    void anchorsAreMadeAsGitHubMakesThem() {
        assertThat(DocsLinks.slug("Adaptive MFA (`stepwise.mfa.login=adaptive`)"))
                .isEqualTo("adaptive-mfa-stepwisemfaloginadaptive");
        assertThat(DocsLinks.slug("Behind a reverse proxy, only the proxy's word counts"))
                .isEqualTo("behind-a-reverse-proxy-only-the-proxys-word-counts");
        assertThat(DocsLinks.slug("[0.2.0-RC1] - 2026-12-04")).isEqualTo("020-rc1---2026-12-04");
        assertThat(DocsLinks.anchorsOf("# A\n## B\n```\n# not a heading\n```\n## B\n")).containsExactly("a", "b", "b-1");
    }
}
