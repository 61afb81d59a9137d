package dev.stepwise.mfa.http;

import dev.stepwise.mfa.core.Requirement;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A challenge the session owes: which factors may answer it, the requirement that asked, and the request to
 * resume afterwards (absent for API clients, which retry themselves).
 *
 * @param id          random id the challenge page's form carries back, so a code typed on a page confirms the
 *                    challenge that page showed and no other (a newer one from another tab or site)
 * @param factors     the factors the challenge page offers
 * @param requirement what asked; its reason key is shown on the page
 * @param saved       the interrupted browser request, or {@code null}
 * @param issuedAt    when the challenge was issued
 * @param expiresAt   when it lapses with the request it saved ({@code stepwise.mfa.challenge.expiry} later)
 */
public record PendingChallenge(String id, List<String> factors, Requirement requirement, SavedRequest saved, Instant issuedAt,
                               Instant expiresAt) implements Serializable {

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /**
     * Checks the components and copies the mutable ones.
     * @param id random id the challenge page's form carries back, so a code typed on a page confirms the challenge that page showed and no other (a newer one from another tab or site)
     * @param factors the factors the challenge page offers
     * @param requirement what asked; its reason key is shown on the page
     * @param saved the interrupted browser request, or {@code null}
     * @param issuedAt when the challenge was issued
     * @param expiresAt when it lapses with the request it saved ({@code stepwise.mfa.challenge.expiry} later)
     */
    public PendingChallenge {
        Objects.requireNonNull(id, "id");
        factors = List.copyOf(factors);
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
    }

    /**
     * A new challenge with a fresh random id.
     *
     * @param factors the factors the challenge page offers
     * @param requirement what asked; its reason key is shown on the page
     * @param saved the interrupted browser request, or {@code null}
     * @param issuedAt when the challenge was issued
     * @param expiresAt when it lapses with the request it saved ({@code stepwise.mfa.challenge.expiry} later)
     * @return a new challenge with a fresh random id
     */
    public static PendingChallenge issue(List<String> factors, Requirement requirement, SavedRequest saved,
                                         Instant issuedAt, Instant expiresAt) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new PendingChallenge(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), factors,
                requirement, saved, issuedAt, expiresAt);
    }

    /**
     * Whether {@code posted} (a form's {@code stepwise_challenge}) names this challenge; constant time.
     *
     * @param posted the posted
     * @return whether {@code posted} (a form's {@code stepwise_challenge}) names this challenge; constant time
     */
    public boolean isNamedBy(String posted) {
        return posted != null && java.security.MessageDigest.isEqual(
                id.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                posted.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /**
     * Whether passing this challenge confirms exactly the saved request and nothing else: a step-up with a
     * {@code maxAge} of zero ({@code @StepUp(maxAge = "PT0S")}) asks for a confirmation per request.
     *
     * @return whether passing this challenge confirms exactly the saved request and nothing else: a step-up with a {@code maxAge} of zero ({@code @StepUp(maxAge = "PT0S")}) asks for a confirmation per request
     */
    public boolean confirmsOneRequest() {
        return requirement.kind() == Requirement.Kind.STEP_UP && requirement.maxAge().isZero();
    }
}
