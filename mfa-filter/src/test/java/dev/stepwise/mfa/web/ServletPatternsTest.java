package dev.stepwise.mfa.web;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServletPatternsTest {

    private final ServletPatterns patterns = new ServletPatterns(Map.of(
            "/it/protected", "exact",
            "/it/*", "it",
            "/it/deeper/*", "deeper",
            "*.jsp", "jsp",
            "", "root",
            "/", "default"));

    @Test
    void anExactPatternWinsOverAPrefix() {
        assertThat(patterns.servletFor("/it/protected")).hasValue("exact");
    }

    @Test
    void theLongestPrefixWins() {
        assertThat(patterns.servletFor("/it/other")).hasValue("it");
        assertThat(patterns.servletFor("/it")).hasValue("it");
        assertThat(patterns.servletFor("/it/deeper/x/y")).hasValue("deeper");
        assertThat(patterns.servletFor("/it/deeper")).hasValue("deeper");
        assertThat(patterns.servletFor("/it/protected/more")).as("an exact pattern is not a prefix").hasValue("it");
    }

    @Test
    void aPrefixMatchesWholeSegmentsOnly() {
        assertThat(patterns.servletFor("/items")).hasValue("default");
    }

    @Test
    void anExtensionIsReadOnTheLastSegmentAfterPrefixes() {
        assertThat(patterns.servletFor("/pages/a.jsp")).hasValue("jsp");
        assertThat(patterns.servletFor("/it/a.jsp")).as("a prefix wins over an extension").hasValue("it");
        assertThat(patterns.servletFor("/a.jsp/b")).hasValue("default");
    }

    @Test
    void theEmptyPatternIsTheContextRootAndSlashIsTheDefault() {
        assertThat(patterns.servletFor("/")).hasValue("root");
        assertThat(patterns.servletFor("/nothing/else")).hasValue("default");
        assertThat(new ServletPatterns(Map.of("/a", "a")).servletFor("/b")).isEmpty();
        assertThat(patterns.servletFor("")).isEmpty();
    }

    @Test
    void theContextRootGoesToAPrefixBeforeTheDefaultServlet() {
        assertThat(new ServletPatterns(Map.of("/*", "all", "/", "default")).servletFor("/")).hasValue("all");
        assertThat(new ServletPatterns(Map.of("/", "default")).servletFor("/")).hasValue("default");
    }

    @Test
    void aPathThatLooksLikeAPatternIsNotOne() {
        assertThat(new ServletPatterns(Map.of("/x/*", "x", "*.jsp", "jsp")).servletFor("/x/*")).hasValue("x");
        assertThat(new ServletPatterns(Map.of("*.jsp", "jsp")).servletFor("*.jsp")).as("not context-relative")
                .isEmpty();
    }
}
