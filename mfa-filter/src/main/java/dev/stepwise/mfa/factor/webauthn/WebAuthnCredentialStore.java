package dev.stepwise.mfa.factor.webauthn;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where WebAuthn credential records and user handles live. Implementations must be thread-safe; a clustered
 * deployment needs a shared one (JDBC), because the sign-count check only holds if every node sees the same
 * counter. Every method that checks and changes does so in <em>one atomic step</em>.
 *
 * <pre>{@code
 * WebAuthnCredentialStore store = new InMemoryWebAuthnCredentialStore();   // tests and single-node demos
 * }</pre>
 *
 * <p>A JDBC implementation needs two tables, for example:
 *
 * <pre>{@code
 * CREATE TABLE stepwise_webauthn_credential (
 *     credential_id            VARBINARY(1023) PRIMARY KEY,   -- BYTEA on PostgreSQL
 *     user_id                  VARCHAR(255)    NOT NULL,
 *     attested_credential_data VARBINARY(4096) NOT NULL,      -- opaque: webauthn4j's serialization
 *     sign_count               BIGINT          NOT NULL,
 *     transports               VARCHAR(255)    NOT NULL,      -- comma-separated, possibly empty
 *     aaguid                   UUID            NOT NULL,
 *     name                     VARCHAR(64)     NOT NULL,
 *     uv_initialized           BOOLEAN         NOT NULL,
 *     backup_eligible          BOOLEAN         NOT NULL,
 *     backed_up                BOOLEAN         NOT NULL,
 *     created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
 *     last_used_at             TIMESTAMP WITH TIME ZONE);
 * CREATE INDEX stepwise_webauthn_credential_user ON stepwise_webauthn_credential (user_id);
 * CREATE TABLE stepwise_webauthn_user_handle (
 *     user_id     VARCHAR(255) PRIMARY KEY,
 *     user_handle VARBINARY(64) NOT NULL UNIQUE);
 * }</pre>
 *
 * <p>Implementations never log credential ids, keys or user handles, and fail closed: an unreachable store
 * throws (the factor then answers "unavailable"), it never answers as if a check had passed.
 */
public interface WebAuthnCredentialStore {

    /**
     * Stores a newly registered credential, unless a credential with the same id exists (for any user):
     * WebAuthn Level 2 §7.1 step 22, "if the credentialId is already known, the Relying Party
     * SHOULD fail this registration ceremony". One atomic insert: in SQL a plain {@code INSERT} whose
     * duplicate-key error (SQLState 23505) becomes {@code false}.
     *
     * @param credential the credential
     * @return {@code true} if stored; {@code false} if the credential id was already registered
     */
    boolean add(WebAuthnCredential credential);

    /**
     * The credential with this id, whoever owns it.
     *
     * @param credentialId the credential's id
     * @return the credential with this id, whoever owns it
     */
    Optional<WebAuthnCredential> find(byte[] credentialId);

    /**
     * The credentials of {@code user}, oldest first; empty if none.
     *
     * @param user the user name (the container's caller principal name)
     * @return the credentials of {@code user}, oldest first; empty if none
     */
    List<WebAuthnCredential> list(String user);

    /**
     * Records a successful sign-in as <em>one atomic compare-and-set</em> on the signature counter (WebAuthn
     * Level 2 §7.2 step 21, "update storedSignCount to be the value of authData.signCount"): only if the stored
     * counter still equals {@code expectedSignCount}, set it to {@code newSignCount}, set {@code backedUp}, set
     * {@code uvInitialized} if {@code uvPerformed}, and set {@code lastUsedAt}. In SQL:
     *
     * <pre>{@code
     * UPDATE stepwise_webauthn_credential
     *    SET sign_count = ?, backed_up = ?, uv_initialized = (uv_initialized OR ?), last_used_at = ?
     *  WHERE credential_id = ? AND sign_count = ?          -- update count 1 = success
     * }</pre>
     *
     * <p>Two concurrent sign-ins with a counting authenticator thus cannot both move the counter from the same
     * old value.
     *
     * @param credentialId the credential's id
     * @param expectedSignCount the expected sign count
     * @param newSignCount the sign count to set
     * @param backedUp the backed up
     * @param uvPerformed the user verification performed
     * @param lastUsedAt the last used at
     * @return {@code true} only if this call updated the record; {@code false} if the counter had changed
     *         meanwhile or the credential does not exist
     */
    boolean updateSignCount(byte[] credentialId, long expectedSignCount, long newSignCount, boolean backedUp,
                            boolean uvPerformed, Instant lastUsedAt);

    /**
     * Gives a credential of {@code user} another name (already checked with
     * {@link WebAuthnCredential#checkName}).
     *
     * @param user the user name (the container's caller principal name)
     * @param credentialId the credential's id
     * @param name the name
     * @return {@code false} if {@code user} has no credential with this id
     */
    boolean rename(String user, byte[] credentialId, String name);

    /**
     * Removes a credential of {@code user}; another user's credential with this id is left alone.
     *
     * @param user the user name (the container's caller principal name)
     * @param credentialId the credential's id
     * @return {@code true} if a credential was removed
     */
    boolean delete(String user, byte[] credentialId);

    /**
     * Removes a credential of {@code user} only if the user keeps another one, in <em>one atomic step</em>: two
     * calls racing for a user's last two credentials remove one. In SQL a transaction that locks the user's rows
     * first ({@code SELECT … WHERE user_id = ? FOR UPDATE}), then deletes when the credential is among them and is
     * not the only one.
     *
     * @param user the user name (the container's caller principal name)
     * @param credentialId the credential's id
     * @return {@code true} if this call removed it; {@code false} if it is the user's last credential, another
     *         user's, or not there
     */
    boolean deleteUnlessLast(String user, byte[] credentialId);

    /**
     * The WebAuthn user handle of {@code user} ({@code user.id} in the creation options): the stored one, or
     * {@code candidate} after storing it if there is none yet, in one atomic step (in SQL an
     * {@code INSERT … ON CONFLICT DO NOTHING} / {@code MERGE} followed by a {@code SELECT}). The caller passes
     * 32 fresh random bytes; WebAuthn §14.6.1 recommends a random handle that reveals nothing about the user,
     * so the user name itself is never sent.
     *
     * @param user the user name (the container's caller principal name)
     * @param candidate the candidate
     * @return the user's handle; equal to {@code candidate} only on the first call for this user
     */
    byte[] userHandle(String user, byte[] candidate);

    /**
     * The stored WebAuthn user handle of {@code user}, without creating one: passkey sign-in compares the
     * {@code userHandle} of an assertion with it (WebAuthn Level 2 §7.2 step 6), and a read must not write. In SQL
     * {@code SELECT user_handle FROM stepwise_webauthn_user_handle WHERE user_id = ?}.
     *
     * @param user the user name (the container's caller principal name)
     * @return the user's handle; empty if none was ever given out
     */
    Optional<byte[]> findUserHandle(String user);
}
