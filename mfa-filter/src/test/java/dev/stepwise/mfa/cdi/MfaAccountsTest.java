package dev.stepwise.mfa.cdi;

import dev.stepwise.mfa.Factors;
import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.event.EventHeader;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.totp.InMemoryTotpCredentialStore;
import dev.stepwise.mfa.factor.totp.InterleavingTotpStore;
import dev.stepwise.mfa.factor.totp.TotpFactor;
import dev.stepwise.mfa.factor.totp.TotpSettings;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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

    @Test
    void twoNodesProvisioningOneUserAtOnceEnrolItOnceAndNeitherThrows() throws Exception {
        // the two-node soak: both nodes seed the demo user; both read "not enrolled" before either writes
        InMemoryTotpCredentialStore shared = new InMemoryTotpCredentialStore();
        InterleavingTotpStore racing = new InterleavingTotpStore(shared);
        CyclicBarrier bothHaveRead = new CyclicBarrier(2);
        racing.afterFind(n -> {
            if (n <= 2) {
                await(bothHaveRead);
            }
        });
        List<MfaEvent> events = Collections.synchronizedList(new ArrayList<>());
        MfaAccounts node = new MfaAccounts(null, MfaRuntime.of(MfaConfiguration.of(MfaConfig.parse(name -> null),
                clock), Map.of(Factors.TOTP, new TotpFactor(racing, clock, TotpSettings.defaults())), null,
                events::add));
        String secret = "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ";

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> a = pool.submit(() -> node.provisionTotp("bob", secret));
            Future<Boolean> b = pool.submit(() -> node.provisionTotp("bob", secret));
            assertThat(List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder(true, false);
        } finally {
            pool.shutdownNow();
        }
        assertThat(shared.find("bob").orElseThrow().active()).isTrue();
        assertThat(events).containsExactly(
                new MfaEvent.FactorEnrolled(EventHeader.withoutClient("bob", clock.instant()), Factors.TOTP));
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other provisioning did not read", e);
        }
    }
}
