package dev.stepwise.mfa.web;

import java.util.Objects;

/**
 * The model of {@code passkey.jsp}, the library's passkey sign-in page.
 *
 * @param endpoint the passkey sign-in endpoint with the context path, e.g. {@code /bank/mfa/passkey}; the script
 *                 posts to its {@code /options} and {@code /verify}
 * @param signIn   the application's own sign-in, with the context path (its start page)
 */
public record PasskeyPage(String endpoint, String signIn) {

    /**
     * Checks the components.
     * @param endpoint the passkey sign-in endpoint with the context path
     * @param signIn the application's own sign-in, with the context path
     */
    public PasskeyPage {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(signIn, "signIn");
    }
}
