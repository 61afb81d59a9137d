package dev.stepwise.mfa.factor.push;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import static dev.stepwise.mfa.factor.push.WebPushEncryptionTest.b64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The aes128gcm content coding, checked against the two examples of RFC 8188 §3. */
class ContentCodingTest {

    // RFC 8188 §3.1 "Encryption of a Response": rs 4096, no key id, one record.
    private static final String IKM_1 = "yqdlZ-tYemfogSmv7Ws5PQ";
    private static final String SALT_1 = "I1BsxtFttlv3u_Oo94xnmw";
    private static final String PRK_1 = "zyeH5phsIsgUyd4oiSEIy35x-gIi4aM7y0hCF8mwn9g";
    private static final String CEK_1 = "_wniytB-ofscZDh4tbSjHw";
    private static final String NONCE_1 = "Bcs8gkIRKLI8GeI8";
    private static final String BODY_1 = "I1BsxtFttlv3u_Oo94xnmwAAEAAA-NAVub2qFgBEuQKRapoZu-IxkIva3MEB1PD-ly8Thjg";
    // RFC 8188 §3.2 "Encryption with Multiple Records": rs 25, key id "a1", two records with padding.
    private static final String IKM_2 = "BO3ZVPxUlnLORbVGMpbT1Q";
    private static final String BODY_2 = "uNCkWiNYzKTnBN9ji3-qWAAAABkCYTHOG8chz_gnvgOqdGYovxyjuqRyJFjEDyoF1Fvkj6hQPdPHI51OE"
            + "UKEpgz3SsLWIqS_uA";
    private static final byte[] WALRUS = "I am the walrus".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rfc8188Section31IsReproducedExactly() {
        byte[] prk = Hkdf.extract(b64(SALT_1), b64(IKM_1));
        assertThat(b64(prk)).isEqualTo(PRK_1);
        assertThat(b64(ContentCoding.contentKey(prk))).isEqualTo(CEK_1);
        assertThat(b64(ContentCoding.nonce(prk))).isEqualTo(NONCE_1);
        assertThat(b64(ContentCoding.encrypt(b64(IKM_1), b64(SALT_1), new byte[0], 4096, WALRUS))).isEqualTo(BODY_1);
    }

    @Test
    void rfc8188ExamplesDecrypt() throws GeneralSecurityException {
        assertThat(ContentCoding.decrypt(id -> b64(IKM_1), b64(BODY_1))).isEqualTo(WALRUS);
        byte[][] seenKeyId = new byte[1][];
        assertThat(ContentCoding.decrypt(id -> {
            seenKeyId[0] = id;
            return b64(IKM_2);
        }, b64(BODY_2))).isEqualTo(WALRUS);
        assertThat(new String(seenKeyId[0], StandardCharsets.US_ASCII)).isEqualTo("a1");
    }

    @Test
    void roundTripOfRandomContent() throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        for (int size : new int[] {0, 1, 100, 4096 - 17}) {
            byte[] ikm = new byte[16];
            byte[] salt = new byte[16];
            byte[] plain = new byte[size];
            random.nextBytes(ikm);
            random.nextBytes(salt);
            random.nextBytes(plain);
            byte[] body = ContentCoding.encrypt(ikm, salt, new byte[] {7}, 4096, plain);
            assertThat(ContentCoding.decrypt(id -> ikm, body)).isEqualTo(plain);
        }
    }

    @Test
    void aTruncatedMessageIsRefused() {
        byte[] twoRecords = b64(BODY_2);
        // drop the second record: the first ends with the "more records follow" delimiter
        byte[] firstOnly = Arrays.copyOf(twoRecords, 16 + 4 + 1 + 2 + 25);
        assertThatThrownBy(() -> ContentCoding.decrypt(id -> b64(IKM_2), firstOnly))
                .isInstanceOf(GeneralSecurityException.class);
        byte[] cut = Arrays.copyOf(b64(BODY_1), b64(BODY_1).length - 1);
        assertThatThrownBy(() -> ContentCoding.decrypt(id -> b64(IKM_1), cut))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aRecordSizeBelow18OrAPlaintextOverOneRecordIsRefused() {
        byte[] body = b64(BODY_1);
        body[19] = 17;
        body[18] = 0;
        body[17] = 0;
        body[16] = 0;
        assertThatThrownBy(() -> ContentCoding.decrypt(id -> b64(IKM_1), body))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> ContentCoding.encrypt(new byte[16], new byte[16], new byte[0], 4096,
                new byte[4096 - 16])).isInstanceOf(IllegalArgumentException.class);
    }
}
