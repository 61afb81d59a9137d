package dev.stepwise.mfa.web;

import java.util.Objects;

/**
 * The model of {@code resubmit.jsp}: the saved request cannot run again by itself (its body was not kept), so the
 * user is sent back to it.
 *
 * @param target the context-relative URL to go back to, with the context path
 */
public record ResubmitPage(String target) {

    /**
     * Checks the components.
     * @param target the context-relative URL to go back to, with the context path
     */
    public ResubmitPage {
        Objects.requireNonNull(target, "target");
    }
}
