package dev.stepwise.mfa.factor.webauthn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link WebAuthnCredential}, {@link CloneWarning} and {@link PendingCeremony}: values that copy their arrays and
 * keep ids out of {@code toString}.
 */
class WebAuthnCredentialTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private static WebAuthnCredential with(byte[] id, long signCount, String name) {
        return new WebAuthnCredential("alice", id, new byte[] {5, 6}, signCount, Set.of(), new UUID(0, 0), name,
                false, false, false, T0, null);
    }

    @Test
    void arraysCopiedInAndOut() {
        byte[] id = {1, 2, 3};
        byte[] data = {4, 5};
        Set<String> transports = new HashSet<>(Set.of("usb"));
        WebAuthnCredential c = new WebAuthnCredential("alice", id, data, 0, transports, new UUID(0, 0), "Key",
                false, false, false, T0, null);
        id[0] = 9;
        data[0] = 9;
        transports.add("nfc");
        c.credentialId()[1] = 9;
        c.attestedCredentialData()[1] = 9;

        assertThat(c.credentialId()).containsExactly(1, 2, 3);
        assertThat(c.attestedCredentialData()).containsExactly(4, 5);
        assertThat(c.transports()).containsExactly("usb");
        assertThat(c).isEqualTo(new WebAuthnCredential("alice", new byte[] {1, 2, 3}, new byte[] {4, 5}, 0,
                Set.of("usb"), new UUID(0, 0), "Key", false, false, false, T0, null));
        assertThat(c.hasId(new byte[] {1, 2, 3})).isTrue();
        assertThat(c.hasId(new byte[] {1, 2})).isFalse();
        assertThat(c.hasId(null)).isFalse();
    }

    @Test
    void toStringHasNoIdOrKey() {
        WebAuthnCredential c = with(new byte[] {1, 2, 3}, 0, "Key");

        assertThat(c.toString()).contains("alice", "Key").doesNotContain(c.credentialIdBase64Url(), "[1, 2, 3]");
        assertThat(c.credentialIdBase64Url()).isEqualTo("AQID");
    }

    @Test
    void credentialIdLengthFromOneTo1023Bytes() {
        assertThat(with(new byte[1023], 0, "Key").credentialId()).hasSize(1023);
        assertThatIllegalArgumentException().isThrownBy(() -> with(new byte[1024], 0, "Key"))
                .withMessageContaining("credentialId");
        assertThatIllegalArgumentException().isThrownBy(() -> with(new byte[0], 0, "Key"))
                .withMessageContaining("credentialId");
        assertThatNullPointerException().isThrownBy(() -> with(null, 0, "Key")).withMessage("credentialId");
    }

    @Test
    void signCountIsUnsigned32Bit() {
        assertThat(with(new byte[] {1}, 0xFFFF_FFFFL, "Key").signCount()).isEqualTo(4_294_967_295L);
        assertThatIllegalArgumentException().isThrownBy(() -> with(new byte[] {1}, 0x1_0000_0000L, "Key"))
                .withMessageContaining("signCount");
        assertThatIllegalArgumentException().isThrownBy(() -> with(new byte[] {1}, -1, "Key"))
                .withMessageContaining("signCount");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a\u0000b", "a\tb", "\u0085x"})
    void nameWhenEmptyOrControlCharactersThenRefused(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> WebAuthnCredential.checkName(name))
                .withMessageContaining("name");
    }

    @Test
    void nameTrimmedAndUpTo64Characters() {
        assertThat(WebAuthnCredential.checkName("  Schlüssel 🔑  ")).isEqualTo("Schlüssel 🔑");
        assertThat(WebAuthnCredential.checkName("n".repeat(64))).hasSize(64);
        assertThatIllegalArgumentException().isThrownBy(() -> WebAuthnCredential.checkName("n".repeat(65)))
                .withMessageContaining("name");
        assertThat(with(new byte[] {1}, 0, " Key ").name()).isEqualTo("Key");
    }

    @Test
    void usedThenCounterFlagsAndTimeChangeAndUvOnlyGrows() {
        WebAuthnCredential c = with(new byte[] {1}, 3, "Key");

        WebAuthnCredential used = c.used(4, true, true, T0.plusSeconds(1)).used(5, false, false, T0.plusSeconds(2));

        assertThat(used.signCount()).isEqualTo(5);
        assertThat(used.backedUp()).isFalse();
        assertThat(used.uvInitialized()).isTrue();
        assertThat(used.lastUsedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(c.signCount()).isEqualTo(3);
    }

    @Test
    void cloneWarningCopiesIdAndKeepsItOutOfToString() {
        byte[] id = {1, 2, 3};
        CloneWarning w = new CloneWarning("alice", id, "Key", 10, 4, T0, null);
        id[0] = 9;
        w.credentialId()[1] = 9;

        assertThat(w.credentialId()).containsExactly(1, 2, 3);
        assertThat(w.clientAddress()).isEmpty();
        assertThat(w).isEqualTo(new CloneWarning("alice", new byte[] {1, 2, 3}, "Key", 10, 4, T0, ""));
        assertThat(w.toString()).contains("alice", "10", "4").doesNotContain("AQID");
    }

    @Test
    void pendingCeremonySurvivesSessionSerialization() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new PendingCeremony("alice", new byte[] {1, 2, 3}, T0));
        }
        Object read;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            read = in.readObject();
        }

        assertThat(read).isInstanceOf(PendingCeremony.class);
        PendingCeremony p = (PendingCeremony) read;
        assertThat(p.challenge()).containsExactly(1, 2, 3);
        assertThat(p.isValidFor("alice", T0.minusMillis(1))).isTrue();
    }

    @Test
    void pendingCeremonyValidOnlyForItsUserBeforeExpiry() {
        byte[] challenge = {1, 2, 3};
        PendingCeremony p = new PendingCeremony("alice", challenge, T0);
        challenge[0] = 9;

        assertThat(p.challenge()).containsExactly(1, 2, 3);
        assertThat(p.isValidFor("alice", T0.minusMillis(1))).isTrue();
        assertThat(p.isValidFor("alice", T0)).isFalse();
        assertThat(p.isValidFor("bob", T0.minusMillis(1))).isFalse();
    }
}
