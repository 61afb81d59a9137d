package dev.stepwise.mfa.factor.webauthn;

import dev.stepwise.mfa.Factors;
import dev.stepwise.mfa.core.KeyRules;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.ChallengeView;
import dev.stepwise.mfa.factor.EnrolmentRemoval;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.KeyManagement;
import dev.stepwise.mfa.factor.KeyRegistration;
import dev.stepwise.mfa.factor.PasskeyLogin;
import dev.stepwise.mfa.factor.Verification;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The {@code webauthn} factor as the application sees it: with {@code stepwise.mfa.webauthn.rp-id} configured,
 * one relying party for every request; without it (development), the relying party of the origin the page
 * was served from — a browser only ever signs for the site it is on, so this cannot be used from elsewhere.
 */
public final class WebAuthnByOrigin implements Factor, KeyRegistration, EnrolmentRemoval, KeyManagement,
        PasskeyLogin {

    /** Origins remembered in development mode; beyond this each request builds its own (no unbounded cache). */
    private static final int MAX_ORIGINS = 16;

    private final WebAuthnConfig configured;
    private final String rpName;
    private final WebAuthnConfig.UserVerification developmentUv;
    private final WebAuthnCredentialStore store;
    private final Consumer<? super CloneWarning> cloneWarnings;
    private final Map<String, Parts> byOrigin = new ConcurrentHashMap<>();

    private record Parts(WebAuthnFactor factor, WebAuthnRegistration registration, PasskeySignIn passkeys) {
    }

    /**
     * With user verification {@code preferred} in development mode (a configured relying party brings its own).
     *
     * @param configured    the relying party from configuration, or {@code null} for development mode
     * @param rpName        the name authenticators show
     * @param store         the credential records
     * @param cloneWarnings told when a sign count goes backwards
     */
    public WebAuthnByOrigin(WebAuthnConfig configured, String rpName, WebAuthnCredentialStore store,
                            Consumer<? super CloneWarning> cloneWarnings) {
        this(configured, rpName, WebAuthnConfig.UserVerification.PREFERRED, store, cloneWarnings);
    }

    /**
     * @param configured       the relying party from configuration (with its own
     *                         {@link WebAuthnConfig#userVerification()}), or {@code null} for development mode
     * @param rpName           the name authenticators show
     * @param userVerification what each origin's relying party asks for and checks in development mode
     *                         ({@code stepwise.mfa.webauthn.user-verification})
     * @param store            the credential records
     * @param cloneWarnings    told when a sign count goes backwards
     */
    public WebAuthnByOrigin(WebAuthnConfig configured, String rpName, WebAuthnConfig.UserVerification userVerification,
                            WebAuthnCredentialStore store, Consumer<? super CloneWarning> cloneWarnings) {
        this.configured = configured;
        this.rpName = Objects.requireNonNull(rpName, "rpName");
        this.developmentUv = Objects.requireNonNull(userVerification, "userVerification");
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
     * Passkey sign-in (README "Passkey sign-in") for the page's origin.
     *
     * @param origin the page's origin, e.g. {@code https://bank.example}
     * @return passkey sign-in for the page's origin
     */
    public PasskeySignIn passkeySignIn(String origin) {
        return parts(origin).passkeys();
    }

    @Override
    public String beginPasskeySignIn(ChallengeContext ctx) {
        return passkeySignIn(ctx.origin()).begin(ctx);
    }

    @Override
    public Optional<PasskeyLogin.Claim> claimPasskey(String json, ChallengeContext ctx) {
        return passkeySignIn(ctx.origin()).claim(json, ctx).map(PasskeyLogin.Claim.class::cast);
    }

    /** Refuses a claim this factor did not make. */
    @Override
    public Verification verifyPasskey(PasskeyLogin.Claim claim, ChallengeContext ctx) {
        if (!(claim instanceof PasskeySignIn.Claim own)) {
            return Verification.rejected(WebAuthnFactor.ERROR);
        }
        return passkeySignIn(ctx.origin()).verify(own, ctx);
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

    /** {@link KeyManagement}: the credentials as keys; the id is the credential id in base64url. */
    @Override
    public List<ManagedKey> keys(String user) {
        return store.list(user).stream().map(c -> new ManagedKey(c.credentialIdBase64Url(), c.name(),
                KeyRules.kind(c.transports(), c.backupEligible()), c.createdAt(), c.lastUsedAt())).toList();
    }

    /** {@link KeyManagement}: an id that is not base64url of a credential id names no key. */
    @Override
    public boolean renameKey(String user, String keyId, String name) {
        byte[] id = credentialId(keyId);
        return id != null && store.rename(user, id, name);
    }

    /** {@link KeyManagement}: the last key goes only by the store's atomic "unless last" unless it may. */
    @Override
    public Removal removeKey(String user, String keyId, boolean mayRemoveLast) {
        Objects.requireNonNull(user, "user");
        byte[] id = credentialId(keyId);
        if (id == null) {
            return Removal.NOT_FOUND;
        }
        if (mayRemoveLast ? store.delete(user, id) : store.deleteUnlessLast(user, id)) {
            return Removal.REMOVED;
        }
        boolean owned = store.find(id).map(c -> c.user().equals(user)).orElse(false);
        return owned && !mayRemoveLast ? Removal.LAST_KEY : Removal.NOT_FOUND;
    }

    /** The credential id a key id names, or {@code null} when it is not base64url of 1 to 1023 bytes. */
    private static byte[] credentialId(String keyId) {
        if (keyId == null || keyId.isEmpty() || keyId.length() > 1364 || !keyId.matches("[A-Za-z0-9_-]+")) {
            return null;
        }
        try {
            byte[] id = Base64.getUrlDecoder().decode(keyId);
            return id.length == 0 || id.length > WebAuthnCredential.MAX_CREDENTIAL_ID ? null : id;
        } catch (IllegalArgumentException e) {
            return null;
        }
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
        Parts parts = build(WebAuthnConfig.of(URI.create(origin).getHost(), rpName, Set.of(origin))
                .withUserVerification(developmentUv));
        if (byOrigin.size() < MAX_ORIGINS) {
            byOrigin.putIfAbsent(origin, parts);
        }
        return parts;
    }

    private Parts build(WebAuthnConfig config) {
        return new Parts(new WebAuthnFactor(config, store, cloneWarnings), new WebAuthnRegistration(config, store),
                new PasskeySignIn(config, store, cloneWarnings));
    }
}
