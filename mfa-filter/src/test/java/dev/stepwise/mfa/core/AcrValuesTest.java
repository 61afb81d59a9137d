package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AcrValuesTest {

    private static ChallengeRequired challenge(List<String> offered, Requirement requirement) {
        return new ChallengeRequired(offered, ChallengeRequired.Why.MISSING, requirement);
    }

    @Test
    void anySecondFactorIsOneName() {
        assertThat(AcrValues.of(challenge(List.of("totp", "webauthn"), Requirement.mfa())))
                .containsExactly("urn:stepwise:mfa");
        assertThat(AcrValues.of(challenge(List.of("totp"), Requirement.stepUp(Duration.ofMinutes(5)))))
                .containsExactly("urn:stepwise:mfa");
    }

    @Test
    void namedFactorsAreNamedInTheApplicationsOrder() {
        Requirement named = Requirement.stepUp(Duration.ofMinutes(5)).withFactors(Set.of("webauthn", "totp"));

        assertThat(AcrValues.of(challenge(List.of("webauthn", "totp"), named)))
                .containsExactly("urn:stepwise:factor:webauthn", "urn:stepwise:factor:totp");
        assertThat(AcrValues.spaced(challenge(List.of("totp"), named))).isEqualTo("urn:stepwise:factor:totp");
    }

    @Test
    void anIdOutsideTheConfiguredAlphabetIsPercentEncodedSoTheHeaderNeedsNoEscaping() {
        assertThat(AcrValues.factor("my-key2")).isEqualTo("urn:stepwise:factor:my-key2");
        assertThat(AcrValues.factor("a\"b c\\d")).isEqualTo("urn:stepwise:factor:a%22b%20c%5Cd");
        assertThat(AcrValues.factor("Clé")).isEqualTo("urn:stepwise:factor:%43l%C3%A9");
        assertThat(AcrValues.factor("x\r\ny")).isEqualTo("urn:stepwise:factor:x%0D%0Ay");
    }
}
