package dev.stepwise.mfa.web;

import java.util.Objects;

/**
 * The model of {@code error.jsp}: something in the library or a factor failed, nothing was granted, and the user
 * can go back to the application.
 *
 * @param home the application's start page, with the context path
 */
public record ErrorPage(String home) {

    /**
     * Checks the components.
     * @param home the application's start page, with the context path
     */
    public ErrorPage {
        Objects.requireNonNull(home, "home");
    }
}
