package dev.stepwise.mfa.factor.webauthn;

import dev.stepwise.mfa.core.KeyRules;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One registered WebAuthn credential (a security key or a passkey) as the store keeps it: the WebAuthn
 * "credential record" (WebAuthn Level 3 §4, "Credential Record") plus what the settings page shows.
 *
 * <p>Column-by-column this is what a JDBC store persists; nothing here is secret (the private key never leaves
 * the authenticator), but the credential id and public key are personal data and are not logged.
 *
 * <pre>{@code
 * // a store implementation reading a row back:
 * new WebAuthnCredential(rs.getString("user_id"), rs.getBytes("credential_id"),
 *         rs.getBytes("attested_credential_data"), rs.getLong("sign_count"),
 *         Set.of(rs.getString("transports").split(",")), rs.getObject("aaguid", UUID.class),
 *         rs.getString("name"), rs.getBoolean("uv_initialized"), rs.getBoolean("backup_eligible"),
 *         rs.getBoolean("backed_up"), rs.getTimestamp("created_at").toInstant(),
 *         lastUsed == null ? null : lastUsed.toInstant());
 * }</pre>
 *
 * @param user                   the application's user id (the principal name) that owns the credential
 * @param credentialId           the credential id chosen by the authenticator, 1 to {@value #MAX_CREDENTIAL_ID}
 *                               bytes (WebAuthn Level 3 §7.1: at most 1023 bytes); copied in and out
 * @param attestedCredentialData the attested credential data (AAGUID, credential id, COSE public key) as
 *                               webauthn4j's {@code AttestedCredentialDataConverter} serializes it; opaque to
 *                               the store; copied in and out
 * @param signCount              the last signature counter seen, {@code 0} if the authenticator does not count
 *                               (WebAuthn §6.1.1); 0 to 2<sup>32</sup>-1
 * @param transports             hints from the browser, e.g. {@code "usb"}, {@code "internal"},
 *                               {@code "hybrid"}; possibly empty
 * @param aaguid                 the authenticator model id from the attested credential data (all zeros with
 *                               attestation "none" on many platforms)
 * @param name                   the name the user gave it ("YubiKey on my keyring"), 1 to {@value #MAX_NAME}
 *                               characters
 * @param uvInitialized          whether user verification was performed when the credential was created or
 *                               last used (WebAuthn Level 3 credential record {@code uvInitialized})
 * @param backupEligible         the BE flag at registration: a passkey that may be synced
 * @param backedUp               the BS flag last seen: the passkey is currently backed up / synced
 * @param createdAt              when it was registered
 * @param lastUsedAt             when it last signed in, or {@code null} if never
 */
public record WebAuthnCredential(String user, byte[] credentialId, byte[] attestedCredentialData, long signCount,
                                 Set<String> transports, UUID aaguid, String name, boolean uvInitialized,
                                 boolean backupEligible, boolean backedUp, Instant createdAt,
                                 Instant lastUsedAt) {

    /** WebAuthn Level 3 §7.1 (registration): a credential id is at most 1023 bytes. */
    public static final int MAX_CREDENTIAL_ID = 1023;

    /** Longest user-chosen name, in {@code char}s. */
    public static final int MAX_NAME = 64;

    /** Largest signature counter: the authenticator data carries it as an unsigned 32-bit integer. */
    public static final long MAX_SIGN_COUNT = 0xFFFF_FFFFL;

    /**
     * Checks the components and copies the mutable ones.
     * @param user the application's user id (the principal name) that owns the credential
     * @param credentialId the credential id chosen by the authenticator, 1 to {@value #MAX_CREDENTIAL_ID} bytes (WebAuthn Level 3 §7.1: at most 1023 bytes); copied in and out
     * @param attestedCredentialData the attested credential data (AAGUID, credential id, COSE public key) as webauthn4j's {@code AttestedCredentialDataConverter} serializes it; opaque to the store; copied in and out
     * @param signCount the last signature counter seen, {@code 0} if the authenticator does not count (WebAuthn §6.1.1); 0 to 2<sup>32</sup>-1
     * @param transports hints from the browser, e.g. {@code "usb"}, {@code "internal"}, {@code "hybrid"}; possibly empty
     * @param aaguid the authenticator model id from the attested credential data (all zeros with attestation "none" on many platforms)
     * @param name the name the user gave it ("YubiKey on my keyring"), 1 to {@value #MAX_NAME} characters
     * @param uvInitialized whether user verification was performed when the credential was created or last used (WebAuthn Level 3 credential record {@code uvInitialized})
     * @param backupEligible the BE flag at registration: a passkey that may be synced
     * @param backedUp the BS flag last seen: the passkey is currently backed up / synced
     * @param createdAt when it was registered
     * @param lastUsedAt when it last signed in, or {@code null} if never
     */
    public WebAuthnCredential {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(credentialId, "credentialId");
        if (credentialId.length == 0 || credentialId.length > MAX_CREDENTIAL_ID) {
            throw new IllegalArgumentException("credentialId must be 1 to " + MAX_CREDENTIAL_ID + " bytes, was "
                    + credentialId.length);
        }
        credentialId = credentialId.clone();
        Objects.requireNonNull(attestedCredentialData, "attestedCredentialData");
        attestedCredentialData = attestedCredentialData.clone();
        if (signCount < 0 || signCount > MAX_SIGN_COUNT) {
            throw new IllegalArgumentException("signCount must be 0 to " + MAX_SIGN_COUNT + ", was " + signCount);
        }
        transports = Set.copyOf(transports);
        Objects.requireNonNull(aaguid, "aaguid");
        name = storedName(name);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * Checks a user-chosen credential name by {@link KeyRules#name}: trimmed, 1 to {@value #MAX_NAME} characters,
     * no control or format characters.
     *
     * @param name the name the user gave it ("YubiKey on my keyring"), 1 to {@value #MAX_NAME} characters
     * @return the trimmed name
     * @throws IllegalArgumentException naming the field if the name is not acceptable
     */
    public static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        return KeyRules.name(name).orElseThrow(() -> new IllegalArgumentException(
                "name must be 1 to " + MAX_NAME + " characters, without control or format characters"));
    }

    /**
     * A name as read back: only trimmed, non-empty, at most {@value #MAX_NAME} characters and free of control
     * characters (what every release accepted), so that a name stored before the stricter {@link #checkName}
     * never makes a key unreadable.
     */
    private static String storedName(String name) {
        Objects.requireNonNull(name, "name");
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("name must be 1 to " + MAX_NAME + " characters");
        }
        return trimmed;
    }

    /** {@return the credential ID (a copy)} */
    @Override
    public byte[] credentialId() {
        return credentialId.clone();
    }

    /** {@return the attested credential data (a copy)} */
    @Override
    public byte[] attestedCredentialData() {
        return attestedCredentialData.clone();
    }

    /** {@return the credential id in base64url without padding, as the browser's {@code PublicKeyCredential.id}} */
    public String credentialIdBase64Url() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(credentialId);
    }

    /**
     * This credential after a successful sign-in.
     *
     * @param newSignCount the sign count to set
     * @param nowBackedUp the now backed up
     * @param uvPerformed the user verification performed
     * @param at the instant
     * @return this credential after a successful sign-in
     */
    public WebAuthnCredential used(long newSignCount, boolean nowBackedUp, boolean uvPerformed, Instant at) {
        return new WebAuthnCredential(user, credentialId, attestedCredentialData, newSignCount, transports, aaguid,
                name, uvInitialized || uvPerformed, backupEligible, nowBackedUp, createdAt, at);
    }

    /**
     * This credential under another user-chosen name.
     *
     * @param newName the name to set
     * @return this credential under another user-chosen name
     */
    public WebAuthnCredential renamed(String newName) {
        return new WebAuthnCredential(user, credentialId, attestedCredentialData, signCount, transports, aaguid,
                newName, uvInitialized, backupEligible, backedUp, createdAt, lastUsedAt);
    }

    /**
     * Whether {@code id} is this credential's id (constant time).
     *
     * @param id the id
     * @return whether {@code id} is this credential's id (constant time)
     */
    public boolean hasId(byte[] id) {
        return id != null && MessageDigest.isEqual(credentialId, id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebAuthnCredential c && user.equals(c.user) && Arrays.equals(credentialId, c.credentialId)
                && Arrays.equals(attestedCredentialData, c.attestedCredentialData) && signCount == c.signCount
                && transports.equals(c.transports) && aaguid.equals(c.aaguid) && name.equals(c.name)
                && uvInitialized == c.uvInitialized && backupEligible == c.backupEligible
                && backedUp == c.backedUp && createdAt.equals(c.createdAt)
                && Objects.equals(lastUsedAt, c.lastUsedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, Arrays.hashCode(credentialId), signCount, name, createdAt);
    }

    /** Names the owner and the user-chosen name only: ids and keys stay out of logs. */
    @Override
    public String toString() {
        return "WebAuthnCredential[user=" + user + ", name=" + name + ", signCount=" + signCount + "]";
    }
}
