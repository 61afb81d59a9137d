package dev.stepwise.mfa.event;

import dev.stepwise.mfa.core.risk.RiskAssessment;
import dev.stepwise.mfa.core.risk.RiskLevel;
import dev.stepwise.mfa.core.risk.RiskReason;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AuditLine}: one line per event, no way to forge a line or a field.
 */
class AuditLineTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final String IP = "203.0.113.7";
    private static final String UA = "Firefox on Linux";
    private static final EventHeader ALICE = new EventHeader("alice", AT, IP, UA);

    @Test
    void factorFailedAsInTheDocumentation() {
        String line = AuditLine.format(new MfaEvent.FactorFailed(ALICE, "totp", ""));

        assertThat(line).isEqualTo(
                "mfa event=factor-failed user=alice factor=totp ip=203.0.113.7 ua=\"Firefox on Linux\" at=2025-03-01T10:00:00Z");
    }

    @Test
    void everyEventTypeHasALine() {
        List<MfaEvent> events = allEvents();
        List<String> names = new ArrayList<>();
        for (MfaEvent e : events) {
            String line = AuditLine.format(e);
            assertThat(line).startsWith("mfa event=").contains(" user=alice").endsWith(" at=2025-03-01T10:00:00Z")
                    .doesNotContain("\n");
            names.add(AuditLine.name(e));
        }

        assertThat(names).containsExactlyInAnyOrder("challenge-issued", "factor-verified", "factor-failed",
                "locked-out", "device-trusted", "device-revoked", "factor-enrolled", "factor-enrolled-under-exemption",
                "factor-removed", "recovery-code-used", "recovery-codes-regenerated", "admin-action", "exemption-used",
                "risk-assessed", "cross-site-refused", "factor-checked", "trusted-device-used",
                "key-renamed", "key-removed", "passkey-sign-in", "location-rule-applied",
                "push-denied");
        assertThat(events).extracting(Object::getClass).map(Class.class::cast)
                .containsExactlyInAnyOrder(MfaEvent.class.getPermittedSubclasses());
    }

    @Test
    void fieldsOfEachEvent() {
        assertThat(AuditLine.format(new MfaEvent.ChallengeIssued(ALICE, List.of("totp", "webauthn"),
                "change-password", "/account/password")))
                .contains(" factors=totp,webauthn reason=change-password target=/account/password ip=");
        assertThat(AuditLine.format(new MfaEvent.LockedOut(ALICE, "totp", 10, AT.plusSeconds(900))))
                .contains(" factor=totp failures=10 until=2025-03-01T10:15:00Z ip=");
        assertThat(AuditLine.format(new MfaEvent.DeviceRevoked(ALICE, "", "password-change")))
                .contains(" device=all reason=password-change ");
        assertThat(AuditLine.format(new MfaEvent.RecoveryCodeUsed(ALICE, 3))).contains(" remaining=3 ");
        assertThat(AuditLine.format(new MfaEvent.FactorChecked(ALICE, "totp", MfaEvent.FactorChecked.VERIFIED,
                java.time.Duration.ofMillis(42)))).contains(" factor=totp outcome=verified ms=42 ip=");
        assertThat(AuditLine.format(new MfaEvent.TrustedDeviceUsed(ALICE, "dev-1"))).contains(" device=dev-1 ip=");
        assertThat(AuditLine.format(new MfaEvent.FactorEnrolledUnderExemption(ALICE, "totp", "bob",
                AT.plusSeconds(86_400)))).contains(" factor=totp granted-by=bob until=2025-03-02T10:00:00Z ip=");
        assertThat(AuditLine.format(new MfaEvent.AdminAction(ALICE, "bob", MfaEvent.AdminAction.Action.EXEMPT,
                "lost phone, ticket 4711", AT.plusSeconds(86_400))))
                .contains(" user=alice admin=bob action=exempt reason=\"lost phone, ticket 4711\" until=2025-03-02T10:00:00Z ");
        RiskAssessment risk = RiskAssessment.of(List.of(RiskReason.of("new-device", RiskLevel.MEDIUM),
                RiskReason.of("long-absence", RiskLevel.MEDIUM)));
        assertThat(AuditLine.format(MfaEvent.RiskAssessed.of(ALICE, risk, true)))
                .contains(" level=high reasons=new-device,long-absence challenged=true ");
        assertThat(AuditLine.format(new MfaEvent.CrossSiteRefused(ALICE, "POST", "/api/transfers",
                "https://evil.example")))
                .contains(" user=alice method=POST target=/api/transfers origin=https://evil.example ");
        assertThat(AuditLine.format(new MfaEvent.LocationRuleApplied(ALICE, "stepup", "country", "/admin/users")))
                .contains(" user=alice outcome=stepup reason=country target=/admin/users");
    }

    @Test
    void emptyFieldsAreLeftOut() {
        String line = AuditLine.format(new MfaEvent.FactorVerified(new EventHeader("alice", AT, "", ""), "totp"));

        assertThat(line).isEqualTo("mfa event=factor-verified user=alice factor=totp at=2025-03-01T10:00:00Z");
    }

    @Test
    void newlineInUserCannotForgeASecondLine() {
        String forged = "alice\nmfa event=factor-verified user=admin factor=totp";

        String line = AuditLine.format(failedBy(forged));

        assertThat(line).doesNotContain("\n").doesNotContain("\r")
                .startsWith("mfa event=factor-failed user=\"alice\\nmfa event=factor-verified user=admin factor=totp\" factor=totp");
        assertThat(keys(line)).containsExactly("event", "user", "factor", "ip", "ua", "at");
        assertThat(value(line, "user")).isEqualTo(forged);
    }

    @Test
    void quotesAndBackslashesCannotCloseTheValue() {
        String line = AuditLine.format(failedBy("a\" ip=\\\"1.2.3.4"));

        assertThat(line).startsWith("mfa event=factor-failed user=\"a\\\" ip=\\\\\\\"1.2.3.4\" factor=totp");
        assertThat(keys(line)).containsExactly("event", "user", "factor", "ip", "ua", "at");
        assertThat(value(line, "user")).isEqualTo("a\" ip=\\\"1.2.3.4");
        assertThat(value(line, "ip")).isEqualTo(IP);
    }

    @Test
    void spacesInAValueAreQuotedSoTheyCannotAddFields() {
        String line = AuditLine.format(failedBy("alice challenged=true"));

        assertThat(line).contains("user=\"alice challenged=true\"");
        assertThat(keys(line)).containsExactly("event", "user", "factor", "ip", "ua", "at");
    }

    @Test
    void controlFormatAndSeparatorCharactersAreEscaped() {
        String sneaky = "a\r\tb\u0000c\u0085d\u2028e\u2029f\u202eg\u2066h\u007f";

        String line = AuditLine.format(failedBy(sneaky));

        assertThat(line).contains("user=\"a\\r\\tb\\u0000c\\u0085d\\u2028e\\u2029f\\u202eg\\u2066h\\u007f\"");
        assertThat(line.codePoints().filter(cp -> Character.getType(cp) == Character.CONTROL)).isEmpty();
    }

    @Test
    void unpairedSurrogateIsEscapedButOtherTextKept() {
        String line = AuditLine.format(failedBy("jürgen\ud800😀"));

        assertThat(line).contains("user=\"jürgen\\ud800😀\"");
    }

    @Test
    void longValuesAreCut() {
        String line = AuditLine.format(failedBy("a".repeat(10_000)));

        assertThat(line).contains("user=\"" + "a".repeat(AuditLine.MAX_VALUE) + "…\" factor=totp");
    }

    @Test
    void emptyUserIsStillWritten() {
        assertThat(AuditLine.format(new MfaEvent.FactorEnrolled(new EventHeader("", AT, IP, UA), "totp")))
                .contains(" user=\"\" ");
    }

    /** A failed TOTP attempt by {@code user}, from {@link #IP} with {@link #UA}. */
    private static MfaEvent.FactorFailed failedBy(String user) {
        return new MfaEvent.FactorFailed(new EventHeader(user, AT, IP, UA), "totp", "");
    }

    /** The keys of a line, read the way a log parser reads it: quoted values may hold spaces and escapes. */
    private static List<String> keys(String line) {
        List<String> keys = new ArrayList<>();
        for (String[] kv : parse(line)) {
            keys.add(kv[0]);
        }
        return keys;
    }

    private static String value(String line, String key) {
        for (String[] kv : parse(line)) {
            if (kv[0].equals(key)) {
                return kv[1];
            }
        }
        throw new AssertionError("no " + key + " in " + line);
    }

    private static List<String[]> parse(String line) {
        assertThat(line).startsWith("mfa ");
        List<String[]> fields = new ArrayList<>();
        int i = 4;
        while (i < line.length()) {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq);
            StringBuilder v = new StringBuilder();
            i = eq + 1;
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (line.charAt(i) != '"') {
                    char c = line.charAt(i++);
                    if (c == '\\') {
                        char e = line.charAt(i++);
                        if (e == 'n') {
                            v.append('\n');
                        } else if (e == 'u') {
                            v.append((char) Integer.parseInt(line.substring(i, i + 4), 16));
                            i += 4;
                        } else {
                            v.append(e);
                        }
                    } else {
                        v.append(c);
                    }
                }
                i++;
            } else {
                while (i < line.length() && line.charAt(i) != ' ') {
                    v.append(line.charAt(i++));
                }
            }
            fields.add(new String[]{key, v.toString()});
            if (i < line.length()) {
                assertThat(line.charAt(i)).as("separator at %d in %s", i, line).isEqualTo(' ');
                i++;
            }
        }
        return fields;
    }

    @Test
    void aKeyNameIsQuotedAndEscapedNeverRaw() {
        String line = AuditLine.format(new MfaEvent.KeyRenamed(ALICE, "webauthn", "my \"key\" <b>x</b>"));

        assertThat(line).contains(" event=key-renamed").contains(" factor=webauthn")
                .contains(" name=\"my \\\"key\\\" <b>x</b>\"");
    }

    private static List<MfaEvent> allEvents() {
        return List.of(
                new MfaEvent.ChallengeIssued(ALICE, List.of("totp"), "login", "/"),
                new MfaEvent.FactorVerified(ALICE, "totp"),
                new MfaEvent.FactorFailed(ALICE, "totp", "stepwise.mfa.totp.invalid"),
                new MfaEvent.LockedOut(ALICE, "totp", 10, AT.plusSeconds(900)),
                new MfaEvent.DeviceTrusted(ALICE, "dev-1", AT.plusSeconds(86_400)),
                new MfaEvent.DeviceRevoked(ALICE, "dev-1", "user"),
                new MfaEvent.FactorEnrolled(ALICE, "totp"),
                new MfaEvent.FactorEnrolledUnderExemption(ALICE, "totp", "bob", AT.plusSeconds(86_400)),
                new MfaEvent.FactorRemoved(ALICE, "totp", "user"),
                new MfaEvent.KeyRenamed(ALICE, "webauthn", "Office key"),
                new MfaEvent.KeyRemoved(ALICE, "webauthn", "Old key", "by the user"),
                new MfaEvent.PasskeySignIn(ALICE, "webauthn", "Phone"),
                new MfaEvent.PushDenied(ALICE, "push", "wrong-number"),
                new MfaEvent.RecoveryCodeUsed(ALICE, 9),
                new MfaEvent.RecoveryCodesRegenerated(ALICE, 10),
                new MfaEvent.AdminAction(ALICE, "bob", MfaEvent.AdminAction.Action.RESET_MFA, "ticket 1", null),
                new MfaEvent.ExemptionUsed(ALICE, "bob", AT.plusSeconds(3600), "login"),
                new MfaEvent.RiskAssessed(ALICE, RiskLevel.MEDIUM, List.of("new-device"), true),
                new MfaEvent.CrossSiteRefused(ALICE, "POST", "/x", "https://evil.example"),
                new MfaEvent.FactorChecked(ALICE, "totp", MfaEvent.FactorChecked.REJECTED,
                        java.time.Duration.ofMillis(7)),
                new MfaEvent.TrustedDeviceUsed(ALICE, "dev-1"),
                new MfaEvent.LocationRuleApplied(ALICE, "deny", "network", "/admin"));
    }
}
