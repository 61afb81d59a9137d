package dev.stepwise.mfa.factor.push;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RFC 8291 message encryption, checked against the worked example of RFC 8291 Appendix A ("Intermediate Values
 * for Encryption"): every input, every intermediate value and the final message are the RFC's, byte for byte.
 */
class WebPushEncryptionTest {

    // RFC 8291, Appendix A: the inputs.
    static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
    static final String PLAINTEXT_B64 = "V2hlbiBJIGdyb3cgdXAsIEkgd2FudCB0byBiZSBhIHdhdGVybWVsb24";
    static final String AS_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    static final String AUTH_SECRET = "BTBZMqHH6r4Tts7J_aSIgg";
    // RFC 8291, Appendix A: the intermediate values.
    static final String ECDH_SECRET = "kyrL1jIIOHEzg3sM2ZWRHDRB62YACZhhSlknJ672kSs";
    static final String KEY_INFO = "V2ViUHVzaDogaW5mbwAEJXGyvs3942BVGq8e0PTNNmwRzr5VX4m8t7GGpTM5FzFo7OLr4BhZe9MEebhuPI-OztV3ylkYf"
            + "pJGmQ22ggCLDgT-M_SrDepxkU21WCP3O1SUj0EwbZIHMtu5pZpTKGSCIA5Zent7wmC6HCJ5mFgJkuk5cwAvMBKiiujwa7t45ewP";
    static final String PRK_KEY = "Snr3JMxaHVDXHWJn5wdC52WjpCtd2EIEGBykDcZW32k";
    static final String IKM = "S4lYMb_L0FxCeq0WhDx813KgSYqU26kOyzWUdsXYyrg";
    static final String PRK = "09_eUZGrsvxChDCGRCdkLiDXrReGOEVeSCdCcPBSJSc";
    static final String CEK = "oIhVW04MRdy2XN9CiKLxTg";
    static final String NONCE = "4h_95klXJ5E_qnoN";
    // RFC 8291, Appendix A (and §5): the encrypted message, header and ciphertext.
    static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6Tl"
            + "zAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    static byte[] b64(String s) {
        return Base64.getUrlDecoder().decode(s);
    }

    static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static KeyPair asKeys() {
        return new KeyPair(P256.publicKey(b64(AS_PUBLIC)), P256.privateKey(b64(AS_PRIVATE)));
    }

    @Test
    void rfc8291AppendixAIntermediateValuesAreReproduced() {
        assertThat(b64(PLAINTEXT.getBytes(StandardCharsets.UTF_8))).isEqualTo(PLAINTEXT_B64);
        byte[] ecdh = WebPushEncryption.ecdh(P256.privateKey(b64(AS_PRIVATE)), P256.publicKey(b64(UA_PUBLIC)));
        assertThat(b64(ecdh)).isEqualTo(ECDH_SECRET);
        // the user agent's side agrees on the same secret
        assertThat(b64(WebPushEncryption.ecdh(P256.privateKey(b64(UA_PRIVATE)), P256.publicKey(b64(AS_PUBLIC)))))
                .isEqualTo(ECDH_SECRET);
        assertThat(b64(Hkdf.extract(b64(AUTH_SECRET), ecdh))).isEqualTo(PRK_KEY);
        byte[] ikm = WebPushEncryption.ikm(ecdh, b64(AUTH_SECRET), b64(UA_PUBLIC), b64(AS_PUBLIC));
        assertThat(b64(ikm)).isEqualTo(IKM);
        byte[] prk = Hkdf.extract(b64(SALT), ikm);
        assertThat(b64(prk)).isEqualTo(PRK);
        assertThat(b64(ContentCoding.contentKey(prk))).isEqualTo(CEK);
        assertThat(b64(ContentCoding.nonce(prk))).isEqualTo(NONCE);
        assertThat(new String(b64(KEY_INFO), StandardCharsets.ISO_8859_1)).startsWith("WebPush: info\0");
    }

    @Test
    void rfc8291AppendixAMessageIsReproducedExactly() {
        byte[] body = WebPushEncryption.encrypt(b64(UA_PUBLIC), b64(AUTH_SECRET), b64(PLAINTEXT_B64), asKeys(),
                b64(SALT));
        assertThat(b64(body)).isEqualTo(BODY);
    }

    @Test
    void theUserAgentOpensTheRfcMessage() throws GeneralSecurityException {
        byte[] plain = WebPushEncryption.decrypt(P256.privateKey(b64(UA_PRIVATE)), b64(UA_PUBLIC), b64(AUTH_SECRET),
                b64(BODY));
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(PLAINTEXT);
    }

    @Test
    void aChangedOctetOrAnotherAuthSecretDoesNotOpen() {
        byte[] tampered = b64(BODY);
        tampered[tampered.length - 20] ^= 1;
        assertThatThrownBy(() -> WebPushEncryption.decrypt(P256.privateKey(b64(UA_PRIVATE)), b64(UA_PUBLIC),
                b64(AUTH_SECRET), tampered)).isInstanceOf(GeneralSecurityException.class);
        byte[] otherAuth = b64(AUTH_SECRET);
        otherAuth[0] ^= 1;
        assertThatThrownBy(() -> WebPushEncryption.decrypt(P256.privateKey(b64(UA_PRIVATE)), b64(UA_PUBLIC),
                otherAuth, b64(BODY))).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void everyMessageHasItsOwnKeyAndSalt() throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        byte[] first = WebPushEncryption.encrypt(b64(UA_PUBLIC), b64(AUTH_SECRET), b64(PLAINTEXT_B64), random);
        byte[] second = WebPushEncryption.encrypt(b64(UA_PUBLIC), b64(AUTH_SECRET), b64(PLAINTEXT_B64), random);
        assertThat(Arrays.copyOf(first, 16)).isNotEqualTo(Arrays.copyOf(second, 16));
        assertThat(ContentCoding.keyId(first)).isNotEqualTo(ContentCoding.keyId(second));
        for (byte[] body : new byte[][] {first, second}) {
            assertThat(WebPushEncryption.decrypt(P256.privateKey(b64(UA_PRIVATE)), b64(UA_PUBLIC),
                    b64(AUTH_SECRET), body)).isEqualTo(b64(PLAINTEXT_B64));
        }
    }

    @Test
    void theLargestPayloadFillsExactlyOneRecordOf4096AndOneMoreOctetIsRefused() {
        KeyPair ua = P256.generate(new SecureRandom());
        byte[] uaPublic = P256.encode((ECPublicKey) ua.getPublic());
        byte[] auth = new byte[16];
        byte[] body = WebPushEncryption.encrypt(uaPublic, auth, new byte[PushMessage.MAX_PAYLOAD],
                new SecureRandom());
        assertThat(WebPushEncryption.MAX_PLAINTEXT).isEqualTo(PushMessage.MAX_PAYLOAD);
        assertThat(body).hasSize(4096);
        assertThatThrownBy(() -> WebPushEncryption.encrypt(uaPublic, auth, new byte[PushMessage.MAX_PAYLOAD + 1],
                new SecureRandom())).isInstanceOf(IllegalArgumentException.class);
        assertThat(ua.getPrivate()).isInstanceOf(ECPrivateKey.class);
    }

    @Test
    void aUserAgentKeyOffTheCurveIsRefused() {
        byte[] off = b64(UA_PUBLIC);
        off[64] ^= 1; // y no longer matches x
        assertThatThrownBy(() -> WebPushEncryption.encrypt(off, b64(AUTH_SECRET), new byte[1], new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not on P-256");
    }
}
