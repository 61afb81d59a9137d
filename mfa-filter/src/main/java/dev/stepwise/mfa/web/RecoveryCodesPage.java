package dev.stepwise.mfa.web;

import java.util.List;
import java.util.Objects;

/**
 * The model of {@code recovery-codes.jsp}: a new set of recovery codes, shown once.
 *
 * @param links the forms' token and targets
 * @param codes the plain codes (the only copy)
 * @param done  message key of what was just done (a first factor enrolled), or {@code null}
 */
public record RecoveryCodesPage(PageLinks links, List<String> codes, String done) {

    /**
     * Checks the components and copies the mutable ones.
     * @param links the forms' token and targets
     * @param codes the plain codes (the only copy)
     * @param done message key of what was just done (a first factor enrolled), or {@code null}
     */
    public RecoveryCodesPage {
        Objects.requireNonNull(links, "links");
        codes = List.copyOf(codes);
    }

    /** Keeps the codes out of logs. */
    @Override
    public String toString() {
        return "RecoveryCodesPage[" + codes.size() + " codes hidden]";
    }
}
