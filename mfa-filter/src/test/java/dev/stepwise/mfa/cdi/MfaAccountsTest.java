package dev.stepwise.mfa.cdi;

import dev.stepwise.mfa.Factors;
import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.event.EventHeader;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.totp.InMemoryTotpCredentialStore;
import dev.stepwise.mfa.factor.totp.TotpFactor;
import dev.stepwise.mfa.factor.totp.TotpSettings;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The provisioning API refuses weak TOTP secrets (issue 10: a 128-bit secret was accepted when provisioned). */
class MfaAccountsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final TotpFactor totp = new TotpFactor(new InMemoryTotpCredentialStore(), clock, TotpSettings.defaults());
    private final List<MfaEvent> fired = new ArrayList<>();
    private final MfaAccounts accounts = new MfaAccounts(null, MfaRuntime.of(
            MfaConfiguration.of(MfaConfig.parse(name -> null), clock), Map.of(Factors.TOTP, totp), null,
            fired::add));

    @Test
    void aTotpSecretOf128BitsIsRefusedAndNothingIsEnrolled() {
        String secret128 = "GEZD GNBV GY3T QOJQ GEZD GNBV GY"; // 16 bytes

        assertThatIllegalArgumentException().isThrownBy(() -> accounts.provisionTotp("alice", secret128))
                .withMessageContaining("160 bits").withMessageNotContaining("GEZD");

        assertThat(totp.isEnrolled("alice")).isFalse();
        assertThat(fired).isEmpty();
    }

    @Test
    void aTotpSecretOf160BitsIsProvisioned() {
        String secret160 = "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"; // RFC 6238's SHA-1 secret, 20 bytes

        assertThat(accounts.provisionTotp("alice", secret160)).isTrue();

        assertThat(totp.isEnrolled("alice")).isTrue();
        assertThat(fired).containsExactly(
                new MfaEvent.FactorEnrolled(EventHeader.withoutClient("alice", clock.instant()), Factors.TOTP));
    }
}
