package dev.stepwise.mfa.core.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CookieNames}: one name per application, always an RFC 6265 token, never one name for two applications.
 */
class CookieNamesTest {

    /** RFC 6265 §4.1.1 cookie-name = token (RFC 2616 §2.2): visible ASCII but separators. */
    private static final String TOKEN = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]+";

    @Test
    void theRootApplicationKeepsThePlainName() {
        assertThat(CookieNames.of("__Host-stepwise-trust", "")).isEqualTo("__Host-stepwise-trust");
        assertThat(CookieNames.of("stepwise-device", "")).isEqualTo("stepwise-device");
    }

    @Test
    void anApplicationAddsItsContextPath() {
        assertThat(CookieNames.of("__Host-stepwise-trust", "/bank")).isEqualTo("__Host-stepwise-trust-bank");
        assertThat(CookieNames.of("stepwise-trust", "/shop")).isEqualTo("stepwise-trust-shop");
        assertThat(CookieNames.of("stepwise-device", "/app.v2")).isEqualTo("stepwise-device-app.v2");
    }

    @Test
    void everythingButLettersDigitsHyphenAndDotIsEscaped() {
        assertThat(CookieNames.suffix("/a/b")).isEqualTo("a_2Fb");
        assertThat(CookieNames.suffix("/a-b")).isEqualTo("a-b");
        assertThat(CookieNames.suffix("/a_b")).isEqualTo("a_5Fb");
        assertThat(CookieNames.suffix("/a_2Fb")).isEqualTo("a_5F2Fb");
        assertThat(CookieNames.suffix("/caf\u00e9")).isEqualTo("caf_C3_A9");
        assertThat(CookieNames.suffix("/a;b=c d")).isEqualTo("a_3Bb_3Dc_20d");
        assertThat(CookieNames.suffix("/\ud83d\ude00")).isEqualTo("_F0_9F_98_80");
    }

    @Test
    void contextPathsThatDifferOnlyInCaseKeepTheirOwnNames() {
        // servlet context paths are case-sensitive, and so are cookie names (RFC 6265 §5.3)
        assertThat(CookieNames.suffix("/A")).isEqualTo("A");
        assertThat(CookieNames.suffix("/a")).isEqualTo("a");
    }

    @Test
    void aVeryLongPathIsShortenedToAFixedLengthThatStillTellsPathsApart() {
        String longPath = "/" + "x".repeat(500);
        String other = "/" + "x".repeat(499) + "y";
        String suffix = CookieNames.suffix(longPath);

        assertThat(suffix).hasSize(CookieNames.KEPT + 1 + 32).startsWith("x".repeat(CookieNames.KEPT) + "~");
        assertThat(CookieNames.suffix(other)).isNotEqualTo(suffix).hasSize(suffix.length());
        assertThat(CookieNames.suffix("/" + "x".repeat(CookieNames.MAX_SUFFIX))).doesNotContain("~");
        assertThat(CookieNames.suffix("/" + "x".repeat(CookieNames.MAX_SUFFIX + 1))).contains("~");
        assertThat(CookieNames.suffix("/" + "\u00e9".repeat(30))).contains("~").matches(TOKEN);
    }

    @Test
    void loneSurrogatesDoNotCollapseIntoOneName() {
        // String.getBytes(UTF_8) writes '?' for each: /\uD800 and /\uDBFF and /? would share a name
        assertThat(List.of(CookieNames.suffix("/\ud800"), CookieNames.suffix("/\udbff"), CookieNames.suffix("/?")))
                .doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bank", "/a/b", "/a b", "/\"quoted\"", "/x;y", "/x,y", "/(x)", "/[x]", "/{x}", "/x@y",
            "/x:y", "/x?y", "/x=y", "/x\\y", "/x\ty", "/x\u0000y", "/x\u007fy", "/\u00e9t\u00e9", "/\u65e5\u672c",
            "/%2F", "/~user"})
    void everyNameIsACookieToken(String contextPath) {
        assertThat(CookieNames.of("__Host-stepwise-trust", contextPath)).matches(TOKEN);
    }

    @Test
    void noTwoContextPathsShareAName() {
        List<String> paths = List.of("", "/a", "/A", "/a-b", "/a/b", "/a_b", "/a_2Fb", "/a.b", "/a%2Fb", "/a b",
                "/a+b", "/a~b", "/ab", "/a_", "/a__", "/_", "/__", "/_5F", "/-", "/.", "/..", "/a/", "/a//b",
                "/caf\u00e9", "/cafe\u0301", "/caf_C3_A9", "/" + "x".repeat(500), "/" + "x".repeat(499) + "y",
                "/" + "x".repeat(20) + "~", "/\ud800", "/\udc00", "/?", "/\ufffd", "/bank", "/bank-", "/ban",
                "/stepwise", "/trust-bank");
        Map<String, String> seen = new HashMap<>();
        for (String path : paths) {
            String name = CookieNames.of("__Host-stepwise-trust", path);
            assertThat(seen.put(name, path)).as("%s and %s", path, seen.get(name)).isNull();
        }
        assertThat(seen).hasSize(paths.size());
    }

    @Test
    void theSuffixOfTheLastPathIsKeptAndAnotherPathIsEncodedAfresh() {
        assertThat(CookieNames.suffix("/bank")).isEqualTo("bank");
        assertThat(CookieNames.suffix("/shop")).isEqualTo("shop");
        assertThat(CookieNames.suffix("/bank")).isEqualTo("bank");
        assertThat(CookieNames.suffix("")).isEmpty();
    }
}
