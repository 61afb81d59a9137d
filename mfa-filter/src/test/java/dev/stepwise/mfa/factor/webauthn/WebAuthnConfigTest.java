package dev.stepwise.mfa.factor.webauthn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link WebAuthnConfig}: every bad value is refused with a message naming the field.
 */
class WebAuthnConfigTest {

    private static final Set<String> ORIGINS = Set.of("https://bank.example");

    @Test
    void ofThenPreferredAndFiveMinutes() {
        WebAuthnConfig c = WebAuthnConfig.of("bank.example", "Example Bank", ORIGINS);

        assertThat(c.rpId()).isEqualTo("bank.example");
        assertThat(c.rpName()).isEqualTo("Example Bank");
        assertThat(c.origins()).containsExactly("https://bank.example");
        assertThat(c.userVerification()).isEqualTo(WebAuthnConfig.UserVerification.PREFERRED);
        assertThat(c.userVerification().value()).isEqualTo("preferred");
        assertThat(c.timeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void originsCopied() {
        Set<String> origins = new HashSet<>(ORIGINS);
        WebAuthnConfig c = WebAuthnConfig.of("bank.example", "Example Bank", origins);
        origins.add("https://evil.bank.example");

        assertThat(c.origins()).containsExactly("https://bank.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://bank.example:8443", "https://login.bank.example", "https://a.b.bank.example"})
    void originOnRpIdOrSubdomainWithPortAccepted(String origin) {
        assertThat(WebAuthnConfig.of("bank.example", "Example Bank", Set.of(origin)).origins())
                .containsExactly(origin);
    }

    @Test
    void localhostOverHttpAcceptedForDevelopment() {
        assertThat(WebAuthnConfig.of("localhost", "Dev", Set.of("http://localhost:8080")).rpId())
                .isEqualTo("localhost");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "https://bank.example", "bank.example:443", "bank.example/", "Bank.Example",
            "-bank.example", "bank..example", "bank example", "bänk.example"})
    void rpIdNotAHostNameThenRefusedNamingIt(String rpId) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebAuthnConfig.of(rpId, "Example Bank", Set.of("https://" + rpId)))
                .withMessageStartingWith("rpId must be");
    }

    @Test
    void rpIdNullThenRefusedNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> WebAuthnConfig.of(null, "Example Bank", ORIGINS))
                .withMessageStartingWith("rpId must be");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://bank.example", "https://evilbank.example", "https://bank.example.evil.test",
            "https://bank.example/login", "https://bank.example/", "https://bank.example?x", "HTTPS://BANK.EXAMPLE",
            "https://user@bank.example", "ftp://bank.example", "bank.example", "https://", "not a url",
            "http://localhost:8080"})
    void originNotOnRpIdOrNotHttpsThenRefusedNamingIt(String origin) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebAuthnConfig.of("bank.example", "Example Bank", Set.of(origin)))
                .withMessageStartingWith("origins must be");
    }

    @Test
    void originsEmptyOrNullThenRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebAuthnConfig.of("bank.example", "Example Bank", Set.of()))
                .withMessageStartingWith("origins must name");
        assertThatNullPointerException().isThrownBy(() -> WebAuthnConfig.of("bank.example", "Example Bank", null))
                .withMessage("origins");
    }

    @Test
    void rpNameBlankOrLongThenRefusedNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> WebAuthnConfig.of("bank.example", " ", ORIGINS))
                .withMessageStartingWith("rpName");
        assertThatIllegalArgumentException().isThrownBy(() -> WebAuthnConfig.of("bank.example", null, ORIGINS))
                .withMessageStartingWith("rpName");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebAuthnConfig.of("bank.example", "n".repeat(65), ORIGINS))
                .withMessageStartingWith("rpName");
        assertThat(WebAuthnConfig.of("bank.example", "n".repeat(64), ORIGINS).rpName()).hasSize(64);
    }

    @Test
    void timeoutFrom30SecondsTo10Minutes() {
        WebAuthnConfig c = WebAuthnConfig.of("bank.example", "Example Bank", ORIGINS);

        assertThat(c.withTimeout(Duration.ofSeconds(30)).timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.withTimeout(Duration.ofMinutes(10)).timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThatIllegalArgumentException().isThrownBy(() -> c.withTimeout(Duration.ofSeconds(29)))
                .withMessageStartingWith("timeout");
        assertThatIllegalArgumentException().isThrownBy(() -> c.withTimeout(Duration.ofMinutes(10).plusMillis(1)))
                .withMessageStartingWith("timeout");
        assertThatIllegalArgumentException().isThrownBy(() -> c.withTimeout(null))
                .withMessageStartingWith("timeout");
    }

    @Test
    void userVerificationNullThenRefusedNamingIt() {
        WebAuthnConfig c = WebAuthnConfig.of("bank.example", "Example Bank", ORIGINS);

        assertThatIllegalArgumentException().isThrownBy(() -> c.withUserVerification(null))
                .withMessageStartingWith("userVerification");
        assertThat(c.withUserVerification(WebAuthnConfig.UserVerification.REQUIRED).userVerification().value())
                .isEqualTo("required");
    }
}
