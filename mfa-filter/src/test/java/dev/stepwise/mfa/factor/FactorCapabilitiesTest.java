package dev.stepwise.mfa.factor;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.factor.recovery.InMemoryRecoveryCodeStore;
import dev.stepwise.mfa.factor.recovery.RecoveryCodeHasher;
import dev.stepwise.mfa.factor.recovery.RecoveryFactor;
import dev.stepwise.mfa.factor.totp.InMemoryTotpCredentialStore;
import dev.stepwise.mfa.factor.totp.TotpFactor;
import dev.stepwise.mfa.factor.totp.TotpSettings;
import dev.stepwise.mfa.factor.webauthn.InMemoryWebAuthnCredentialStore;
import dev.stepwise.mfa.factor.webauthn.WebAuthnByOrigin;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What the pages and the administration ask of a factor beyond proving a user goes through capabilities
 * ({@link Factor#capability}), never through the factor's class: each built-in factor offers exactly its own.
 */
class FactorCapabilitiesTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    final MutableClock clock = new MutableClock(T0);
    final InMemoryTotpCredentialStore totpStore = new InMemoryTotpCredentialStore();
    final TotpFactor totp = new TotpFactor(totpStore, clock, TotpSettings.defaults());
    final InMemoryRecoveryCodeStore recoveryStore = new InMemoryRecoveryCodeStore();
    final RecoveryFactor recovery = new RecoveryFactor(recoveryStore, new RecoveryCodeHasher(
            RecoveryCodeHasher.MIN_ITERATIONS, new SecureRandom()), used -> { }, new SecureRandom());
    final WebAuthnByOrigin webauthn = new WebAuthnByOrigin(null, "Bank", new InMemoryWebAuthnCredentialStore(),
            warning -> { });

    /** A factor of an application: only what {@link Factor} requires. */
    static final Factor PLAIN = new Factor() {
        @Override
        public String id() {
            return "hwtoken";
        }

        @Override
        public boolean isEnrolled(String user) {
            return false;
        }

        @Override
        public Verification verify(String user, Map<String, String> input, ChallengeContext ctx) {
            return Verification.rejected("stepwise.mfa.error.code");
        }
    };

    @Test
    void eachBuiltInFactorOffersItsOwnCapabilitiesOnly() {
        assertThat(capabilities(totp)).containsExactlyInAnyOrder(KeyEnrolment.class, EnrolmentRemoval.class);
        assertThat(capabilities(recovery)).containsExactlyInAnyOrder(EnrolmentRemoval.class, RecoveryCodes.class);
        assertThat(capabilities(webauthn)).containsExactlyInAnyOrder(EnrolmentRemoval.class, KeyRegistration.class);
        assertThat(capabilities(PLAIN)).isEmpty();
    }

    @Test
    void anAuthenticatorAppKeyIsOfferedConfirmedAndRemovedThroughItsCapabilities() {
        KeyEnrolment enrolment = totp.capability(KeyEnrolment.class).orElseThrow();

        KeyEnrolment.KeyOffer offer = enrolment.offerKey("alice", "Bank");

        assertThat(offer.qrSvg()).startsWith("<svg");
        assertThat(offer.uri()).startsWith("otpauth://totp/");
        assertThat(offer.toString()).doesNotContain(offer.groupedSecret());
        assertThat(enrolment.confirmKey("alice", "000000")).isInstanceOf(Verification.Rejected.class);
        assertThat(totp.isEnrolled("alice")).isFalse();

        enrolment.provisionKey("bob", SECRET);
        assertThat(totp.isEnrolled("bob")).isTrue();
        assertThatIllegalStateException().isThrownBy(() -> enrolment.provisionKey("bob", SECRET));
        totp.capability(EnrolmentRemoval.class).orElseThrow().removeEnrolment("bob");
        assertThat(totp.isEnrolled("bob")).isFalse();
    }

    @Test
    void aProvisionedKeyThatIsNotBase32IsRefusedWithoutRepeatingIt() {
        KeyEnrolment enrolment = totp.capability(KeyEnrolment.class).orElseThrow();

        assertThatIllegalArgumentException().isThrownBy(() -> enrolment.provisionKey("bob", "not!base32-secret"))
                .withMessageNotContaining("not!base32-secret");
    }

    @Test
    void recoveryCodesAreReplacedCountedAndRemovedThroughTheirCapabilities() {
        RecoveryCodes codes = recovery.capability(RecoveryCodes.class).orElseThrow();

        List<String> first = codes.replaceCodes("alice");
        List<String> second = codes.replaceCodes("alice");

        assertThat(second).hasSize(first.size()).doesNotContainAnyElementsOf(first);
        assertThat(codes.remaining("alice")).isEqualTo(second.size());
        recovery.capability(EnrolmentRemoval.class).orElseThrow().removeEnrolment("alice");
        assertThat(codes.remaining("alice")).isZero();
        assertThat(recovery.isEnrolled("alice")).isFalse();
    }

    @Test
    void aSecurityKeyCeremonyIsBegunForThePagesOriginAndAGarbageAnswerIsRejected() {
        KeyRegistration registration = webauthn.capability(KeyRegistration.class).orElseThrow();
        ChallengeContext ctx = new ChallengeContext(T0, java.util.Locale.ENGLISH, "192.0.2.1", "JUnit",
                TestChallengeContexts.at(T0).session(), "https://bank.example");

        String options = registration.beginRegistration("alice", "alice", ctx);

        assertThat(options).contains("\"id\":\"bank.example\"");
        assertThat(registration.finishRegistration("alice", "{}", "My key", ctx))
                .isInstanceOf(Verification.Rejected.class);
    }

    private static List<Class<?>> capabilities(Factor factor) {
        List<Class<?>> all = List.of(CodeSending.class, EnrolmentRemoval.class, KeyEnrolment.class,
                KeyRegistration.class, RecoveryCodes.class);
        List<Class<?>> offered = new java.util.ArrayList<>();
        for (Class<?> c : all) {
            if (factor.capability(c).isPresent()) {
                offered.add(c);
            }
        }
        return offered;
    }
}
