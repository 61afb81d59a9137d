package dev.stepwise.mfa.web;

import java.util.Objects;

/**
 * The model of {@code webauthn-register.jsp}: the options of a new security-key ceremony for the page's script.
 *
 * @param links   the forms' token and targets
 * @param options the ceremony's options (JSON)
 * @param error   message key of why the last answer was refused, or {@code null}
 */
public record KeyRegistrationPage(PageLinks links, String options, String error) {

    /**
     * Checks the components.
     * @param links the forms' token and targets
     * @param options the ceremony's options (JSON)
     * @param error message key of why the last answer was refused, or {@code null}
     */
    public KeyRegistrationPage {
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(options, "options");
    }
}
