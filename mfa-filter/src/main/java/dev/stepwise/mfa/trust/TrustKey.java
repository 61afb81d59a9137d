package dev.stepwise.mfa.trust;

import java.security.SecureRandom;
import java.util.Base64;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One HMAC-SHA256 key that signs trust-this-device cookies. It signs during {@code [signsFrom, signsUntil)} and
 * verifies until {@code expiresAt} (the end of its signing window plus the longest cookie lifetime, so every
 * cookie it signed can be checked until the cookie itself expires). {@link TrustKeyRing} decides when one is
 * needed; the store shares them between nodes.
 *
 * <pre>{@code
 * TrustKey k = TrustKey.generate(ring.slotAt(now), new SecureRandom());
 * }</pre>
 *
 * @param id         short public id carried in each cookie ({@code [A-Za-z0-9_-]{1,16}})
 * @param slot       the rotation slot it was made for; at most one key per slot exists
 * @param secret     the key bytes (≥ 32), copied in and out; never shown by {@link #toString()}
 * @param signsFrom  start of the signing window
 * @param signsUntil end of the signing window (exclusive)
 * @param expiresAt  end of verification (exclusive)
 */
public record TrustKey(String id, String slot, byte[] secret, Instant signsFrom, Instant signsUntil,
                       Instant expiresAt) {

    /** Key length of a generated key: the HMAC-SHA256 block-size recommendation of RFC 2104 §3 is ≥ 32 bytes. */
    public static final int SECRET_BYTES = 32;

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");

    /**
     * Checks the components and copies the mutable ones.
     * @param id short public id carried in each cookie ({@code [A-Za-z0-9_-]{1,16}})
     * @param slot the rotation slot it was made for; at most one key per slot exists
     * @param secret the key bytes (≥ 32), copied in and out; never shown by {@link #toString()}
     * @param signsFrom start of the signing window
     * @param signsUntil end of the signing window (exclusive)
     * @param expiresAt end of verification (exclusive)
     */
    public TrustKey {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a trust key id is 1 to 16 characters of [A-Za-z0-9_-]");
        }
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(secret, "secret");
        if (secret.length < SECRET_BYTES) {
            throw new IllegalArgumentException("a trust key needs at least " + SECRET_BYTES + " bytes");
        }
        secret = secret.clone();
        Objects.requireNonNull(signsFrom, "signsFrom");
        Objects.requireNonNull(signsUntil, "signsUntil");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!signsFrom.isBefore(signsUntil) || expiresAt.isBefore(signsUntil)) {
            throw new IllegalArgumentException("a trust key needs signsFrom < signsUntil ≤ expiresAt");
        }
    }

    /**
     * A new key for the slot named {@code slot} (signing from {@code signsFrom} until {@code signsUntil}, checked
     * until {@code expiresAt}) with a random 12-character id and 32 random key bytes.
     *
     * @param slot the rotation slot it was made for; at most one key per slot exists
     * @param signsFrom start of the signing window
     * @param signsUntil end of the signing window (exclusive)
     * @param expiresAt end of verification (exclusive)
     * @param random the source of randomness
     * @return a new key for the slot named {@code slot} (signing from {@code signsFrom} until {@code signsUntil}, checked until {@code expiresAt}) with a random 12-character id and 32 random key bytes
     */
    public static TrustKey generate(String slot, Instant signsFrom, Instant signsUntil, Instant expiresAt,
                                    SecureRandom random) {
        byte[] idBytes = new byte[9];
        random.nextBytes(idBytes);
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return new TrustKey(Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes), slot, secret,
                signsFrom, signsUntil, expiresAt);
    }

    /** {@return the secret (a copy)} */
    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /**
     * Whether it may sign at {@code now}.
     *
     * @param now the current instant
     * @return whether it may sign at {@code now}
     */
    public boolean signsAt(Instant now) {
        return !now.isBefore(signsFrom) && now.isBefore(signsUntil) && now.isBefore(expiresAt);
    }

    /**
     * Whether it may verify at {@code now}.
     *
     * @param now the current instant
     * @return whether it may verify at {@code now}
     */
    public boolean verifiesAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustKey k && id.equals(k.id) && slot.equals(k.slot)
                && java.security.MessageDigest.isEqual(secret, k.secret) && signsFrom.equals(k.signsFrom)
                && signsUntil.equals(k.signsUntil) && expiresAt.equals(k.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, slot, signsFrom, signsUntil, expiresAt);
    }

    @Override
    public String toString() {
        return "TrustKey[" + id + ", slot " + slot + ", signs " + signsFrom + ".." + signsUntil + ", expires "
                + expiresAt + "]";
    }
}
