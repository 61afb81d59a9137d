package dev.stepwise.mfa.factor.push;

import org.junit.jupiter.api.Test;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Base64;

import static dev.stepwise.mfa.factor.push.WebPushEncryptionTest.AS_PRIVATE;
import static dev.stepwise.mfa.factor.push.WebPushEncryptionTest.AS_PUBLIC;
import static dev.stepwise.mfa.factor.push.WebPushEncryptionTest.UA_PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** VAPID (RFC 8292): the token a push service verifies, and the keys it is signed with. */
class VapidTest {

    private static final Instant EXPIRY = Instant.parse("2026-12-05T15:00:00Z");

    @Test
    void theTokenVerifiesWithThePublicKeyAndCarriesAudienceExpiryAndSubject() throws GeneralSecurityException {
        VapidKeys keys = VapidKeys.generate();
        String header = Vapid.authorization(keys, "https://push.example.net", "mailto:security@bank.example",
                EXPIRY);

        VapidTokens.Checked token = VapidTokens.verify(header);

        assertThat(token.publicKey()).isEqualTo(keys.publicKey());
        assertThat(token.jwsHeader()).isEqualTo("{\"typ\":\"JWT\",\"alg\":\"ES256\"}");
        assertThat(token.aud()).isEqualTo("https://push.example.net");
        assertThat(token.exp()).isEqualTo(EXPIRY.getEpochSecond());
        assertThat(token.sub()).isEqualTo("mailto:security@bank.example");
        assertThat(token.signatureOctets()).isEqualTo(64); // JWS ES256: R || S, not DER
    }

    @Test
    void aTokenSignedByAnotherKeyDoesNotVerifyWithTheKeyInK() {
        VapidKeys mine = VapidKeys.generate();
        VapidKeys other = VapidKeys.generate();
        String header = Vapid.authorization(mine, "https://push.example.net", "https://bank.example/contact",
                EXPIRY);
        String forged = header.replace("k=" + mine.publicKey(), "k=" + other.publicKey());
        assertThatThrownBy(() -> VapidTokens.verify(forged)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aSubjectThatIsNoContactOrWouldBreakTheJsonIsRefused() {
        VapidKeys keys = VapidKeys.generate();
        for (String bad : new String[] {"security@bank.example", "http://bank.example", "mailto:a\"@b.example",
                "mailto:a@b.example\",\"aud\":\"x", "https://bank.example/\u00e9", "mailto:a@b.example x", "",
                "https://" + "a".repeat(260)}) {
            assertThat(Vapid.isValidSubject(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> Vapid.authorization(keys, "https://push.example.net", bad, EXPIRY))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Vapid.isValidSubject("mailto:security@bank.example")).isTrue();
        assertThat(Vapid.isValidSubject("https://bank.example/security")).isTrue();
    }

    @Test
    void keysParseFromTheFormsWebPushToolsPrintAndMustBelongTogether() {
        VapidKeys rfc = VapidKeys.parse(AS_PRIVATE, AS_PUBLIC);
        assertThat(rfc.publicKey()).isEqualTo(AS_PUBLIC);
        assertThatThrownBy(() -> VapidKeys.parse(AS_PRIVATE, UA_PUBLIC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not belong together")
                .hasMessageNotContaining(AS_PRIVATE);
        assertThatThrownBy(() -> VapidKeys.parse("not*base64", AS_PUBLIC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("not*base64");
        assertThatThrownBy(() -> VapidKeys.parse(AS_PRIVATE.substring(2), AS_PUBLIC))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPkcs8PrivateKeyInStandardBase64IsAccepted() {
        KeyPair pair = P256.generate(new SecureRandom());
        String pkcs8 = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        String pub = Base64.getUrlEncoder().withoutPadding().encodeToString(P256.encode((ECPublicKey)
                pair.getPublic()));
        assertThat(VapidKeys.parse(pkcs8, pub).publicKey()).isEqualTo(pub);
    }

    @Test
    void toStringShowsThePublicKeyOnly() {
        VapidKeys rfc = VapidKeys.parse(AS_PRIVATE, AS_PUBLIC);
        assertThat(rfc.toString()).contains(AS_PUBLIC).doesNotContain(AS_PRIVATE);
    }
}
