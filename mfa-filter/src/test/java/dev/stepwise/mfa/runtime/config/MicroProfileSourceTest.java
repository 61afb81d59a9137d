package dev.stepwise.mfa.runtime.config;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The MicroProfile Config adapter against a tiny fake {@link Config} (no implementation needed). */
class MicroProfileSourceTest {

    private final List<String> asked = new ArrayList<>();

    /** A config whose values are {@code name -> {value, sourceName}}. */
    private Config config(Map<String, String[]> values) {
        return (Config) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getConfigValue")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    String name = (String) args[0];
                    asked.add(name);
                    if (name.equals("stepwise.mfa.issuer") && values.containsKey("broken")) {
                        throw new NoSuchElementException("expression ${missing} for s3cr3t");
                    }
                    String[] found = values.get(name);
                    return found == null ? value(name, null, null, null)
                            : value(name, found[0], found.length > 2 ? found[2] : found[0], found[1]);
                });
    }

    /** A value as MicroProfile Config gives it: {@code raw} before expressions are expanded, {@code value} after. */
    private static ConfigValue value(String name, String value, String raw, String source) {
        return (ConfigValue) Proxy.newProxyInstance(MicroProfileSourceTest.class.getClassLoader(),
                new Class<?>[] {ConfigValue.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> name;
                    case "getValue" -> value;
                    case "getRawValue" -> raw;
                    case "getSourceName" -> source;
                    case "getSourceOrdinal" -> 0;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aValueComesWithItsSourceName() {
        ParameterSource source = MicroProfileSource.of(config(Map.of(
                "stepwise.mfa.trust.duration", new String[] {"P7D", "EnvConfigSource"},
                "stepwise.mfa.lockout.max-failures", new String[] {"5", null})));

        assertThat(source.lookup("stepwise.mfa.trust.duration")).isEqualTo(
                new ParameterSource.Sourced("P7D", "MicroProfile Config source EnvConfigSource"));
        assertThat(source.lookup("stepwise.mfa.lockout.max-failures")).isEqualTo(
                new ParameterSource.Sourced("5", "MicroProfile Config source (unnamed)"));
        assertThat(source.lookup("stepwise.mfa.path")).isNull();
    }

    @Test
    void onlyTheLibrarysParametersAreAskedNeverTheSecretKey() {
        ParameterSource source = MicroProfileSource.of(config(Map.of(
                Parameters.SECRET_KEY, new String[] {"c2VjcmV0", "EnvConfigSource"})));

        assertThat(source.lookup(Parameters.SECRET_KEY)).isNull();
        assertThat(source.lookup("stepwise.mfa.unknown")).isNull();
        assertThat(asked).isEmpty();
    }

    @Test
    void itOverridesWebXmlAndAnErrorNamesTheSource() {
        Config config = config(Map.of("stepwise.mfa.trust.duration", new String[] {"P7D", "SysPropConfigSource"}));
        MfaConfig parsed = MfaConfig.parse(Map.of("stepwise.mfa.trust.duration", "P14D")::get,
                MicroProfileSource.of(config));
        assertThat(parsed.trust().duration()).isEqualTo(Duration.ofDays(7));

        Config bad = config(Map.of("stepwise.mfa.totp.window", new String[] {"9", "EnvConfigSource"}));
        assertThatThrownBy(() -> MfaConfig.parse(name -> null, MicroProfileSource.of(bad)))
                .isInstanceOf(MfaConfigException.class)
                .hasMessage("stepwise.mfa.totp.window: '9' is not valid; expected a whole number from 0 to 5 "
                        + "(value from the MicroProfile Config source EnvConfigSource)");
    }

    @Test
    void aValueTheConfigCannotResolveFailsNamingTheParameterWithoutItsText() {
        ParameterSource source = MicroProfileSource.of(config(Map.of("broken", new String[] {"", ""})));

        assertThatThrownBy(() -> MfaConfig.parse(name -> null, source))
                .isInstanceOf(MfaConfigException.class)
                .hasMessageContaining("stepwise.mfa.issuer").hasMessageContaining("NoSuchElementException")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void anExpressionIsRefusedSoItCannotCopyTheSecretKeyIntoAShownSetting() {
        // STEPWISE_MFA_ISSUER=${stepwise.mfa.secret-key}: the issuer is shown in every otpauth URI / QR code
        ParameterSource source = MicroProfileSource.of(config(Map.of("stepwise.mfa.issuer",
                new String[] {"S3CRETKEYS3CRETKEY", "EnvConfigSource", "${stepwise.mfa.secret-key}"})));

        assertThatThrownBy(() -> MfaConfig.parse(name -> null, source))
                .isInstanceOfSatisfying(MfaConfigException.class,
                        e -> assertThat(e.parameter()).isEqualTo("stepwise.mfa.issuer"))
                .hasMessage("stepwise.mfa.issuer: '(from MicroProfile Config, not shown)' is not valid; expected a "
                        + "literal value (no ${...} expressions) (value from the MicroProfile Config source "
                        + "EnvConfigSource)")
                .hasMessageNotContaining("S3CRET");
    }

    @Test
    void anExpressionExpandingToItselfIsRefusedToo() {
        ParameterSource source = MicroProfileSource.of(config(Map.of("stepwise.mfa.issuer",
                new String[] {"${x}", "EnvConfigSource", "${x}"})));

        assertThatThrownBy(() -> source.lookup("stepwise.mfa.issuer")).isInstanceOf(MfaConfigException.class)
                .hasMessageContaining("no ${...} expressions");
    }

    @Test
    void anUnresolvableValueKeepsItsOriginInTheMessage() {
        ParameterSource source = MicroProfileSource.of(config(Map.of("broken", new String[] {"", ""})));

        assertThatThrownBy(() -> MfaConfig.parse(name -> null, source))
                .isInstanceOf(MfaConfigException.class)
                .hasMessageEndingWith("(value from the MicroProfile Config)");
    }

    @Test
    void aSecretKeyInAnotherMicroProfileSourceFailsTheDeploymentWithoutShowingIt() {
        Config config = config(Map.of(Parameters.SECRET_KEY,
                new String[] {"S3CRETKEYS3CRETKEY", "PropertiesConfigSource[source=microprofile-config.properties]"}));

        assertThatThrownBy(() -> MicroProfileSource.refuseMisplacedSecretKey(config, name -> null, name -> null))
                .isInstanceOfSatisfying(MfaConfigException.class,
                        e -> assertThat(e.parameter()).isEqualTo(Parameters.SECRET_KEY))
                .hasMessageContaining(Parameters.SECRET_KEY)
                .hasMessageContaining("PropertiesConfigSource")
                .hasMessageContaining("JNDI env-entry").hasMessageContaining("STEPWISE_MFA_SECRET_KEY")
                .hasMessageNotContaining("S3CRET");
    }

    @Test
    void aSecretKeyFromTheSystemPropertyOrTheEnvironmentIsFine() {
        Config config = config(Map.of(Parameters.SECRET_KEY, new String[] {"S3CRETKEY", "SysPropConfigSource"}));

        MicroProfileSource.refuseMisplacedSecretKey(config, Map.of(Parameters.SECRET_KEY, "S3CRETKEY")::get,
                name -> null);
        MicroProfileSource.refuseMisplacedSecretKey(config, name -> null,
                Map.of("STEPWISE_MFA_SECRET_KEY", "S3CRETKEY")::get);
        MicroProfileSource.refuseMisplacedSecretKey(config(Map.of()), name -> null, name -> null);
    }
}
