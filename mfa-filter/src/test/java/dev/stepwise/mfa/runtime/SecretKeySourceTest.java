package dev.stepwise.mfa.runtime;

import dev.stepwise.mfa.runtime.config.MfaConfigException;
import dev.stepwise.mfa.store.SecretKeyMismatchException;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretKeySourceTest {

    private static final byte[] KEY_A = bytes(1);
    private static final byte[] KEY_B = bytes(2);
    private static final byte[] KEY_C = bytes(3);

    @Test
    void jndiWinsOverPropertyAndEnvironment() {
        SecretKeySource.ResolvedKey key = SecretKeySource.resolve(
                name -> Optional.of(b64(KEY_A)), Map.of(SecretKeySource.PROPERTY, b64(KEY_B))::get,
                Map.of(SecretKeySource.ENVIRONMENT, b64(KEY_C))::get).orElseThrow();

        assertThat(key.key()).isEqualTo(KEY_A);
        assertThat(key.source()).isEqualTo("JNDI");
    }

    @Test
    void propertyWinsOverEnvironmentAndUrlSafeBase64IsAccepted() {
        SecretKeySource.ResolvedKey key = SecretKeySource.resolve(name -> Optional.empty(),
                Map.of(SecretKeySource.PROPERTY, Base64.getUrlEncoder().withoutPadding().encodeToString(KEY_B))::get,
                Map.of(SecretKeySource.ENVIRONMENT, b64(KEY_C))::get).orElseThrow();

        assertThat(key.key()).isEqualTo(KEY_B);
    }

    @Test
    void environmentIsTheLastConfiguredSource() {
        SecretKeySource.ResolvedKey key = SecretKeySource.resolve(name -> Optional.empty(), name -> null,
                Map.of(SecretKeySource.ENVIRONMENT, b64(KEY_C))::get).orElseThrow();

        assertThat(key.key()).isEqualTo(KEY_C);
        assertThat(key.source()).isEqualTo("environment");
    }

    @Test
    void withoutAnyKeyNoneIsConfiguredAndTheKeyIsLeftToTheStore() {
        assertThat(SecretKeySource.resolve(name -> Optional.empty(), name -> null, name -> null)).isEmpty();
        assertThat(SecretKeySource.resolve(name -> Optional.of(b64(KEY_A)), name -> null, name -> null)
                .orElseThrow().toString()).doesNotContain(b64(KEY_A));
    }

    @Test
    void eachMismatchSaysWhatIsWrongAndWhatToDoWithoutAKey() {
        for (SecretKeyMismatchException.Reason reason : SecretKeyMismatchException.Reason.values()) {
            String message = SecretKeySource.mismatch(reason, "environment");

            assertThat(message).startsWith("Stepwise MFA: " + reason.text())
                    .contains(SecretKeySource.JNDI_NAME, SecretKeySource.PROPERTY, SecretKeySource.ENVIRONMENT);
            if (reason != SecretKeyMismatchException.Reason.KEY_REQUIRED) {
                assertThat(message).contains("start over", "stepwise_secret_key");
            }
        }
        assertThat(SecretKeySource.mismatch(SecretKeyMismatchException.Reason.KEY_REQUIRED, null))
                .contains("no secret key is configured", "openssl rand -base64 32",
                        "development mode (a key kept beside the data) is only for the embedded H2 database")
                .doesNotContain("null");
        assertThat(SecretKeySource.mismatch(SecretKeyMismatchException.Reason.WRONG_KEY, "system property"))
                .contains("is not the one the stored secrets were sealed with", "from: system property",
                        "Configure the previous key again");
    }

    @Test
    void aKeyOfTheWrongSizeIsRefusedWithoutShowingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> SecretKeySource.resolve(name -> Optional.empty(),
                Map.of(SecretKeySource.PROPERTY, shortKey)::get, name -> null))
                .isInstanceOf(MfaConfigException.class)
                .hasMessageContaining("system property stepwise.mfa.secret-key")
                .hasMessageContaining("16 bytes")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void aKeyThatIsNotBase64IsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> SecretKeySource.resolve(name -> Optional.of("not base64 at all!"), name -> null,
                name -> null))
                .isInstanceOf(MfaConfigException.class)
                .hasMessageContaining("JNDI env-entry")
                .hasMessageNotContaining("not base64 at all!");
    }

    private static byte[] bytes(int seed) {
        byte[] b = new byte[32];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
