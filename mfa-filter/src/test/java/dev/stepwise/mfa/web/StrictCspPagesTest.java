package dev.stepwise.mfa.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's pages work under a strict Content-Security-Policy ({@code default-src 'self'}, README "Challenge and
 * settings pages"): no inline style (attribute or element), no inline script, no event-handler attribute, no
 * {@code javascript:} URL; looks come from the one stylesheet {@code stepwise.css}, behaviour from script files.
 * A {@code <script type="application/json">} data block is allowed (it is never executed). The errors are
 * announced and tied to the field they are about, and the QR code has a name.
 */
class StrictCspPagesTest {

    private static final Pattern JSP_COMMENT = Pattern.compile("<%--.*?--%>", Pattern.DOTALL);
    private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_ELEMENT = Pattern.compile("<style[\\s>/]", Pattern.CASE_INSENSITIVE);
    private static final Pattern HANDLER = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCRIPT_URL = Pattern.compile("javascript\\s*:", Pattern.CASE_INSENSITIVE);
    /** A script element: its start tag's attributes and its body. */
    private static final Pattern SCRIPT = Pattern.compile(
            "<script\\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(.*?)</script\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SCRIPT_START = Pattern.compile("<script\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SRC = Pattern.compile("\\ssrc\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern JSON_TYPE = Pattern.compile("\\stype\\s*=\\s*[\"']application/json[\"']",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ALERT = Pattern.compile("<[a-z]+\\b[^>]*role=\"alert\"[^>]*>");
    private static final Pattern CODE_INPUT = Pattern.compile(
            "<input id=\"stepwise-code\"(?:[^<>]|<c:out[^>]*/>|<c:if[^>]*>[^<]*</c:if>)*>");

    static Stream<Path> pages() throws IOException, URISyntaxException {
        return PageEscapingTest.pages();
    }

    private static Path dir() throws URISyntaxException {
        return Path.of(StrictCspPagesTest.class.getResource("/META-INF/resources/mfa/challenge.jsp").toURI())
                .getParent();
    }

    private static String read(Path page) throws IOException {
        return JSP_COMMENT.matcher(Files.readString(page, StandardCharsets.UTF_8)).replaceAll("");
    }

    @ParameterizedTest
    @MethodSource("pages")
    void pageHasNoInlineStyleScriptOrHandler(Path page) throws IOException {
        assertThat(problems(read(page))).as(page.getFileName().toString()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("pages")
    void everyAlertHasAnIdAFieldCanPointAt(Path page) throws IOException {
        Matcher alert = ALERT.matcher(read(page));
        while (alert.find()) {
            assertThat(alert.group()).as(page.getFileName() + ": " + alert.group()).contains(" id=\"");
        }
    }

    @Test
    void checkerFindsEveryKindOfInlineCode() {
        assertThat(problems("<p style=\"color:red\">x</p>")).hasSize(1);
        assertThat(problems("<label for=\"a\" STYLE = 'display:inline'>")).hasSize(1);
        assertThat(problems("<style>p { color: red }</style>")).hasSize(1);
        assertThat(problems("<script>alert(1)</script>")).hasSize(1);
        assertThat(problems("<script src=\"/mfa/x.js\">alert(1)</script>")).hasSize(1);
        assertThat(problems("<script type=\"module\">import('x')</script>")).hasSize(1);
        assertThat(problems("<script src=\"/x.js\">")).as("never closed").hasSize(1);
        assertThat(problems("<button onclick=\"go()\">")).hasSize(1);
        assertThat(problems("<body\nonload='go()'>")).hasSize(1);
        assertThat(problems("<a href=\"javascript:go()\">")).hasSize(1);
        assertThat(problems("<svg><style>rect{}</style></svg>")).hasSize(1);
    }

    @Test
    void checkerLetsExternalScriptsAndJsonDataBlocksPass() {
        assertThat(problems("<script src=\"<c:out value='${x}'/>/mfa/webauthn.js\"></script>")).isEmpty();
        assertThat(problems("<script type=\"application/json\" id=\"o\">{\"a\":1}</script>")).isEmpty();
        assertThat(problems("<p class=\"error\" data-stepwise-status role=\"status\">")).isEmpty();
        assertThat(problems("<p>Questions on styles are welcome</p>")).isEmpty();
    }

    @Test
    void thePagesLinkTheOneStylesheetWhichHasDarkModeAndVisibleFocus() throws Exception {
        String head = read(dir().resolve("head.jspf"));
        assertThat(head).contains("<link rel=\"stylesheet\" href=\"<c:out value='${pageContext.request.contextPath}'/>"
                + "/mfa/stepwise.css\">");
        String css = Files.readString(dir().resolve("stepwise.css"), StandardCharsets.UTF_8);
        assertThat(css).contains("@media (prefers-color-scheme: dark)").contains(":focus-visible")
                .contains("color-scheme: light dark");
        assertThat(css.toLowerCase(Locale.ROOT)).as("nothing fetched from elsewhere")
                .doesNotContain("@import").doesNotContain("url(");
        try (Stream<Path> files = Files.list(dir())) {
            List<Path> sheets = files.filter(p -> p.toString().endsWith(".css")).toList();
            assertThat(sheets).as("one stylesheet").hasSize(1);
        }
    }

    @Test
    void theScriptsRunNoStringAsCode() throws Exception {
        try (Stream<Path> files = Files.list(dir())) {
            for (Path script : files.filter(p -> p.toString().endsWith(".js")).toList()) {
                String js = Files.readString(script, StandardCharsets.UTF_8);
                assertThat(js).as(script.getFileName().toString()).doesNotContain("eval(")
                        .doesNotContain("new Function").doesNotContain("innerHTML")
                        .doesNotContain("document.write");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("pages")
    void aCodeFieldIsMarkedInvalidAndPointsAtTheErrorWhenThereIsOne(Path page) throws IOException {
        String jsp = read(page);
        Matcher input = CODE_INPUT.matcher(jsp);
        if (!input.find()) {
            return;
        }
        assertThat(jsp).as(page.getFileName().toString()).contains("role=\"alert\" id=\"stepwise-error\"");
        assertThat(input.group()).as(page.getFileName().toString())
                .contains("<c:if test=\"${not empty page.error()}\"> aria-invalid=\"true\" "
                        + "aria-describedby=\"stepwise-error\"</c:if>");
    }

    @Test
    void theCodeFieldsAreFoundByTheCheck() throws Exception {
        for (String page : List.of("challenge.jsp", "totp-enroll.jsp")) {
            assertThat(CODE_INPUT.matcher(read(dir().resolve(page))).find()).as(page).isTrue();
        }
    }

    @Test
    void theQrCodeHasANameFromTheBundle() throws Exception {
        String jsp = read(dir().resolve("totp-enroll.jsp"));
        assertThat(jsp).contains("<fmt:message key=\"stepwise.mfa.totp.qr\" var=\"qrName\"/>")
                .contains("<div id=\"stepwise-qr\" role=\"img\" aria-label=\"<c:out value='${qrName}'/>\">");
    }

    /** What in {@code jsp} a strict CSP would block (or what could run as script), one entry each. */
    static List<String> problems(String jsp) {
        List<String> problems = new ArrayList<>();
        find(STYLE_ATTRIBUTE, jsp, "inline style attribute", problems);
        find(STYLE_ELEMENT, jsp, "<style> element", problems);
        find(HANDLER, jsp, "event-handler attribute", problems);
        find(SCRIPT_URL, jsp, "javascript: URL", problems);
        int closed = 0;
        Matcher script = SCRIPT.matcher(jsp);
        while (script.find()) {
            closed++;
            String attributes = script.group(1);
            boolean external = SRC.matcher(attributes).find() && script.group(2).isBlank();
            boolean data = JSON_TYPE.matcher(attributes).find() && !SRC.matcher(attributes).find();
            if (!external && !data) {
                problems.add("inline script: " + script.group());
            }
        }
        long opened = SCRIPT_START.matcher(jsp).results().count();
        if (opened != closed) {
            problems.add("a <script> without its end tag");
        }
        return problems;
    }

    private static void find(Pattern pattern, String jsp, String what, List<String> problems) {
        Matcher m = pattern.matcher(jsp);
        while (m.find()) {
            problems.add(what + " at " + m.start() + ": "
                    + jsp.substring(m.start(), Math.min(jsp.length(), m.end() + 30)).strip());
        }
    }
}
