package dev.stepwise.mfa.event;

import dev.stepwise.mfa.core.risk.RiskAssessment;
import dev.stepwise.mfa.core.risk.RiskLevel;
import dev.stepwise.mfa.core.risk.RiskReason;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link MfaEvent} and its {@link EventHeader}: who and when are required, nothing is {@code null}, nothing secret
 * fits in.
 */
class MfaEventTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final EventHeader ALICE = new EventHeader("alice", AT, "203.0.113.7", "Firefox on Linux");

    @Test
    void whoAndWhenAreRequired() {
        assertThatNullPointerException().isThrownBy(() -> new EventHeader(null, AT, "", ""))
                .withMessage("user");
        assertThatNullPointerException().isThrownBy(() -> new EventHeader("alice", null, "", ""))
                .withMessage("at");
        assertThatNullPointerException().isThrownBy(() -> EventHeader.withoutClient(null, AT));
    }

    @Test
    void missingTextBecomesEmpty() {
        EventHeader header = new EventHeader("alice", AT, null, null);

        assertThat(header.clientAddress()).isEmpty();
        assertThat(header.userAgent()).isEmpty();
        assertThat(EventHeader.withoutClient("alice", AT)).isEqualTo(new EventHeader("alice", AT, "", ""));
    }

    @Test
    void theEventReadsItsHeader() {
        MfaEvent e = new MfaEvent.FactorVerified(ALICE, "totp");

        assertThat(e.header()).isSameAs(ALICE);
        assertThat(e.user()).isEqualTo("alice");
        assertThat(e.at()).isEqualTo(AT);
        assertThat(e.clientAddress()).isEqualTo("203.0.113.7");
        assertThat(e.userAgent()).isEqualTo("Firefox on Linux");
    }

    @Test
    void everyEventNeedsAHeader() {
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.FactorEnrolled(null, "totp"))
                .withMessage("header");
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.RecoveryCodesRegenerated(null, 10));
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.RiskAssessed(null, RiskLevel.LOW, List.of(),
                false));
    }

    @Test
    void ownTextBecomesEmpty() {
        assertThat(new MfaEvent.FactorFailed(ALICE, "totp", null).reason()).isEmpty();
        assertThat(new MfaEvent.ChallengeIssued(ALICE, List.of(), null, null)).satisfies(e -> {
            assertThat(e.reason()).isEmpty();
            assertThat(e.target()).isEmpty();
        });
        assertThat(new MfaEvent.LockedOut(ALICE, null, 10, AT).factorId()).isEmpty();
        assertThat(new MfaEvent.DeviceRevoked(ALICE, null, null)).satisfies(e -> {
            assertThat(e.all()).isTrue();
            assertThat(e.reason()).isEmpty();
        });
        assertThat(new MfaEvent.FactorRemoved(ALICE, "totp", null).reason()).isEmpty();
        assertThat(new MfaEvent.AdminAction(ALICE, "bob", MfaEvent.AdminAction.Action.UNLOCK, null, null).reason())
                .isEmpty();
        assertThat(new MfaEvent.ExemptionUsed(ALICE, "bob", AT, null).target()).isEmpty();
        assertThat(new MfaEvent.CrossSiteRefused(ALICE, "POST", null, null)).satisfies(e -> {
            assertThat(e.target()).isEmpty();
            assertThat(e.origin()).isEmpty();
        });
    }

    @Test
    void ownRequiredFieldsAreChecked() {
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.FactorVerified(ALICE, null));
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.FactorFailed(ALICE, null, ""));
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.LockedOut(ALICE, "totp", 1, null));
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.DeviceTrusted(ALICE, null, AT));
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.DeviceTrusted(ALICE, "dev-1", null));
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.FactorEnrolled(ALICE, null));
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.FactorEnrolledUnderExemption(ALICE, "totp",
                null, AT));
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.FactorEnrolledUnderExemption(ALICE, "totp",
                "bob", null));
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.FactorRemoved(ALICE, null, ""));
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.AdminAction(ALICE, null,
                MfaEvent.AdminAction.Action.UNLOCK, "r", null));
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.AdminAction(ALICE, "bob", null, "r", null));
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.AdminAction(ALICE, "bob",
                MfaEvent.AdminAction.Action.EXEMPT, "r", null));
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.ExemptionUsed(ALICE, null, AT, ""));
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.ExemptionUsed(ALICE, "bob", null, ""));
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.RiskAssessed(ALICE, null, List.of(), false));
        assertThatNullPointerException().isThrownBy(() -> new MfaEvent.CrossSiteRefused(ALICE, null, "/", ""));
        assertThatIllegalArgumentException().isThrownBy(() -> new MfaEvent.RecoveryCodeUsed(ALICE, -1));
    }

    @Test
    void listsAreCopied() {
        List<String> factors = new ArrayList<>(List.of("totp"));
        MfaEvent.ChallengeIssued issued = new MfaEvent.ChallengeIssued(ALICE, factors, "", "");

        factors.add("sms");

        assertThat(issued.factors()).containsExactly("totp");
    }

    @Test
    void riskAssessedCarriesLevelAndReasonIdsOnly() {
        RiskAssessment risk = RiskAssessment.of(List.of(RiskReason.of("new-device", RiskLevel.MEDIUM)));

        MfaEvent.RiskAssessed e = MfaEvent.RiskAssessed.of(new EventHeader("alice", AT, "", "Safari on iOS"), risk,
                true);

        assertThat(e.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(e.reasons()).containsExactly("new-device");
        assertThat(e.challenged()).isTrue();
    }

    @Test
    void adminActionIdsAreStable() {
        assertThat(Arrays.stream(MfaEvent.AdminAction.Action.values()).map(MfaEvent.AdminAction.Action::id))
                .containsExactly("reset-mfa", "exempt", "end-exemption", "unlock", "revoke-devices");
    }

    @Test
    void noEventHasAComponentNamedLikeASecret() {
        assertThat(Arrays.stream(EventHeader.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactly("user", "at", "clientAddress", "userAgent");
        for (Class<?> type : MfaEvent.class.getPermittedSubclasses()) {
            RecordComponent[] components = type.getRecordComponents();
            assertThat(components).as("%s is a record", type).isNotNull();
            assertThat(Arrays.stream(components).map(RecordComponent::getName))
                    .as("%s", type.getSimpleName())
                    .noneMatch(n -> n.matches("(?i).*(secret|code|password|cookie|token|otp|input).*")
                            && !n.equals("remaining"));
            assertThat(components[0].getType()).as("%s starts with the header", type.getSimpleName())
                    .isEqualTo(EventHeader.class);
        }
    }
}
