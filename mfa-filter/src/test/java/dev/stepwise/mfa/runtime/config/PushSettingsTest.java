package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.factor.otp.CapturedLogs;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The VAPID key pair and subject: read, checked at deployment, never shown; generated in development mode. */
class PushSettingsTest {

    // The application server key pair of RFC 8291 Appendix A: a valid P-256 pair in the usual text forms.
    private static final String PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private static final String PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private static final String OTHER_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpk"
            + "NtoIAiw4";
    private static final String SUBJECT = "mailto:security@bank.example";

    private static Function<String, String> map(String... pairs) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m::get;
    }

    @Test
    void aConfiguredPairAndSubjectAreRead() {
        PushSettings s = PushSettings.read(map(PushSettings.VAPID_PUBLIC_KEY.name(), PUBLIC,
                PushSettings.VAPID_SUBJECT.name(), SUBJECT), map(PushSettings.VAPID_KEY, PRIVATE));
        assertThat(s.development()).isFalse();
        assertThat(s.keys().publicKey()).isEqualTo(PUBLIC);
        assertThat(s.subject()).isEqualTo(SUBJECT);
        assertThat(s.toString()).doesNotContain(PRIVATE);
    }

    @Test
    void withoutAKeyPairDevelopmentModeGeneratesOneAndSaysSo() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            PushSettings first = PushSettings.read(map(), map());
            PushSettings second = PushSettings.read(map(), map());
            assertThat(first.development()).isTrue();
            assertThat(first.subject()).isEqualTo(PushSettings.DEVELOPMENT_SUBJECT);
            assertThat(first.keys().publicKey()).isNotEqualTo(second.keys().publicKey());
            assertThat(logs.text()).contains("DEVELOPMENT MODE for push");
        }
    }

    @Test
    void thePrivateKeyAsAContextParameterIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> PushSettings.read(map(PushSettings.VAPID_KEY, PRIVATE,
                PushSettings.VAPID_PUBLIC_KEY.name(), PUBLIC, PushSettings.VAPID_SUBJECT.name(), SUBJECT), map()))
                .isInstanceOf(MfaConfigException.class).hasMessageContaining("no context parameter")
                .hasMessageNotContaining(PRIVATE);
    }

    @Test
    void halfAPairAMismatchedPairOrAMissingSubjectFailsTheDeployment() {
        assertThatThrownBy(() -> PushSettings.read(map(PushSettings.VAPID_PUBLIC_KEY.name(), PUBLIC,
                PushSettings.VAPID_SUBJECT.name(), SUBJECT), map()))
                .isInstanceOf(MfaConfigException.class).hasMessageContaining(PushSettings.VAPID_KEY);
        assertThatThrownBy(() -> PushSettings.read(map(PushSettings.VAPID_SUBJECT.name(), SUBJECT),
                map(PushSettings.VAPID_KEY, PRIVATE)))
                .isInstanceOf(MfaConfigException.class).hasMessageContaining(PushSettings.VAPID_PUBLIC_KEY.name());
        assertThatThrownBy(() -> PushSettings.read(map(PushSettings.VAPID_PUBLIC_KEY.name(), OTHER_PUBLIC,
                PushSettings.VAPID_SUBJECT.name(), SUBJECT), map(PushSettings.VAPID_KEY, PRIVATE)))
                .isInstanceOf(MfaConfigException.class).hasMessageContaining("do not belong together")
                .hasMessageNotContaining(PRIVATE);
        assertThatThrownBy(() -> PushSettings.read(map(PushSettings.VAPID_PUBLIC_KEY.name(), PUBLIC),
                map(PushSettings.VAPID_KEY, PRIVATE)))
                .isInstanceOf(MfaConfigException.class).hasMessageContaining(PushSettings.VAPID_SUBJECT.name());
    }

    @Test
    void aMalformedPublicKeyOrSubjectNamesTheParameter() {
        assertThatThrownBy(() -> PushSettings.read(map(PushSettings.VAPID_PUBLIC_KEY.name(), "short",
                PushSettings.VAPID_SUBJECT.name(), SUBJECT), map(PushSettings.VAPID_KEY, PRIVATE)))
                .isInstanceOf(MfaConfigException.class).hasMessageStartingWith(PushSettings.VAPID_PUBLIC_KEY.name());
        assertThatThrownBy(() -> PushSettings.read(map(PushSettings.VAPID_SUBJECT.name(), "security@bank.example"),
                map())).isInstanceOf(MfaConfigException.class)
                .hasMessageStartingWith(PushSettings.VAPID_SUBJECT.name());
        assertThatThrownBy(() -> PushSettings.read(map(PushSettings.VAPID_PUBLIC_KEY.name(), PUBLIC,
                PushSettings.VAPID_SUBJECT.name(), SUBJECT), map(PushSettings.VAPID_KEY, "@@@")))
                .isInstanceOf(MfaConfigException.class).hasMessageNotContaining("@@@");
    }
    @Test
    void localEndpointsAreRefusedUnlessAskedForInDevelopmentMode() {
        PushSettings development = PushSettings.read(map(), map());
        assertThat(PushSettings.policy(map(), development).allowsLocalEndpoints()).isFalse();
        assertThat(PushSettings.policy(map(PushSettings.ALLOW_LOCAL_ENDPOINTS.name(), "false"), development)
                .allowsLocalEndpoints()).isFalse();
        assertThat(PushSettings.policy(map(PushSettings.ALLOW_LOCAL_ENDPOINTS.name(), "true"), development)
                .allowsLocalEndpoints()).isTrue();
    }

    @Test
    void localEndpointsWithAConfiguredKeyPairFailTheDeployment() {
        Function<String, String> params = map(PushSettings.VAPID_PUBLIC_KEY.name(), PUBLIC,
                PushSettings.VAPID_SUBJECT.name(), SUBJECT, PushSettings.ALLOW_LOCAL_ENDPOINTS.name(), "true");
        PushSettings production = PushSettings.read(params, map(PushSettings.VAPID_KEY, PRIVATE));
        assertThatThrownBy(() -> PushSettings.policy(params, production)).isInstanceOf(MfaConfigException.class)
                .hasMessageContaining(PushSettings.ALLOW_LOCAL_ENDPOINTS.name());
    }

    @Test
    void aMalformedLocalEndpointsValueFailsTheDeployment() {
        assertThatThrownBy(() -> PushSettings.policy(map(PushSettings.ALLOW_LOCAL_ENDPOINTS.name(), "yes please"),
                PushSettings.read(map(), map()))).isInstanceOf(MfaConfigException.class);
    }

    private static final String NUMBER = PushSettings.PROMPT.name();
    private static final String ORIGIN = PushSettings.ORIGIN.name();

    @Test
    void numberMatchingWithAKeyPairAndNoOriginFailsTheDeployment() {
        Function<String, String> params = map(PushSettings.VAPID_PUBLIC_KEY.name(), PUBLIC,
                PushSettings.VAPID_SUBJECT.name(), SUBJECT, NUMBER, "number");
        PushSettings production = PushSettings.read(params, map(PushSettings.VAPID_KEY, PRIVATE));
        assertThatThrownBy(() -> PushSettings.approvalOrigin(params, production))
                .isInstanceOf(MfaConfigException.class).hasMessageContaining(ORIGIN).hasMessageContaining("Host");
    }

    @Test
    void aConfiguredOriginIsWhatApprovalLinksUseInProductionAndDevelopment() {
        Function<String, String> params = map(PushSettings.VAPID_PUBLIC_KEY.name(), PUBLIC,
                PushSettings.VAPID_SUBJECT.name(), SUBJECT, NUMBER, "number", ORIGIN, "https://bank.example:443");
        PushSettings production = PushSettings.read(params, map(PushSettings.VAPID_KEY, PRIVATE));
        assertThat(PushSettings.approvalOrigin(params, production)).contains("https://bank.example");
        assertThat(PushSettings.approvalOrigin(map(NUMBER, "number", ORIGIN, "http://localhost:8080"),
                PushSettings.read(map(), map()))).contains("http://localhost:8080");
    }

    @Test
    void inDevelopmentModeAnUnsetOriginFallsBackToTheRequestsOriginWithAWarningAtDeployment() {
        PushSettings development = PushSettings.read(map(), map());
        try (CapturedLogs logs = CapturedLogs.start()) {
            assertThat(PushSettings.approvalOrigin(map(NUMBER, "number"), development)).isEmpty();
            assertThat(logs.text()).contains(ORIGIN).contains("Host");
        }
        try (CapturedLogs logs = CapturedLogs.start()) {
            assertThat(PushSettings.approvalOrigin(map(), development)).as("the code prompt sends no link").isEmpty();
            assertThat(logs.text()).doesNotContain(ORIGIN);
        }
    }

    @Test
    void anOriginThatIsNotSchemeHostAndPortFailsEveryDeployment() {
        for (String bad : new String[] {"bank.example", "https://bank.example/", "https://bank.example/mfa",
                "ftp://bank.example", "https://Bank.example", "https://bank.example,https://evil.example",
                "https://evil.example#@bank.example", "https://user@bank.example"}) {
            assertThatThrownBy(() -> PushSettings.check(map(ORIGIN, bad))).as(bad)
                    .isInstanceOf(MfaConfigException.class).hasMessageContaining(ORIGIN);
            assertThatThrownBy(() -> PushSettings.approvalOrigin(map(NUMBER, "number", ORIGIN, bad),
                    PushSettings.read(map(), map()))).as(bad).isInstanceOf(MfaConfigException.class);
        }
    }
}
