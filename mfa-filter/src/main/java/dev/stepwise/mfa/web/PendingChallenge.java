package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.Requirement;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A challenge the session owes: which factors may answer it, the requirement that asked, and the request to
 * resume afterwards (absent for API clients, which retry themselves).
 *
 * @param factors     the factors the challenge page offers
 * @param requirement what asked; its reason key is shown on the page
 * @param saved       the interrupted browser request, or {@code null}
 * @param issuedAt    when the challenge was issued
 * @param expiresAt   when it lapses with the request it saved ({@code stepwise.mfa.challenge.expiry} later)
 */
public record PendingChallenge(List<String> factors, Requirement requirement, SavedRequest saved, Instant issuedAt,
                               Instant expiresAt) implements Serializable {

    public PendingChallenge {
        factors = List.copyOf(factors);
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
    }

    /**
     * Whether passing this challenge confirms exactly the saved request and nothing else: a step-up with a
     * {@code maxAge} of zero ({@code @StepUp(maxAge = "PT0S")}) asks for a confirmation per request.
     */
    public boolean confirmsOneRequest() {
        return requirement.kind() == Requirement.Kind.STEP_UP && requirement.maxAge().isZero();
    }
}
