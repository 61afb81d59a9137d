package dev.stepwise.mfa.trust;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Pure rules of trust-key rotation (the {@code key-rotation} setting, default {@code P90D}). Time is cut into
 * slots of one rotation period since the epoch; the key of a slot signs during its slot and verifies until its
 * slot has ended plus the longest cookie lifetime. The newest key that signs now signs; every unexpired key
 * verifies. The key of the next slot is made ahead of time so every node has it before it is first used.
 *
 * <pre>{@code
 * TrustKeyRing ring = new TrustKeyRing(Duration.ofDays(90), Duration.ofDays(30));
 * for (TrustKeyRing.Slot s : ring.missingSlots(keys, now)) store.addIfAbsent(s.newKey(random));
 * TrustKey signer = ring.signingKey(keys, now).orElseThrow();
 * }</pre>
 *
 * <p>Slot names ({@code "<rotation seconds>s/<index>"}) are unique per rotation period and index, so two nodes
 * that make the key of one slot at the same time insert one row (the store's unique slot), and a changed
 * rotation period starts its own slots rather than colliding with old ones.
 */
public final class TrustKeyRing {

    private final Duration rotation;
    private final Duration tokenLifetime;

    /**
     * @param rotation      how long one key signs, positive (whole seconds)
     * @param tokenLifetime the longest lifetime of a cookie it signs ({@code stepwise.mfa.trust.duration})
     */
    public TrustKeyRing(Duration rotation, Duration tokenLifetime) {
        this.rotation = Objects.requireNonNull(rotation, "rotation");
        this.tokenLifetime = Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        if (rotation.getSeconds() < 1 || rotation.getNano() != 0) {
            throw new IllegalArgumentException("the key rotation period must be a positive whole number of seconds");
        }
        if (tokenLifetime.isNegative()) {
            throw new IllegalArgumentException("the token lifetime must not be negative");
        }
    }

    /** {@return the rotation} */
    public Duration rotation() {
        return rotation;
    }

    /** {@return the token lifetime} */
    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    /**
     * A rotation slot: the key made for it signs from {@code signsFrom} to {@code signsUntil} and verifies until
     * {@code expiresAt}.
     *
     * @param name       unique name of the slot, e.g. {@code "7776000s/227"}
     * @param signsFrom  start of the slot
     * @param signsUntil end of the slot (exclusive)
     * @param expiresAt  end of verification: {@code signsUntil} plus the token lifetime
     */
    public record Slot(String name, Instant signsFrom, Instant signsUntil, Instant expiresAt) {
        /**
         * Checks the components.
         * @param name unique name of the slot, e.g. {@code "7776000s/227"}
         * @param signsFrom start of the slot
         * @param signsUntil end of the slot (exclusive)
         * @param expiresAt end of verification: {@code signsUntil} plus the token lifetime
         */
        public Slot {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(signsFrom, "signsFrom");
            Objects.requireNonNull(signsUntil, "signsUntil");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        /**
         * A new random key for this slot.
         *
         * @param random the source of randomness
         * @return a new random key for this slot
         */
        public TrustKey newKey(java.security.SecureRandom random) {
            return TrustKey.generate(name, signsFrom, signsUntil, expiresAt, random);
        }
    }

    /**
     * The slot that contains {@code now}.
     *
     * @param now the current instant
     * @return the slot that contains {@code now}
     */
    public Slot slotAt(Instant now) {
        long seconds = rotation.getSeconds();
        long index = Math.floorDiv(now.getEpochSecond(), seconds);
        return slot(index);
    }

    private Slot slot(long index) {
        long seconds = rotation.getSeconds();
        Instant from = Instant.ofEpochSecond(Math.multiplyExact(index, seconds));
        Instant until = from.plusSeconds(seconds);
        return new Slot(seconds + "s/" + index, from, until, until.plus(tokenLifetime));
    }

    /**
     * The slot after {@code slot}.
     *
     * @param slot the slot
     * @return the slot after {@code slot}
     */
    public Slot next(Slot slot) {
        return slotAt(slot.signsUntil());
    }

    /**
     * The key to sign with at {@code now}: among those that sign now, the one whose window started last.
     *
     * @param keys the keys
     * @param now the current instant
     * @return the key to sign with at {@code now}: among those that sign now, the one whose window started last
     */
    public Optional<TrustKey> signingKey(Collection<TrustKey> keys, Instant now) {
        TrustKey best = null;
        for (TrustKey k : keys) {
            if (k.signsAt(now) && (best == null || k.signsFrom().isAfter(best.signsFrom()))) {
                best = k;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The key with {@code id} if it still verifies at {@code now}.
     *
     * @param keys the keys
     * @param id the id
     * @param now the current instant
     * @return the key with {@code id} if it still verifies at {@code now}
     */
    public Optional<TrustKey> verifyingKey(Collection<TrustKey> keys, String id, Instant now) {
        for (TrustKey k : keys) {
            if (k.id().equals(id) && k.verifiesAt(now)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * The slots that need a key at {@code now}: the current one when no key signs now, and the next one when no
     * key exists for it yet. Empty in the steady state.
     *
     * @param keys the keys
     * @param now the current instant
     * @return the slots that need a key at {@code now}: the current one when no key signs now, and the next one when no key exists for it yet
     */
    public List<Slot> missingSlots(Collection<TrustKey> keys, Instant now) {
        List<Slot> missing = new ArrayList<>();
        Slot current = slotAt(now);
        if (signingKey(keys, now).isEmpty()) {
            missing.add(current);
        }
        Slot next = next(current);
        if (keys.stream().noneMatch(k -> k.slot().equals(next.name()))) {
            missing.add(next);
        }
        return missing;
    }

    /**
     * Whether {@code key} can be deleted at {@code now}: nothing it signed can still be valid.
     *
     * @param key the key
     * @param now the current instant
     * @return whether {@code key} can be deleted at {@code now}: nothing it signed can still be valid
     */
    public boolean isExpired(TrustKey key, Instant now) {
        return !key.verifiesAt(now);
    }
}
