package dev.stepwise.mfa.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every dynamic value on the library's pages is escaped: an EL expression may only appear inside a JSTL tag
 * attribute ({@code <c:out value="${…}"/>}, {@code test}, {@code items}, a message key), never as raw
 * {@code ${…}} in HTML text or an HTML attribute; a {@code <fmt:param>} value goes through
 * {@code fn:escapeXml} (the formatted message is written unescaped); a message is never written straight
 * into an HTML attribute. A user's email address with markup in it must not become markup on the page.
 */
class PageEscapingTest {

    /** Values the library renders as markup on purpose, with the reason. */
    private static final Set<String> TRUSTED_MARKUP = Set.of(
            "${page.qr()}"); // QrSvg output: generated from the QR matrix, no text of the user in it

    private static final Pattern EL = Pattern.compile("\\$\\{[^}]*}");
    private static final Pattern JSP_COMMENT = Pattern.compile("<%--.*?--%>", Pattern.DOTALL);
    private static final Pattern PARAM = Pattern.compile("<fmt:param\\s+value\\s*=\\s*[\"'](\\$\\{[^}]*})");

    static Stream<Path> pages() throws IOException, URISyntaxException {
        URL one = PageEscapingTest.class.getResource("/META-INF/resources/mfa/challenge.jsp");
        Path dir = Path.of(one.toURI()).getParent();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> pages = files.filter(p -> p.toString().endsWith(".jsp") || p.toString().endsWith(".jspf"))
                    .sorted().toList();
            assertThat(pages).hasSizeGreaterThan(5);
            return pages.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("pages")
    void pageWritesEveryDynamicValueEscaped(Path page) throws IOException {
        assertThat(problems(Files.readString(page, StandardCharsets.UTF_8))).as(page.getFileName().toString())
                .isEmpty();
    }

    @Test
    void checkerFindsRawValuesUnescapedParametersAndMessagesInAttributes() {
        assertThat(problems("<p>${stepwise_destination}</p>")).hasSize(1);
        assertThat(problems("<a href=\"${stepwise_settingsUrl}\">x</a>")).hasSize(1);
        assertThat(problems("<c:if test=\"${a > 1}\"><b>${a}</b></c:if>")).hasSize(1);
        assertThat(problems("<fmt:message key=\"k\"><fmt:param value=\"${stepwise_destination}\"/></fmt:message>"))
                .hasSize(1);
        assertThat(problems("<p data-x=\"<fmt:message key='k'/>\"></p>")).hasSize(1);
        assertThat(problems("<c:out value=\"${x}\" escapeXml=\"false\"/>")).hasSize(1);

        assertThat(problems("<p><c:out value=\"${stepwise_destination}\"/></p>")).isEmpty();
        assertThat(problems("<c:if test=\"${fn:length(f) > 1}\"><c:out value='${f}'/></c:if>")).isEmpty();
        assertThat(problems("<fmt:param value=\"${fn:escapeXml(stepwise_destination)}\"/>")).isEmpty();
        assertThat(problems("<%-- ${not rendered} --%><fmt:message key=\"${stepwise_error}\"/>")).isEmpty();
    }

    /** What on {@code jsp} could write a value unescaped; empty when nothing. */
    static List<String> problems(String jsp) {
        String text = JSP_COMMENT.matcher(jsp).replaceAll("");
        List<String> problems = new ArrayList<>();
        Matcher el = EL.matcher(text);
        while (el.find()) {
            if (!TRUSTED_MARKUP.contains(el.group()) && !insideJstlTag(text, el.start())) {
                problems.add("raw " + el.group());
            }
        }
        Matcher param = PARAM.matcher(text);
        while (param.find()) {
            if (!param.group(1).startsWith("${fn:escapeXml(")) {
                problems.add("unescaped <fmt:param> " + param.group(1));
            }
        }
        if (text.matches("(?s).*=\\s*[\"']<fmt:message.*")) {
            problems.add("a message written into an HTML attribute (write it with var= and <c:out>)");
        }
        if (text.contains("escapeXml=\"false\"") || text.contains("escapeXml='false'")) {
            problems.add("escapeXml=false");
        }
        return problems;
    }

    /** Whether the EL at {@code at} is an attribute value of a {@code <c:…>} or {@code <fmt:…>} tag. */
    private static boolean insideJstlTag(String text, int at) {
        int open = text.lastIndexOf('<', at);
        if (open < 0 || !(text.startsWith("<c:", open) || text.startsWith("<fmt:", open))) {
            return false;
        }
        // the tag must still be open at the expression: no '>' between, other than inside earlier expressions
        String between = EL.matcher(text.substring(open, at)).replaceAll("");
        return between.indexOf('>') < 0;
    }
}
