package dev.stepwise.mfa.factor.email;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class MaskedEmailAddressTest {

    @ParameterizedTest
    @CsvSource({
            "alice@example.com, a***@example.com",
            "a@b.example, a***@b.example",
            "' Bob.Smith+mfa@mail.example.org ', B***@mail.example.org",
            "\"odd@local\"@example.com, \"***@example.com",
            "\uD835\uDCB6lice@example.com, \uD835\uDCB6***@example.com"})
    void keepsTheFirstCharacterAndTheDomain(String address, String masked) {
        assertThat(MaskedEmailAddress.of(address).value()).isEqualTo(masked);
        assertThat(MaskedEmailAddress.of(address).toString()).isEqualTo(masked);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "alice", "@example.com", "alice@", " "})
    void hidesEverythingThatIsNotAnAddress(String address) {
        assertThat(MaskedEmailAddress.of(address).value()).isEqualTo("***");
    }
}
