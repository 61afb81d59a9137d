package dev.stepwise.mfa.factor.totp;

import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.TestChallengeContexts;
import dev.stepwise.mfa.factor.Verification;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TotpFactorTest {

    private static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);
    private static final Verification WRONG = Verification.rejected("stepwise.mfa.error.code");

    private final SettableClock clock = new SettableClock(T0);
    private final InMemoryTotpCredentialStore store = new InMemoryTotpCredentialStore();
    private final TotpFactor totp = new TotpFactor(store, clock, TotpSettings.defaults());
    private final ChallengeContext ctx = TestChallengeContexts.at(T0);

    @Test
    void idIsTotp() {
        assertThat(totp.id()).isEqualTo("totp");
    }

    @Test
    void beginWhenNewUserThenPendingSecretWithQrAndText() {
        TotpEnrolment enrolment = totp.begin("alice", "Example Bank");

        assertThat(enrolment.secret().length()).isEqualTo(20);
        assertThat(enrolment.uri()).isEqualTo(OtpAuthUri.totp(enrolment.secret(), "Example Bank", "alice",
                TotpSettings.defaults()));
        assertThat(enrolment.svg()).startsWith("<svg ").endsWith("</svg>");
        assertThat(enrolment.groupedSecret()).isEqualTo(enrolment.secret().groupedBase32());
        assertThat(enrolment.toString()).doesNotContain(enrolment.secret().base32());

        TotpCredential stored = store.find("alice").orElseThrow();
        assertThat(stored.active()).isFalse();
        assertThat(stored.secret()).isEqualTo(enrolment.secret());
        assertThat(totp.isEnrolled("alice")).isFalse();
    }

    @Test
    void beginWhenAccountLabelGivenThenUsedInUri() {
        TotpEnrolment enrolment = totp.begin("u-42", "Example", "alice@example.com");

        assertThat(enrolment.uri()).startsWith("otpauth://totp/Example:alice%40example.com?");
    }

    @Test
    void verifyWhenOnlyPendingThenRejected() {
        TotpEnrolment enrolment = totp.begin("alice", "Example");

        assertThat(totp.verify("alice", Map.of("code", codeNow(enrolment)), ctx)).isEqualTo(WRONG);
    }

    @Test
    void confirmWhenWrongCodeThenRejectedAndStillPending() {
        TotpEnrolment enrolment = totp.begin("alice", "Example");

        assertThat(totp.confirm("alice", wrongCode(enrolment))).isEqualTo(WRONG);
        assertThat(totp.confirm("alice", "٣٤٥٦٧٨")).isEqualTo(WRONG);
        assertThat(totp.confirm("alice", null)).isEqualTo(WRONG);
        assertThat(totp.isEnrolled("alice")).isFalse();
    }

    @Test
    void confirmWhenValidCodeThenActiveAndThatCodeCannotSignIn() {
        TotpEnrolment enrolment = totp.begin("alice", "Example");
        String code = codeNow(enrolment);

        assertThat(totp.confirm("alice", code)).isEqualTo(Verification.accepted());
        assertThat(totp.isEnrolled("alice")).isTrue();
        // RFC 6238 §5.2: the confirming code was accepted once already
        assertThat(totp.verify("alice", Map.of("code", code), ctx)).isEqualTo(WRONG);

        clock.set(T0.plusSeconds(30));
        assertThat(totp.verify("alice", Map.of("code", codeNow(enrolment)), ctx)).isEqualTo(Verification.accepted());
    }

    @Test
    void confirmWhenNothingPendingThenRejected() {
        assertThat(totp.confirm("nobody", "123456")).isEqualTo(WRONG);
    }

    @Test
    void confirmWhenAlreadyActiveThenRejected() {
        TotpEnrolment enrolment = totp.begin("alice", "Example");
        totp.confirm("alice", codeNow(enrolment));
        clock.set(T0.plusSeconds(30));

        assertThat(totp.confirm("alice", codeNow(enrolment))).isEqualTo(WRONG);
    }

    @Test
    void beginAgainWhenPendingThenNewSecretReplacesOld() {
        TotpEnrolment first = totp.begin("alice", "Example");
        TotpEnrolment second = totp.begin("alice", "Example");

        assertThat(second.secret()).isNotEqualTo(first.secret());
        assertThat(totp.confirm("alice", codeNow(first))).isEqualTo(WRONG);
        assertThat(totp.confirm("alice", codeNow(second))).isEqualTo(Verification.accepted());
    }

    @Test
    void beginWhenAlreadyActiveThenRefusedAndCredentialKept() {
        TotpEnrolment enrolment = totp.begin("alice", "Example");
        totp.confirm("alice", codeNow(enrolment));

        assertThatThrownBy(() -> totp.begin("alice", "Example")).isInstanceOf(IllegalStateException.class);
        assertThat(store.find("alice").orElseThrow().secret()).isEqualTo(enrolment.secret());
        assertThat(totp.isEnrolled("alice")).isTrue();
    }

    @Test
    void removeWhenActiveThenNotEnrolledAndCodesRefused() {
        TotpEnrolment enrolment = totp.begin("alice", "Example");
        totp.confirm("alice", codeNow(enrolment));

        totp.remove("alice");

        clock.set(T0.plusSeconds(30));
        assertThat(totp.isEnrolled("alice")).isFalse();
        assertThat(totp.verify("alice", Map.of("code", codeNow(enrolment)), ctx)).isEqualTo(WRONG);
    }

    @Test
    void verifyWhenCodeFieldMissingOrNullThenRejected() {
        TotpEnrolment enrolment = totp.begin("alice", "Example");
        totp.confirm("alice", codeNow(enrolment));
        clock.set(T0.plusSeconds(30));
        Map<String, String> nullCode = new HashMap<>();
        nullCode.put("code", null);

        assertThat(totp.verify("alice", Map.of(), ctx)).isEqualTo(WRONG);
        assertThat(totp.verify("alice", nullCode, ctx)).isEqualTo(WRONG);
        assertThat(totp.verify("alice", Map.of("otp", codeNow(enrolment)), ctx)).isEqualTo(WRONG);
    }

    @Test
    void constructorWhenCollaboratorMissingThenNullPointer() {
        assertThatThrownBy(() -> new TotpFactor(null, clock, TotpSettings.defaults()))
                .isInstanceOf(NullPointerException.class).hasMessage("store");
        assertThatThrownBy(() -> new TotpFactor(store, null, TotpSettings.defaults()))
                .isInstanceOf(NullPointerException.class).hasMessage("clock");
        assertThatThrownBy(() -> new TotpFactor(store, clock, null))
                .isInstanceOf(NullPointerException.class).hasMessage("settings");
    }

    private String codeNow(TotpEnrolment enrolment) {
        TotpVerifier codes = new TotpVerifier(TotpSettings.defaults(), clock, new InMemoryTotpCredentialStore());
        return codes.codeAt(enrolment.secret(), codes.stepAt(clock.instant()));
    }

    /** A well-formed code that matches no step of the ±1 window. */
    private String wrongCode(TotpEnrolment enrolment) {
        TotpVerifier codes = new TotpVerifier(TotpSettings.defaults(), clock, new InMemoryTotpCredentialStore());
        long now = codes.stepAt(clock.instant());
        Set<String> window = Set.of(codes.codeAt(enrolment.secret(), now - 1),
                codes.codeAt(enrolment.secret(), now), codes.codeAt(enrolment.secret(), now + 1));
        for (int i = 0; ; i++) {
            String candidate = String.format("%06d", i);
            if (!window.contains(candidate)) {
                return candidate;
            }
        }
    }

    /** A clock the test moves forward by hand; no sleeping. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
