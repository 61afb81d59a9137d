package dev.stepwise.mfa.trust;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * "Trust this device": issues the cookie value with its server-side record, checks a presented cookie, and lists
 * and revokes a user's devices. Pure Java; the web layer sets and clears the cookie
 * ({@code __Host-stepwise-trust}, with the context path in an application not at the root; Secure, HttpOnly,
 * SameSite=Lax, Path=/, {@code Max-Age} = {@link Issued#maxAge()}).
 *
 * <pre>{@code
 * TrustedDevices trust = new TrustedDevices(store.trustedDevices(), store.trustKeys(), clock,
 *         Duration.ofDays(30), TrustedDevices.DEFAULT_KEY_ROTATION, new SecureRandom());
 * TrustedDevices.Issued issued = trust.issue("alice", request.getHeader("User-Agent"));   // after a verified factor
 * DeviceTrust t = trust.check(cookieValue, "alice");                                     // at the next login
 * trust.revokeAll("alice");                                                               // password changed
 * }</pre>
 *
 * <p>A cookie is trusted only if its signature is valid (constant-time, before anything in it is used), it belongs
 * to the user presenting it, it has not expired, and its device record exists, belongs to that user, is not
 * revoked and has not expired (NIST SP 800-63B rev4 §5.1; CVE-2015-8314: a remember cookie must be revocable and
 * must expire). Signing keys rotate (see {@link TrustKeyRing}) and are shared through the {@link TrustKeyStore};
 * this class caches them, re-reading every {@value #KEY_REFRESH_MINUTES} minutes. A cookie naming a key the cache
 * lacks is found at once when another node made that key since the cache was read: every key that can sign now
 * belongs to the current or the next slot, so a cache missing either of them is completed (made where missing, as
 * issuing does, then re-read) before a cookie is refused. Once the cache holds both, an unknown key id is not one
 * this deployment signs with and re-reads the store at most once per {@value #UNKNOWN_KEY_RELOAD_SECONDS} s, so
 * random key ids cannot turn into a store query per request.
 *
 * <p>Store faults propagate as the store's unchecked exception; callers treat them as "not trusted" (fail closed).
 * Thread-safe.
 */
public final class TrustedDevices {

    /** Default of {@code key-rotation}: a new signing key every 90 days. */
    public static final Duration DEFAULT_KEY_ROTATION = Duration.ofDays(90);

    static final int KEY_REFRESH_MINUTES = 5;
    static final int UNKNOWN_KEY_RELOAD_SECONDS = 10;

    private final TrustedDeviceStore devices;
    private final TrustKeyStore keyStore;
    private final Clock clock;
    private final Duration trustDuration;
    private final TrustKeyRing ring;
    private final SecureRandom random;
    private final TrustTokenCodec codec = new TrustTokenCodec();

    private volatile KeySnapshot keys;
    /** One thread at a time completes the cache with the current and next slot's keys. */
    private final Object keyLock = new Object();

    private record KeySnapshot(List<TrustKey> keys, Instant loadedAt) {
    }

    /**
     * The result of {@link #issue}: the record and the cookie value to set.
     *
     * @param device      the new record
     * @param cookieValue the value of the trust cookie; a bearer secret, never log it
     * @param maxAge      the cookie's {@code Max-Age}
     */
    public record Issued(TrustedDevice device, String cookieValue, Duration maxAge) {
        /**
         * Checks the components.
         * @param device the new record
         * @param cookieValue the value of the trust cookie; a bearer secret, never log it
         * @param maxAge the cookie's {@code Max-Age}
         */
        public Issued {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(cookieValue, "cookieValue");
            Objects.requireNonNull(maxAge, "maxAge");
        }

        @Override
        public String toString() {
            return "Issued[" + device + ", cookie hidden, maxAge " + maxAge + "]";
        }
    }

    /**
     * @param devices       the device records
     * @param keyStore      the shared signing keys
     * @param clock         the library's clock
     * @param trustDuration {@code stepwise.mfa.trust.duration}; whole seconds; zero disables {@link #issue}
     * @param keyRotation   {@code key-rotation}, e.g. {@link #DEFAULT_KEY_ROTATION}
     * @param random        for device ids and keys
     */
    public TrustedDevices(TrustedDeviceStore devices, TrustKeyStore keyStore, Clock clock, Duration trustDuration,
                          Duration keyRotation, SecureRandom random) {
        this.devices = Objects.requireNonNull(devices, "devices");
        this.keyStore = Objects.requireNonNull(keyStore, "keyStore");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.trustDuration = Objects.requireNonNull(trustDuration, "trustDuration");
        if (trustDuration.isNegative() || trustDuration.getNano() != 0) {
            throw new IllegalArgumentException("the trust duration must be zero or a positive number of seconds");
        }
        this.ring = new TrustKeyRing(keyRotation, trustDuration);
        this.random = Objects.requireNonNull(random, "random");
    }

    /** {@return whether devices can be trusted at all ({@code stepwise.mfa.trust.duration} is not {@code PT0S})} */
    public boolean isEnabled() {
        return !trustDuration.isZero();
    }

    /**
     * Trusts the current device of {@code user}: stores a record and returns the signed cookie value. Call it only
     * after a factor was verified in this request and the user asked for it.
     *
     * @param userAgent the {@code User-Agent} header (summarised, see {@link TrustedDevice#summarize})
     * @param user the user name (the container's caller principal name)
     * @return the issued
     * @throws IllegalStateException if trust is disabled
     */
    public Issued issue(String user, String userAgent) {
        Objects.requireNonNull(user, "user");
        if (!isEnabled()) {
            throw new IllegalStateException("trusting devices is disabled (trust duration PT0S)");
        }
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Instant expires = now.plus(trustDuration);
        TrustKey key = signingKey(now);
        byte[] id = new byte[TrustToken.ID_BYTES];
        random.nextBytes(id);
        String deviceId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        TrustedDevice device = new TrustedDevice(deviceId, user, now, now, userAgent, expires, null);
        devices.create(device);
        String cookie = codec.encode(TrustToken.of(key.id(), user, deviceId, now, expires), key);
        return new Issued(device, cookie, trustDuration);
    }

    /**
     * Checks a presented cookie value for the authenticated {@code user}. Any value, including {@code null},
     * garbage and another user's cookie, gives {@link DeviceTrust.Untrusted}, never an exception. A trusted
     * device's last-seen time is updated.
     *
     * @param cookieValue the value of the trust cookie; a bearer secret, never log it
     * @param user the user name (the container's caller principal name)
     * @return the device trust
     */
    public DeviceTrust check(String cookieValue, String user) {
        Objects.requireNonNull(user, "user");
        Instant now = clock.instant();
        TokenVerdict verdict = codec.verify(cookieValue, user, id -> verifyingKey(id, now), now);
        if (verdict instanceof TokenVerdict.Rejected r) {
            return new DeviceTrust.Untrusted(r.reason());
        }
        TrustToken token = ((TokenVerdict.Verified) verdict).token();
        // one conditional write that is also the whole check of the record (one round trip on a sign-in)
        Optional<TrustedDevice> used = devices.touchIfActive(user, token.deviceIdText(), now);
        if (used.isEmpty()) {
            return new DeviceTrust.Untrusted(refusal(token.deviceIdText(), user, now));
        }
        TrustedDevice device = used.get();
        Instant expires = token.expiresAt().isBefore(device.expiresAt()) ? token.expiresAt() : device.expiresAt();
        return new DeviceTrust.Trusted(device, expires);
    }

    /** Why a record was not used (a second look-up, on refusals only; the refusal itself is already decided). */
    private TrustRefusal refusal(String deviceId, String user, Instant now) {
        Optional<TrustedDevice> found = devices.find(deviceId);
        if (found.isEmpty()) {
            return TrustRefusal.UNKNOWN_DEVICE;
        }
        TrustedDevice device = found.get();
        if (!device.user().equals(user)) {
            // the signed user hash matched, so this is a store inconsistency; refuse all the same
            return TrustRefusal.OTHER_USER;
        }
        if (!device.isRevoked() && !now.isBefore(device.expiresAt())) {
            return TrustRefusal.DEVICE_EXPIRED;
        }
        // revoked; or a record that looks usable now although the write just refused it: refused all the same
        return TrustRefusal.REVOKED;
    }

    /**
     * Whether the device record behind a grant held in a session still trusts {@code user}'s browser: present,
     * the user's, not revoked, not expired. One look-up, so revoking a device takes effect on the next request of
     * every live session that trusted it.
     *
     * @param user the user name (the container's caller principal name)
     * @param deviceId the trusted device's id
     * @return whether the device record behind a grant held in a session still trusts {@code user}'s browser: present, the user's, not revoked, not expired
     */
    public boolean isActive(String user, String deviceId) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(deviceId, "deviceId");
        Optional<TrustedDevice> found = devices.find(deviceId);
        return found.isPresent() && found.get().user().equals(user) && found.get().isActiveAt(clock.instant());
    }

    /**
     * The devices of {@code user}, newest first.
     *
     * @param user the user name (the container's caller principal name)
     * @return the devices of {@code user}, newest first
     */
    public List<TrustedDevice> list(String user) {
        return devices.listByUser(Objects.requireNonNull(user, "user"));
    }

    /**
     * Revokes one of {@code user}'s devices; returns whether it was revoked by this call.
     *
     * @param user the user name (the container's caller principal name)
     * @param deviceId the trusted device's id
     * @return whether a device was revoked
     */
    public boolean revoke(String user, String deviceId) {
        return devices.revoke(Objects.requireNonNull(user, "user"), Objects.requireNonNull(deviceId, "deviceId"),
                clock.instant());
    }

    /**
     * Revokes all of {@code user}'s devices (password change, "sign out everywhere"); returns how many.
     *
     * @param user the user name (the container's caller principal name)
     * @return how many devices were revoked
     */
    public int revokeAll(String user) {
        return devices.revokeAll(Objects.requireNonNull(user, "user"), clock.instant());
    }

    /**
     * Housekeeping: deletes expired device records and keys that can no longer verify anything.
     *
     * @return how many devices were deleted
     */
    public int deleteExpired() {
        Instant now = clock.instant();
        return devices.deleteExpired(now) + keyStore.deleteExpired(now);
    }

    /** The key that signs at {@code now}, creating the current and next slot's keys when they are missing. */
    TrustKey signingKey(Instant now) {
        KeySnapshot snap = snapshot(now, Duration.ofMinutes(KEY_REFRESH_MINUTES));
        if (!ring.missingSlots(snap.keys(), now).isEmpty()) {
            snap = withCurrentAndNextKeys(now);
        }
        return ring.signingKey(snap.keys(), now).orElseThrow(() ->
                new IllegalStateException("the trust key store holds no key for the current slot after adding one"));
    }

    private Optional<TrustKey> verifyingKey(String id, Instant now) {
        KeySnapshot snap = snapshot(now, Duration.ofMinutes(KEY_REFRESH_MINUTES));
        Optional<TrustKey> key = ring.verifyingKey(snap.keys(), id, now);
        if (key.isEmpty() && isEnabled() && !ring.missingSlots(snap.keys(), now).isEmpty()) {
            // another node may have made the key of a slot this cache lacks since it was read: complete it
            key = ring.verifyingKey(withCurrentAndNextKeys(now).keys(), id, now);
        } else if (key.isEmpty() && !now.isBefore(snap.loadedAt().plusSeconds(UNKNOWN_KEY_RELOAD_SECONDS))) {
            key = ring.verifyingKey(reload(now).keys(), id, now);
        }
        return key;
    }

    /**
     * Makes the current and next slot's keys where the cache lacks them and re-reads the store: insert-unless-present
     * on the slot, so a node racing this one adds each slot once and both then read that one key.
     */
    private KeySnapshot withCurrentAndNextKeys(Instant now) {
        synchronized (keyLock) {
            KeySnapshot snap = keys;
            List<TrustKeyRing.Slot> missing = ring.missingSlots(snap.keys(), now);
            if (missing.isEmpty()) {
                return snap;   // completed by another thread meanwhile
            }
            for (TrustKeyRing.Slot slot : missing) {
                keyStore.addIfAbsent(slot.newKey(random));
            }
            return reload(now);
        }
    }

    private KeySnapshot snapshot(Instant now, Duration maxAge) {
        KeySnapshot snap = keys;
        if (snap == null || !now.isBefore(snap.loadedAt().plus(maxAge)) || now.isBefore(snap.loadedAt())) {
            snap = reload(now);
        }
        return snap;
    }

    private KeySnapshot reload(Instant now) {
        KeySnapshot snap = new KeySnapshot(List.copyOf(keyStore.findAll()), now);
        keys = snap;
        return snap;
    }
}
