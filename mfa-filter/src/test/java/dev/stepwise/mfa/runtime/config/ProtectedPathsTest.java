package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.core.Requirement;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProtectedPathsTest {

    private static final Duration DEFAULT = Duration.ofMinutes(5);
    private static final Requirement MFA = Requirement.mfa();

    @Test
    void matchFollowsServletPrecedenceExactThenLongestPrefixThenExtension() {
        ProtectedPaths paths = ProtectedPaths.parse(
                "/*=mfa; /a/*=stepup:PT3M; /a/b/*=stepup:PT1M; /a/b/c.pdf=stepup:PT10S; *.pdf=stepup:PT20M", DEFAULT);

        assertThat(paths.match("/a/b/c.pdf")).contains(Requirement.stepUp(Duration.ofSeconds(10)));
        assertThat(paths.match("/a/b/d.pdf")).contains(Requirement.stepUp(Duration.ofMinutes(1)));
        assertThat(paths.match("/a/x")).contains(Requirement.stepUp(Duration.ofMinutes(3)));
        assertThat(paths.match("/a")).contains(Requirement.stepUp(Duration.ofMinutes(3)));
        assertThat(paths.match("/other.pdf")).contains(MFA);
        assertThat(paths.match("/")).contains(MFA);
    }

    @Test
    void matchWhenOnlyExtensionPatternThenByExtensionOfLastSegment() {
        ProtectedPaths paths = ProtectedPaths.parse("*.pdf=mfa", DEFAULT);

        assertThat(paths.match("/statements/2026.pdf")).contains(MFA);
        assertThat(paths.match("/statements.pdf/2026")).isEmpty();
        assertThat(paths.match("/statements/2026.pdfx")).isEmpty();
    }

    @Test
    void matchWhenPrefixThenNotForSiblingWithSameStart() {
        ProtectedPaths paths = ProtectedPaths.parse("/admin/*=mfa", DEFAULT);

        assertThat(paths.match("/admin")).contains(MFA);
        assertThat(paths.match("/admin/users/1")).contains(MFA);
        assertThat(paths.match("/administrator")).isEmpty();
        assertThat(paths.match("/public/admin")).isEmpty();
    }

    @Test
    void matchWhenExactThenOnlyThatPath() {
        ProtectedPaths paths = ProtectedPaths.parse("/account/delete=stepup", DEFAULT);

        assertThat(paths.match("/account/delete")).contains(Requirement.stepUp(DEFAULT));
        assertThat(paths.match("/account/delete/now")).isEmpty();
        assertThat(paths.match("/account")).isEmpty();
    }

    @Test
    void parseWhenBlankOrTrailingSeparatorsThenIgnored() {
        assertThat(ProtectedPaths.parse("  ", DEFAULT).isEmpty()).isTrue();
        assertThat(ProtectedPaths.parse(" ; /a=mfa ;; ", DEFAULT).match("/a")).contains(MFA);
    }

    @Test
    void anExactPatternAlsoMatchesThePathWithOneTrailingSlash() {
        // Issue 10: /api/transfers=stepup missed POST /api/transfers/, which JAX-RS still serves.
        ProtectedPaths paths = ProtectedPaths.parse("/api/transfers=stepup:PT2M", DEFAULT);

        assertThat(paths.match("/api/transfers/")).contains(Requirement.stepUp(Duration.ofMinutes(2)));
        assertThat(paths.match("/api/transfers")).contains(Requirement.stepUp(Duration.ofMinutes(2)));
        assertThat(paths.match("/api/transfers/7")).isEmpty();
        assertThat(paths.match("/api/transfersx")).isEmpty();
    }

    @Test
    void repeatedSlashesAreMatchedAsOne() {
        ProtectedPaths paths = ProtectedPaths.parse("/api/transfers=stepup; /admin/*=mfa", DEFAULT);

        assertThat(paths.match("//api//transfers")).contains(Requirement.stepUp(DEFAULT));
        assertThat(paths.match("/api/transfers//")).contains(Requirement.stepUp(DEFAULT));
        assertThat(paths.match("//admin///users")).contains(MFA);
    }

    @Test
    void theTrailingSlashVariantKeepsExactPrecedenceOverAPrefix() {
        ProtectedPaths paths = ProtectedPaths.parse("/api/*=mfa; /api/transfers=stepup", DEFAULT);

        assertThat(paths.match("/api/transfers/")).contains(Requirement.stepUp(DEFAULT));
        assertThat(paths.match("/api/accounts/")).contains(MFA);
    }
}
