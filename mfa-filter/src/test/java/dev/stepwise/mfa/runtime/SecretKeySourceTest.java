package dev.stepwise.mfa.runtime;

import dev.stepwise.mfa.runtime.config.MfaConfigException;
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
                Map.of(SecretKeySource.ENVIRONMENT, b64(KEY_C))::get);

        assertThat(key.key()).isEqualTo(KEY_A);
        assertThat(key.source()).isEqualTo("JNDI");
    }

    @Test
    void propertyWinsOverEnvironmentAndUrlSafeBase64IsAccepted() {
        SecretKeySource.ResolvedKey key = SecretKeySource.resolve(name -> Optional.empty(),
                Map.of(SecretKeySource.PROPERTY, Base64.getUrlEncoder().withoutPadding().encodeToString(KEY_B))::get,
                Map.of(SecretKeySource.ENVIRONMENT, b64(KEY_C))::get);

        assertThat(key.key()).isEqualTo(KEY_B);
    }

    @Test
    void environmentIsTheLastConfiguredSource() {
        SecretKeySource.ResolvedKey key = SecretKeySource.resolve(name -> Optional.empty(), name -> null,
                Map.of(SecretKeySource.ENVIRONMENT, b64(KEY_C))::get);

        assertThat(key.key()).isEqualTo(KEY_C);
        assertThat(key.source()).isEqualTo("environment");
    }

    @Test
    void withoutAnyKeyAFreshRandomKeyIsGeneratedEachTime() {
        SecretKeySource.ResolvedKey one = SecretKeySource.resolve(name -> Optional.empty(), name -> null, name -> null);
        SecretKeySource.ResolvedKey two = SecretKeySource.resolve(name -> Optional.empty(), name -> null, name -> null);

        assertThat(one.key()).hasSize(32).isNotEqualTo(two.key());
        assertThat(one.source()).contains("development");
        assertThat(one.toString()).doesNotContain(b64(one.key()));
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
