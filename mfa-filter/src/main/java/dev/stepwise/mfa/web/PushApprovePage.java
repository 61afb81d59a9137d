package dev.stepwise.mfa.web;

import java.util.Objects;

/**
 * The model of {@code push-approve.jsp}: where its script posts.
 *
 * @param endpoint the approval endpoint with the context path, e.g. {@code /bank/mfa/push/approve}
 */
public record PushApprovePage(String endpoint) {

    /**
     * Checks the components.
     *
     * @param endpoint the approval endpoint with the context path
     */
    public PushApprovePage {
        Objects.requireNonNull(endpoint, "endpoint");
    }
}
