package dev.stepwise.mfa.trust;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TrustTokenCodecTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant EXPIRES = T0.plus(Duration.ofDays(30));
    static final String DEVICE = "AAECAwQFBgcICQoLDA0ODw";
    static final TrustKeyRing RING = new TrustKeyRing(Duration.ofDays(90), Duration.ofDays(30));
    static final TrustKey KEY = key("key-1", (byte) 1);
    static final TrustKey OTHER_KEY = key("key-2", (byte) 2);

    final TrustTokenCodec codec = new TrustTokenCodec();
    final Function<String, Optional<TrustKey>> keys = id -> Optional.ofNullable(Map.of(KEY.id(), KEY).get(id));

    static TrustKey key(String id, byte fill) {
        TrustKeyRing.Slot s = RING.slotAt(T0);
        byte[] secret = new byte[32];
        Arrays.fill(secret, fill);
        return new TrustKey(id, s.name() + id, secret, s.signsFrom(), s.signsUntil(), s.expiresAt());
    }

    String cookie(String user) {
        return codec.encode(TrustToken.of(KEY.id(), user, DEVICE, T0, EXPIRES), KEY);
    }

    TokenVerdict verify(String cookie, String user, Instant now) {
        return codec.verify(cookie, user, keys, now);
    }

    static TokenVerdict rejected(TrustRefusal r) {
        return new TokenVerdict.Rejected(r);
    }

    @Test
    void aCookieVerifiesForItsUserAndGivesTheTokenBack() {
        TokenVerdict v = verify(cookie("alice"), "alice", T0.plusSeconds(1));

        assertThat(v).isInstanceOf(TokenVerdict.Verified.class);
        TrustToken t = ((TokenVerdict.Verified) v).token();
        assertThat(t.deviceIdText()).isEqualTo(DEVICE);
        assertThat(t.keyId()).isEqualTo("key-1");
        assertThat(t.issuedAt()).isEqualTo(T0);
        assertThat(t.expiresAt()).isEqualTo(EXPIRES);
    }

    @Test
    void theCookieIsPayloadDotMacInUnpaddedBase64url() {
        String c = cookie("alice");

        assertThat(c).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
        byte[] payload = Base64.getUrlDecoder().decode(c.substring(0, c.indexOf('.')));
        assertThat(payload[0]).isEqualTo(TrustTokenCodec.VERSION);
        assertThat(payload[1]).isEqualTo((byte) 5);
        assertThat(new String(payload, 2, 5)).isEqualTo("key-1");
        assertThat(payload).hasSize(2 + 5 + 16 + 16 + 8 + 8);
        assertThat(c).doesNotContain("alice");
    }

    @Test
    void theLongestCookieStaysWellUnderTheCap() {
        TrustKey longId = key("ABCDEFGHIJKLMNOP", (byte) 3);
        String c = codec.encode(TrustToken.of(longId.id(), "alice", DEVICE, T0, EXPIRES), longId);

        assertThat(c.length()).isEqualTo(132).isLessThan(TrustTokenCodec.MAX_COOKIE_LENGTH);
    }

    @Test
    void aCookieOfUserAPresentedByUserBIsRefused() {
        assertThat(verify(cookie("alice"), "bob", T0)).isEqualTo(rejected(TrustRefusal.OTHER_USER));
        assertThat(verify(cookie("alice"), "Alice", T0)).isEqualTo(rejected(TrustRefusal.OTHER_USER));
    }

    @Test
    void anExpiredCookieIsRefusedFromItsExpiryOn() {
        assertThat(verify(cookie("alice"), "alice", EXPIRES.minusMillis(1))).isInstanceOf(TokenVerdict.Verified.class);
        assertThat(verify(cookie("alice"), "alice", EXPIRES)).isEqualTo(rejected(TrustRefusal.EXPIRED));
        assertThat(verify(cookie("alice"), "alice", EXPIRES.plus(Duration.ofDays(400))))
                .isEqualTo(rejected(TrustRefusal.EXPIRED));
    }

    @Test
    void aCookieSignedWithAnotherKeyOfTheSameIdIsAForgery() {
        TrustKey forger = new TrustKey(KEY.id(), KEY.slot(), new byte[32], KEY.signsFrom(), KEY.signsUntil(),
                KEY.expiresAt());
        String forged = codec.encode(TrustToken.of(KEY.id(), "alice", DEVICE, T0, EXPIRES), forger);

        assertThat(verify(forged, "alice", T0)).isEqualTo(rejected(TrustRefusal.BAD_SIGNATURE));
    }

    @Test
    void anUnknownKeyIdIsRefusedWithoutComputingAnything() {
        String c = codec.encode(TrustToken.of(OTHER_KEY.id(), "alice", DEVICE, T0, EXPIRES), OTHER_KEY);

        assertThat(verify(c, "alice", T0)).isEqualTo(rejected(TrustRefusal.UNKNOWN_KEY));
    }

    @Test
    void aLookupThatAnswersNullIsAnUnknownKeyToo() {
        assertThat(codec.verify(cookie("alice"), "alice", id -> null, T0)).isEqualTo(rejected(TrustRefusal.UNKNOWN_KEY));
    }

    @Test
    void everySingleBitFlippedInThePayloadOrMacIsRefused() {
        String c = cookie("alice");
        int dot = c.indexOf('.');
        byte[] payload = Base64.getUrlDecoder().decode(c.substring(0, dot));
        byte[] mac = Base64.getUrlDecoder().decode(c.substring(dot + 1));
        Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
        for (int i = 0; i < payload.length * 8; i++) {
            byte[] p = payload.clone();
            p[i / 8] ^= (byte) (1 << (i % 8));
            TokenVerdict v = verify(enc.encodeToString(p) + "." + enc.encodeToString(mac), "alice", T0);
            assertThat(v).as("payload bit %d", i).isInstanceOf(TokenVerdict.Rejected.class);
        }
        for (int i = 0; i < mac.length * 8; i++) {
            byte[] m = mac.clone();
            m[i / 8] ^= (byte) (1 << (i % 8));
            TokenVerdict v = verify(enc.encodeToString(payload) + "." + enc.encodeToString(m), "alice", T0);
            assertThat(v).as("mac bit %d", i).isEqualTo(rejected(TrustRefusal.BAD_SIGNATURE));
        }
    }

    @Test
    void aTamperedExpiryIsABadSignatureNotALongerTrust() {
        String c = cookie("alice");
        int dot = c.indexOf('.');
        byte[] payload = Base64.getUrlDecoder().decode(c.substring(0, dot));
        ByteBuffer.wrap(payload).putLong(payload.length - 8, EXPIRES.plus(Duration.ofDays(3650)).getEpochSecond());
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + c.substring(dot);

        assertThat(verify(tampered, "alice", EXPIRES.plusSeconds(1))).isEqualTo(rejected(TrustRefusal.BAD_SIGNATURE));
    }

    @Test
    void fieldsAfterTheKeyIdAreNotReadBeforeTheSignatureIsChecked() {
        // the key lookup is the only thing that happens before the MAC check; count it and check the order
        AtomicInteger lookups = new AtomicInteger();
        String forged = codec.encode(TrustToken.of(KEY.id(), "bob", DEVICE, T0, T0.minusSeconds(5)),
                new TrustKey(KEY.id(), KEY.slot(), new byte[32], KEY.signsFrom(), KEY.signsUntil(), KEY.expiresAt()));

        TokenVerdict v = codec.verify(forged, "alice", id -> {
            lookups.incrementAndGet();
            return keys.apply(id);
        }, T0);

        // wrong user and expired, but what is reported is the signature: nothing else was believed
        assertThat(v).isEqualTo(rejected(TrustRefusal.BAD_SIGNATURE));
        assertThat(lookups).hasValue(1);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void noValueIsMissing(String value) {
        assertThat(verify(value, "alice", T0)).isEqualTo(rejected(TrustRefusal.MISSING));
    }

    static Stream<Arguments> garbage() {
        String good = new TrustTokenCodec().encode(TrustToken.of(KEY.id(), "alice", DEVICE, T0, EXPIRES), KEY);
        String payload = good.substring(0, good.indexOf('.'));
        String mac = good.substring(good.indexOf('.') + 1);
        byte[] p = Base64.getUrlDecoder().decode(payload);
        Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
        byte[] v2 = p.clone();
        v2[0] = 2;
        byte[] longId = p.clone();
        longId[1] = 17;
        byte[] badIdChar = p.clone();
        badIdChar[2] = '!';
        return Stream.of(
                Arguments.of("dot only", "."),
                Arguments.of("no dot", payload + mac),
                Arguments.of("two dots", payload + "." + mac + ".x"),
                Arguments.of("empty payload", "." + mac),
                Arguments.of("empty mac", payload + "."),
                Arguments.of("padding", payload + "=." + mac),
                Arguments.of("standard base64 alphabet", payload.replace('-', '+').replace('_', '/') + "+/." + mac),
                Arguments.of("spaces", " " + good),
                Arguments.of("unicode look-alike", "\u0391" + good.substring(1)),
                Arguments.of("one character more", payload + "A." + mac),
                Arguments.of("mac too short", payload + "." + mac.substring(0, 40)),
                Arguments.of("mac too long", payload + "." + mac + "AAAA"),
                Arguments.of("payload truncated", payload.substring(0, payload.length() - 4) + "." + mac),
                Arguments.of("payload extended", payload + "AAAA." + mac),
                Arguments.of("version 2", enc.encodeToString(v2) + "." + mac),
                Arguments.of("key id longer than 16", enc.encodeToString(longId) + "." + mac),
                Arguments.of("key id not in the alphabet", enc.encodeToString(badIdChar) + "." + mac),
                Arguments.of("non-canonical trailing bits", payload + "." + java.util.Objects.requireNonNull(nonCanonical(mac))),
                Arguments.of("oversized", good + "A".repeat(TrustTokenCodec.MAX_COOKIE_LENGTH)),
                Arguments.of("513 characters", "A".repeat(256) + "." + "A".repeat(256)),
                Arguments.of("tiny", "a.b"),
                Arguments.of("binary", "\u0000\u0001.\u0002"));
    }

    /** The same bytes with a different last character: the base64 decoder ignores unused bits. */
    static String nonCanonical(String text) {
        char last = text.charAt(text.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String candidate = text.substring(0, text.length() - 1) + alphabet.charAt((alphabet.indexOf(last) + 1) % 64);
        return Arrays.equals(Base64.getUrlDecoder().decode(candidate), Base64.getUrlDecoder().decode(text))
                ? candidate : null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageIsRefusedAsMalformed(String what, String value) {
        assertThat(verify(value, "alice", T0)).isEqualTo(rejected(TrustRefusal.MALFORMED));
    }

    @Test
    void theCapIsCheckedBeforeAnyDecodingOrKeyLookup() {
        AtomicInteger lookups = new AtomicInteger();
        String huge = cookie("alice") + "A".repeat(400);

        TokenVerdict v = codec.verify(huge, "alice", id -> {
            lookups.incrementAndGet();
            return Optional.of(KEY);
        }, T0);

        assertThat(v).isEqualTo(rejected(TrustRefusal.MALFORMED));
        assertThat(lookups).hasValue(0);
    }

    @Test
    void randomBytesNeverThrow() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[random.nextInt(200)];
            random.nextBytes(b);
            String s = random.nextBoolean() ? new String(b, java.nio.charset.StandardCharsets.ISO_8859_1)
                    : Base64.getUrlEncoder().withoutPadding().encodeToString(b) + "."
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(b, 32));
            assertThat(verify(s, "alice", T0)).isInstanceOf(TokenVerdict.Rejected.class);
        }
    }

    @Test
    void encodingWithAKeyOtherThanTheTokenNamesIsAMisuse() {
        TrustToken t = TrustToken.of(KEY.id(), "alice", DEVICE, T0, EXPIRES);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.encode(t, OTHER_KEY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokensCopyTheirBytesAndHideNothingSecretInToString() {
        byte[] hash = TrustToken.hashUser("alice");
        byte[] device = new byte[16];
        TrustToken t = new TrustToken("k", hash, device, T0, EXPIRES);
        hash[0] ^= 1;
        t.userHash()[1] ^= 1;

        assertThat(t.belongsTo("alice")).isTrue();
        assertThat(t.toString()).doesNotContain("alice");
    }
}
