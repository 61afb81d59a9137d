package dev.stepwise.mfa.trust;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.TrustedDeviceGrant;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedDevicesTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Duration THIRTY_DAYS = Duration.ofDays(30);

    final MutableClock clock = new MutableClock(T0);
    final MemoryTrustStores.Devices devices = new MemoryTrustStores.Devices();
    final MemoryTrustStores.Keys keys = new MemoryTrustStores.Keys();
    final TrustedDevices trust = new TrustedDevices(devices, keys, clock, THIRTY_DAYS,
            TrustedDevices.DEFAULT_KEY_ROTATION, new SecureRandom());

    static DeviceTrust untrusted(TrustRefusal reason) {
        return new DeviceTrust.Untrusted(reason);
    }

    @Test
    void anIssuedCookieIsTrustedForItsUserAndGrantsUntilItExpires() {
        TrustedDevices.Issued issued = trust.issue("alice", "Mozilla/5.0 Firefox/140.0");
        clock.advance(Duration.ofHours(5));

        DeviceTrust t = trust.check(issued.cookieValue(), "alice");

        assertThat(t).isInstanceOf(DeviceTrust.Trusted.class);
        DeviceTrust.Trusted ok = (DeviceTrust.Trusted) t;
        assertThat(ok.grant()).isEqualTo(new TrustedDeviceGrant(issued.device().deviceId(), T0.plus(THIRTY_DAYS)));
        assertThat(ok.device().lastSeenAt()).isEqualTo(T0.plus(Duration.ofHours(5)));
        assertThat(devices.find(issued.device().deviceId()).orElseThrow().lastSeenAt())
                .isEqualTo(T0.plus(Duration.ofHours(5)));
    }

    @Test
    void issueStoresTheRecordAndSetsMaxAgeToTheTrustDuration() {
        TrustedDevices.Issued issued = trust.issue("alice", "Firefox");

        assertThat(issued.maxAge()).isEqualTo(THIRTY_DAYS);
        assertThat(issued.device().deviceId()).matches("[A-Za-z0-9_-]{22}");
        assertThat(issued.device().expiresAt()).isEqualTo(T0.plus(THIRTY_DAYS));
        assertThat(devices.listByUser("alice")).containsExactly(issued.device());
        assertThat(issued.toString()).doesNotContain(issued.cookieValue());
        assertThat(issued.cookieValue()).doesNotContain("alice");
    }

    @Test
    void twoDevicesGetDifferentIdsAndCookies() {
        TrustedDevices.Issued a = trust.issue("alice", "a");
        TrustedDevices.Issued b = trust.issue("alice", "b");

        assertThat(a.device().deviceId()).isNotEqualTo(b.device().deviceId());
        assertThat(a.cookieValue()).isNotEqualTo(b.cookieValue());
    }

    @Test
    void theCookieOfUserAPresentedByUserBIsRefused() {
        String cookie = trust.issue("alice", "ua").cookieValue();

        assertThat(trust.check(cookie, "bob")).isEqualTo(untrusted(TrustRefusal.OTHER_USER));
    }

    @Test
    void anExpiredCookieIsRefusedFromItsExpiryOn() {
        String cookie = trust.issue("alice", "ua").cookieValue();

        clock.set(T0.plus(THIRTY_DAYS).minusSeconds(1));
        assertThat(trust.check(cookie, "alice")).isInstanceOf(DeviceTrust.Trusted.class);
        clock.set(T0.plus(THIRTY_DAYS));
        assertThat(trust.check(cookie, "alice")).isEqualTo(untrusted(TrustRefusal.EXPIRED));
    }

    @Test
    void aRevokedDeviceIsRefused() {
        TrustedDevices.Issued issued = trust.issue("alice", "ua");

        assertThat(trust.revoke("alice", issued.device().deviceId())).isTrue();

        assertThat(trust.check(issued.cookieValue(), "alice")).isEqualTo(untrusted(TrustRefusal.REVOKED));
    }

    @Test
    void aUserCannotRevokeAnotherUsersDevice() {
        TrustedDevices.Issued issued = trust.issue("alice", "ua");

        assertThat(trust.revoke("mallory", issued.device().deviceId())).isFalse();

        assertThat(trust.check(issued.cookieValue(), "alice")).isInstanceOf(DeviceTrust.Trusted.class);
    }

    @Test
    void revokeAllEndsAllOfTheUsersDevices() {
        String one = trust.issue("alice", "one").cookieValue();
        String two = trust.issue("alice", "two").cookieValue();
        String bobs = trust.issue("bob", "bob").cookieValue();

        assertThat(trust.revokeAll("alice")).isEqualTo(2);

        assertThat(trust.check(one, "alice")).isEqualTo(untrusted(TrustRefusal.REVOKED));
        assertThat(trust.check(two, "alice")).isEqualTo(untrusted(TrustRefusal.REVOKED));
        assertThat(trust.check(bobs, "bob")).isInstanceOf(DeviceTrust.Trusted.class);
    }

    @Test
    void aCookieWithoutItsRecordIsRefused() {
        TrustedDevices.Issued issued = trust.issue("alice", "ua");
        devices.byId.clear();

        assertThat(trust.check(issued.cookieValue(), "alice")).isEqualTo(untrusted(TrustRefusal.UNKNOWN_DEVICE));
    }

    @Test
    void aRecordThatExpiresBeforeItsCookieEndsTheTrust() {
        TrustedDevices.Issued issued = trust.issue("alice", "ua");
        TrustedDevice d = issued.device();
        Instant shortened = T0.plus(Duration.ofDays(1));
        devices.byId.put(d.deviceId(), new TrustedDevice(d.deviceId(), d.user(), d.createdAt(), d.lastSeenAt(),
                d.userAgent(), shortened, null));

        clock.set(shortened.minusSeconds(1));
        assertThat(((DeviceTrust.Trusted) trust.check(issued.cookieValue(), "alice")).expiresAt()).isEqualTo(shortened);
        clock.set(shortened);
        assertThat(trust.check(issued.cookieValue(), "alice")).isEqualTo(untrusted(TrustRefusal.DEVICE_EXPIRED));
    }

    @Test
    void aRecordOfAnotherUserIsRefusedEvenWithAValidSignature() {
        TrustedDevices.Issued issued = trust.issue("alice", "ua");
        TrustedDevice d = issued.device();
        devices.byId.put(d.deviceId(), new TrustedDevice(d.deviceId(), "bob", d.createdAt(), d.lastSeenAt(),
                d.userAgent(), d.expiresAt(), null));

        assertThat(trust.check(issued.cookieValue(), "alice")).isEqualTo(untrusted(TrustRefusal.OTHER_USER));
    }

    @Test
    void garbageIsRefusedWithoutTouchingTheDeviceStore() {
        trust.issue("alice", "ua");
        int before = devices.byId.size();

        assertThat(trust.check(null, "alice")).isEqualTo(untrusted(TrustRefusal.MISSING));
        assertThat(trust.check("", "alice")).isEqualTo(untrusted(TrustRefusal.MISSING));
        assertThat(trust.check("not a cookie", "alice")).isEqualTo(untrusted(TrustRefusal.MALFORMED));
        assertThat(trust.check("x".repeat(10_000), "alice")).isEqualTo(untrusted(TrustRefusal.MALFORMED));
        assertThat(devices.byId).hasSize(before);
    }

    @Test
    void theFirstIssueCreatesTheCurrentAndTheNextKey() {
        trust.issue("alice", "ua");

        TrustKeyRing ring = new TrustKeyRing(TrustedDevices.DEFAULT_KEY_ROTATION, THIRTY_DAYS);
        assertThat(keys.keys).extracting(TrustKey::slot)
                .containsExactly(ring.slotAt(T0).name(), ring.next(ring.slotAt(T0)).name());
    }

    @Test
    void afterRotationANewKeySignsAndOldCookiesStayValidUntilTheyExpire() {
        TrustKeyRing ring = new TrustKeyRing(TrustedDevices.DEFAULT_KEY_ROTATION, THIRTY_DAYS);
        Instant rotation = ring.slotAt(T0).signsUntil();
        clock.set(rotation.minusSeconds(60));
        String old = trust.issue("alice", "old").cookieValue();

        clock.set(rotation.plusSeconds(60));
        String fresh = trust.issue("alice", "new").cookieValue();

        assertThat(keyIdOf(fresh)).isNotEqualTo(keyIdOf(old));
        assertThat(trust.check(old, "alice")).isInstanceOf(DeviceTrust.Trusted.class);
        assertThat(trust.check(fresh, "alice")).isInstanceOf(DeviceTrust.Trusted.class);
        clock.set(rotation.minusSeconds(60).plus(THIRTY_DAYS));
        assertThat(trust.check(old, "alice")).isEqualTo(untrusted(TrustRefusal.EXPIRED));
        // housekeeping drops the old key only once nothing it signed can be valid
        clock.set(rotation.plus(THIRTY_DAYS));
        trust.deleteExpired();
        assertThat(keys.keys).extracting(TrustKey::id).doesNotContain(keyIdOf(old)).contains(keyIdOf(fresh));
    }

    @Test
    void aKeyAddedByAnotherNodeIsFoundByReloading() {
        TrustedDevices nodeB = new TrustedDevices(devices, keys, clock, THIRTY_DAYS,
                TrustedDevices.DEFAULT_KEY_ROTATION, new SecureRandom());
        assertThat(trust.check(foreignCookie("alice"), "alice"))      // node A has read the (empty) key store
                .isEqualTo(untrusted(TrustRefusal.UNKNOWN_KEY));
        assertThat(keys.reads).isEqualTo(1);
        clock.advance(Duration.ofSeconds(TrustedDevices.UNKNOWN_KEY_RELOAD_SECONDS));

        String cookie = nodeB.issue("alice", "ua").cookieValue();      // node B makes the first key and signs

        assertThat(trust.check(cookie, "alice")).isInstanceOf(DeviceTrust.Trusted.class);
    }

    @Test
    void aNodeThatReadTheKeysJustBeforeAnotherMadeASlotsFirstKeyTakesItsCookies() {
        Duration hourly = Duration.ofHours(1);
        TrustedDevices nodeA = new TrustedDevices(devices, keys, clock, THIRTY_DAYS, hourly, new SecureRandom());
        TrustedDevices nodeB = new TrustedDevices(devices, keys, clock, THIRTY_DAYS, hourly, new SecureRandom());
        String early = nodeA.issue("alice", "ua").cookieValue();
        clock.advance(hourly.multipliedBy(2)); // a slot nobody has signed in yet

        assertThat(nodeB.check(early, "alice")).isInstanceOf(DeviceTrust.Trusted.class); // B reads the keys now
        clock.advance(Duration.ofSeconds(1));
        String fresh = nodeA.issue("bob", "ua").cookieValue();                             // A signs in the new slot
        clock.advance(Duration.ofSeconds(1));

        assertThat(keyIdOf(fresh)).isNotEqualTo(keyIdOf(early));
        assertThat(nodeB.check(fresh, "bob")).isInstanceOf(DeviceTrust.Trusted.class);
        assertThat(keys.keys).extracting(TrustKey::slot).doesNotHaveDuplicates();
    }

    @Test
    void unknownKeyIdsDoNotMakeEveryRequestReadTheKeyStore() {
        String cookie = trust.issue("alice", "ua").cookieValue();
        String unknownKey = foreignCookie("alice");
        int reads = keys.reads;
        assertThat(trust.check(unknownKey, "alice")).isEqualTo(untrusted(TrustRefusal.UNKNOWN_KEY));

        for (int i = 0; i < 100; i++) {
            trust.check(unknownKey, "alice");
            trust.check(cookie, "alice");
        }
        assertThat(keys.reads - reads).as("key store reads for 200 checks within a few seconds").isLessThanOrEqualTo(1);

        clock.advance(Duration.ofSeconds(TrustedDevices.UNKNOWN_KEY_RELOAD_SECONDS));
        trust.check(unknownKey, "alice");
        assertThat(keys.reads - reads).isLessThanOrEqualTo(2);
    }

    @Test
    void trustCanBeDisabled() {
        TrustedDevices off = new TrustedDevices(devices, keys, clock, Duration.ZERO,
                TrustedDevices.DEFAULT_KEY_ROTATION, new SecureRandom());

        assertThat(off.isEnabled()).isFalse();
        assertThatThrownBy(() -> off.issue("alice", "ua")).isInstanceOf(IllegalStateException.class);
        assertThat(trust.isEnabled()).isTrue();
    }

    @Test
    void theUserAgentIsSummarisedToPrintableText() {
        assertThat(TrustedDevice.summarize("Fire\nfox\u0000 \u00e9")).isEqualTo("Firefox");
        assertThat(TrustedDevice.summarize("x".repeat(500))).hasSize(TrustedDevice.MAX_USER_AGENT);
        assertThat(TrustedDevice.summarize(null)).isEmpty();
        assertThat(trust.issue("alice", "a\r\nSet-Cookie: x").device().userAgent()).isEqualTo("aSet-Cookie: x");
    }

    /** A well-formed cookie signed by a key this deployment never had. */
    static String foreignCookie(String user) {
        TrustKeyRing.Slot s = new TrustKeyRing(Duration.ofDays(90), THIRTY_DAYS).slotAt(T0);
        TrustKey foreign = new TrustKey("foreign", "elsewhere", new byte[32], s.signsFrom(), s.signsUntil(),
                s.expiresAt());
        return new TrustTokenCodec().encode(TrustToken.of("foreign", user, "AAECAwQFBgcICQoLDA0ODw", T0,
                T0.plus(THIRTY_DAYS)), foreign);
    }

    static String keyIdOf(String cookie) {
        byte[] payload = java.util.Base64.getUrlDecoder().decode(cookie.substring(0, cookie.indexOf('.')));
        return new String(payload, 2, payload[1], java.nio.charset.StandardCharsets.US_ASCII);
    }
}
