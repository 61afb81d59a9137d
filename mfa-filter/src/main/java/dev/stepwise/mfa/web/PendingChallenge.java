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
 */
public record PendingChallenge(List<String> factors, Requirement requirement, SavedRequest saved, Instant issuedAt)
        implements Serializable {

    public PendingChallenge {
        factors = List.copyOf(factors);
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }
}
