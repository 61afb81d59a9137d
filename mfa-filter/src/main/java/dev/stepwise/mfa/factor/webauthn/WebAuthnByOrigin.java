package dev.stepwise.mfa.factor.webauthn;

import dev.stepwise.mfa.Factors;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.ChallengeView;
import dev.stepwise.mfa.factor.EnrolmentRemoval;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.KeyRegistration;
import dev.stepwise.mfa.factor.Verification;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The {@code webauthn} factor as the application sees it: with {@code stepwise.mfa.webauthn.rp-id} configured,
 * one relying party for every request; without it (development), the relying party of the origin the page
 * was served from — a browser only ever signs for the site it is on, so this cannot be used from elsewhere.
 */
public final class WebAuthnByOrigin implements Factor, KeyRegistration, EnrolmentRemoval {

    /** Origins remembered in development mode; beyond this each request builds its own (no unbounded cache). */
    private static final int MAX_ORIGINS = 16;

    private final WebAuthnConfig configured;
    private final String rpName;
    private final WebAuthnCredentialStore store;
    private final Consumer<? super CloneWarning> cloneWarnings;
    private final Map<String, Parts> byOrigin = new ConcurrentHashMap<>();

    private record Parts(WebAuthnFactor factor, WebAuthnRegistration registration) {
    }

    /**
     * @param configured    the relying party from configuration, or {@code null} for development mode
     * @param rpName        the name authenticators show
     * @param store         the credential records
     * @param cloneWarnings told when a sign count goes backwards
     */
    public WebAuthnByOrigin(WebAuthnConfig configured, String rpName, WebAuthnCredentialStore store,
                            Consumer<? super CloneWarning> cloneWarnings) {
        this.configured = configured;
        this.rpName = Objects.requireNonNull(rpName, "rpName");
        this.store = Objects.requireNonNull(store, "store");
        this.cloneWarnings = Objects.requireNonNull(cloneWarnings, "cloneWarnings");
    }

    @Override
    public String id() {
        return Factors.WEBAUTHN;
    }

    @Override
    public boolean isEnrolled(String user) {
        return !store.list(user).isEmpty();
    }

    @Override
    public ChallengeView beginChallenge(String user, ChallengeContext ctx) {
        return parts(ctx.origin()).factor().beginChallenge(user, ctx);
    }

    @Override
    public Verification verify(String user, Map<String, String> input, ChallengeContext ctx) {
        return parts(ctx.origin()).factor().verify(user, input, ctx);
    }

    @Override
    public String page() {
        return "/mfa/webauthn.jsp";
    }

    /**
     * The registration ceremony for the page's origin.
     *
     * @param origin the origin
     * @return the registration ceremony for the page's origin
     */
    public WebAuthnRegistration registration(String origin) {
        return parts(origin).registration();
    }

    /**
     * Removes every security key and passkey of {@code user} (the caller required a fresh factor first).
     *
     * @param user the user name (the container's caller principal name)
     */
    public void removeAll(String user) {
        for (WebAuthnCredential c : store.list(user)) {
            store.delete(user, c.credentialId());
        }
    }

    /** {@link KeyRegistration}: the ceremony of the page's origin ({@code ctx.origin()}). */
    @Override
    public String beginRegistration(String user, String displayName, ChallengeContext ctx) {
        return registration(ctx.origin()).beginRegistration(user, displayName, ctx);
    }

    /** {@link KeyRegistration}: a refusal is rejected with its reason's message key. */
    @Override
    public Verification finishRegistration(String user, String credentialJson, String name, ChallengeContext ctx) {
        RegistrationResult result = registration(ctx.origin()).finishRegistration(user, credentialJson, name, ctx);
        return result instanceof RegistrationResult.Refused refused
                ? Verification.rejected(refused.reason().messageKey()) : Verification.accepted();
    }

    /** {@link EnrolmentRemoval}: {@link #removeAll}. */
    @Override
    public void removeEnrolment(String user) {
        removeAll(user);
    }

    private Parts parts(String origin) {
        if (configured != null) {
            return byOrigin.computeIfAbsent("", o -> build(configured));
        }
        Parts known = byOrigin.get(origin);
        if (known != null) {
            return known;
        }
        // Development: the page's own host is the relying party and its origin the only one allowed.
        Parts parts = build(WebAuthnConfig.of(URI.create(origin).getHost(), rpName, Set.of(origin)));
        if (byOrigin.size() < MAX_ORIGINS) {
            byOrigin.putIfAbsent(origin, parts);
        }
        return parts;
    }

    private Parts build(WebAuthnConfig config) {
        return new Parts(new WebAuthnFactor(config, store, cloneWarnings), new WebAuthnRegistration(config, store));
    }
}
