package dev.stepwise.mfa.trust;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustKeyRingTest {

    static final Duration ROTATION = Duration.ofDays(90);
    static final Duration LIFETIME = Duration.ofDays(30);
    final TrustKeyRing ring = new TrustKeyRing(ROTATION, LIFETIME);
    final SecureRandom random = new SecureRandom();
    final Instant t0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void slotsAreRotationPeriodsSinceTheEpoch() {
        TrustKeyRing.Slot s = ring.slotAt(t0);

        long index = t0.getEpochSecond() / ROTATION.getSeconds();
        assertThat(s.name()).isEqualTo(ROTATION.getSeconds() + "s/" + index);
        assertThat(s.signsFrom()).isEqualTo(Instant.ofEpochSecond(index * ROTATION.getSeconds()));
        assertThat(s.signsUntil()).isEqualTo(s.signsFrom().plus(ROTATION));
        assertThat(s.expiresAt()).isEqualTo(s.signsUntil().plus(LIFETIME));
        assertThat(ring.slotAt(s.signsUntil().minusNanos(1))).isEqualTo(s);
        assertThat(ring.slotAt(s.signsUntil())).isEqualTo(ring.next(s)).isNotEqualTo(s);
    }

    @Test
    void anotherRotationPeriodHasOtherSlotNames() {
        TrustKeyRing monthly = new TrustKeyRing(Duration.ofDays(30), LIFETIME);
        Instant boundary = Instant.ofEpochSecond(ROTATION.getSeconds() * 230);

        assertThat(monthly.slotAt(boundary).signsFrom()).isEqualTo(ring.slotAt(boundary).signsFrom());
        assertThat(monthly.slotAt(boundary).name()).isNotEqualTo(ring.slotAt(boundary).name());
    }

    @Test
    void anEmptyRingNeedsTheCurrentAndTheNextKey() {
        TrustKeyRing.Slot current = ring.slotAt(t0);

        assertThat(ring.missingSlots(List.of(), t0)).containsExactly(current, ring.next(current));
        assertThat(ring.signingKey(List.of(), t0)).isEmpty();
    }

    @Test
    void withBothKeysNothingIsMissingAndTheCurrentOneSigns() {
        TrustKeyRing.Slot current = ring.slotAt(t0);
        TrustKey now = current.newKey(random);
        TrustKey next = ring.next(current).newKey(random);

        assertThat(ring.missingSlots(List.of(now, next), t0)).isEmpty();
        assertThat(ring.signingKey(List.of(next, now), t0)).contains(now);
    }

    @Test
    void afterRotationTheNewKeySignsAndTheOldOneStillVerifiesUntilItsCookiesHaveExpired() {
        TrustKeyRing.Slot first = ring.slotAt(t0);
        TrustKey old = first.newKey(random);
        TrustKey fresh = ring.next(first).newKey(random);
        List<TrustKey> keys = List.of(old, fresh);
        Instant rotated = first.signsUntil();

        assertThat(ring.signingKey(keys, rotated.minusSeconds(1))).contains(old);
        assertThat(ring.signingKey(keys, rotated)).contains(fresh);
        // a cookie signed by the old key a second before rotation lives 30 more days: the old key verifies it
        assertThat(ring.verifyingKey(keys, old.id(), rotated.plus(LIFETIME).minusSeconds(1))).contains(old);
        assertThat(ring.verifyingKey(keys, old.id(), rotated.plus(LIFETIME))).isEmpty();
        assertThat(ring.isExpired(old, rotated.plus(LIFETIME))).isTrue();
        assertThat(ring.isExpired(fresh, rotated.plus(LIFETIME))).isFalse();
        // and once rotated, the next slot after the fresh one is missing
        assertThat(ring.missingSlots(keys, rotated)).containsExactly(ring.next(ring.next(first)));
    }

    @Test
    void theNewestOfSeveralSigningKeysSigns() {
        TrustKeyRing.Slot s = ring.slotAt(t0);
        TrustKey older = s.newKey(random);
        TrustKeyRing.Slot later = new TrustKeyRing.Slot("later", s.signsFrom().plusSeconds(10), s.signsUntil(),
                s.expiresAt());
        TrustKey newer = later.newKey(random);

        assertThat(ring.signingKey(List.of(older, newer), t0)).contains(newer);
        assertThat(ring.signingKey(List.of(newer, older), t0)).contains(newer);
    }

    @Test
    void aKeyOfAFutureSlotVerifiesButDoesNotSignYet() {
        TrustKey next = ring.next(ring.slotAt(t0)).newKey(random);

        assertThat(ring.signingKey(List.of(next), t0)).isEmpty();
        assertThat(ring.verifyingKey(List.of(next), next.id(), t0)).contains(next);
    }

    @Test
    void unknownIdsDoNotVerify() {
        TrustKey k = ring.slotAt(t0).newKey(random);

        assertThat(ring.verifyingKey(List.of(k), "nope", t0)).isEmpty();
    }

    @Test
    void generatedKeysAreRandomAndHideTheirSecret() {
        TrustKey a = ring.slotAt(t0).newKey(random);
        TrustKey b = ring.slotAt(t0).newKey(random);

        assertThat(a.id()).hasSize(12).isNotEqualTo(b.id());
        assertThat(a.secret()).hasSize(32).isNotEqualTo(b.secret());
        assertThat(a.toString()).doesNotContain(java.util.HexFormat.of().formatHex(a.secret()));
        byte[] out = a.secret();
        out[0] ^= 1;
        assertThat(a.secret()).isNotEqualTo(out);
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new TrustKeyRing(Duration.ZERO, LIFETIME)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrustKeyRing(Duration.ofMillis(1500), LIFETIME))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrustKeyRing(ROTATION, Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
