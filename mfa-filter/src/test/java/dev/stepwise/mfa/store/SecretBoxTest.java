package dev.stepwise.mfa.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    static final byte[] KEY = "0123456789abcdef0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    final SecretBox box = new SecretBox(KEY);

    @Test
    void sealThenOpenGivesThePlaintextBack() {
        byte[] sealed = box.seal(SECRET, "alice", "totp");

        assertThat(box.open(sealed, "alice", "totp")).isEqualTo(SECRET);
    }

    @Test
    void theFormatIsVersionNonceCiphertextTag() {
        byte[] sealed = box.seal(SECRET, "alice", "totp");

        assertThat(sealed[0]).isEqualTo((byte) 1);
        assertThat(sealed).hasSize(1 + 12 + SECRET.length + 16);
        assertThat(CiphertextSearch.contains(sealed, SECRET)).isFalse();
    }

    @Test
    void everySealUsesAFreshNonce() {
        byte[] a = box.seal(SECRET, "alice", "totp");
        byte[] b = box.seal(SECRET, "alice", "totp");

        assertThat(Arrays.copyOfRange(a, 1, 13)).isNotEqualTo(Arrays.copyOfRange(b, 1, 13));
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void aValueMovedToAnotherUserDoesNotOpen() {
        byte[] sealed = box.seal(SECRET, "alice", "totp");

        assertThatThrownBy(() -> box.open(sealed, "bob", "totp")).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void aValueUsedForAnotherPurposeDoesNotOpen() {
        byte[] sealed = box.seal(SECRET, "alice", "totp");

        assertThatThrownBy(() -> box.open(sealed, "alice", "trust-key")).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void ownerAndPurposeCannotBeShiftedIntoEachOther() {
        // length-prefixed associated data: ("ab", "c") and ("a", "bc") are different bindings
        byte[] sealed = box.seal(SECRET, "ab", "c");

        assertThatThrownBy(() -> box.open(sealed, "a", "bc")).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.open(sealed, "c", "ab")).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void anyChangedByteIsDetected() {
        byte[] sealed = box.seal(SECRET, "alice", "totp");
        for (int i = 0; i < sealed.length; i++) {
            byte[] altered = sealed.clone();
            altered[i] ^= 0x01;
            int at = i;
            assertThatThrownBy(() -> box.open(altered, "alice", "totp")).as("byte %d", at)
                    .isInstanceOf(SecretBoxException.class);
        }
    }

    @Test
    void anotherKeyDoesNotOpen() {
        byte[] sealed = box.seal(SECRET, "alice", "totp");
        SecretBox other = new SecretBox(SecretBox.generateKey());

        assertThatThrownBy(() -> other.open(sealed, "alice", "totp")).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void truncatedAndUnknownVersionValuesAreRefusedWithoutShowingThem() {
        byte[] sealed = box.seal(SECRET, "alice", "totp");
        byte[] v2 = sealed.clone();
        v2[0] = 2;

        assertThatThrownBy(() -> box.open(Arrays.copyOf(sealed, 28), "alice", "totp"))
                .isInstanceOf(SecretBoxException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> box.open(v2, "alice", "totp"))
                .isInstanceOf(SecretBoxException.class).hasMessageContaining("unknown version 2");
        assertThatThrownBy(() -> box.open(new byte[0], "alice", "totp")).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void anEmptyPlaintextRoundTrips() {
        assertThat(box.open(box.seal(new byte[0], "alice", "x"), "alice", "x")).isEmpty();
    }

    @Test
    void keysOfTheWrongLengthAreRefusedAndTheKeyIsNeverShown() {
        assertThatThrownBy(() -> new SecretBox(new byte[16])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThat(box.toString()).doesNotContain("0123456789");
    }

    @Test
    void theKeyIsCopiedIn() {
        byte[] key = KEY.clone();
        SecretBox b = new SecretBox(key);
        byte[] sealed = b.seal(SECRET, "alice", "totp");
        Arrays.fill(key, (byte) 0);

        assertThat(b.open(sealed, "alice", "totp")).isEqualTo(SECRET);
    }

    @Test
    void aFixedRandomGivesAFixedNonce() {
        SecureRandom fixed = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) 7);
            }
        };
        byte[] sealed = new SecretBox(KEY, fixed).seal(SECRET, "alice", "totp");

        assertThat(Arrays.copyOfRange(sealed, 1, 13)).containsOnly(7);
    }

    /** Finds a byte sequence inside another. */
    static final class CiphertextSearch {
        static boolean contains(byte[] haystack, byte[] needle) {
            return StoreContractTest.indexOf(haystack, needle) >= 0;
        }
    }
}
