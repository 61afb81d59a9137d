package dev.stepwise.mfa.factor;

import dev.stepwise.mfa.core.KeyRules;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A factor's capability to manage a user's keys one by one (the built-in {@code webauthn} factor): list them,
 * rename one, remove one. Keys are named by an opaque {@link ManagedKey#id() id} (for WebAuthn the credential id
 * in base64url); ids of another user's keys are treated as unknown. The caller decides whether a change is
 * allowed (a fresh factor first, never below the login policy: docs/security-model.md); the settings page and
 * {@code MfaAdministration} use it through {@code factor.capability(KeyManagement.class)}.
 */
public interface KeyManagement {

    /**
     * The keys of {@code user}, oldest first; never key material.
     *
     * @param user the user name (the container's caller principal name)
     * @return the keys of {@code user}, oldest first; empty if none
     */
    List<ManagedKey> keys(String user);

    /**
     * Gives one of {@code user}'s keys another name.
     *
     * @param user  the user name (the container's caller principal name)
     * @param keyId the key's {@link ManagedKey#id() id}
     * @param name  the new name, already checked with {@link KeyRules#name}
     * @return {@code false} if {@code user} has no key with this id (nothing changed)
     * @throws IllegalArgumentException if {@code name} does not pass {@link KeyRules#name}
     */
    boolean renameKey(String user, String keyId, String name);

    /**
     * Removes one of {@code user}'s keys, in one atomic step with the check that it is not the last one unless
     * {@code mayRemoveLast}: two removals racing for a user's last two keys leave one.
     *
     * @param user          the user name (the container's caller principal name)
     * @param keyId         the key's {@link ManagedKey#id() id}
     * @param mayRemoveLast whether the user's last key may go (removing the whole factor is allowed)
     * @return what happened
     */
    Removal removeKey(String user, String keyId, boolean mayRemoveLast);

    /** What {@link #removeKey} did. */
    enum Removal {
        /** The key was removed by this call. */
        REMOVED,
        /** The user has no key with this id (another user's, a removed one, or none): nothing removed. */
        NOT_FOUND,
        /** It is the user's last key and it may not go: nothing removed. */
        LAST_KEY
    }

    /**
     * One key as the settings and the administrators see it: never key material.
     *
     * @param id         the key's opaque id, for forms (for WebAuthn the credential id in base64url)
     * @param name       the name the user gave it
     * @param kind       security key or passkey ({@link KeyRules#kind})
     * @param addedAt    when it was registered
     * @param lastUsedAt when it last signed in, or {@code null} if never
     */
    record ManagedKey(String id, String name, KeyRules.KeyKind kind, Instant addedAt, Instant lastUsedAt) {
        /**
         * Checks the components.
         *
         * @param id         the key's opaque id, for forms (for WebAuthn the credential id in base64url)
         * @param name       the name the user gave it
         * @param kind       security key or passkey ({@link KeyRules#kind})
         * @param addedAt    when it was registered
         * @param lastUsedAt when it last signed in, or {@code null} if never
         */
        public ManagedKey {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(addedAt, "addedAt");
        }
    }
}
