package dev.stepwise.mfa.http;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.TrustedDeviceGrant;
import dev.stepwise.mfa.core.risk.InMemoryRiskHistory;
import dev.stepwise.mfa.core.risk.RiskAssessment;
import dev.stepwise.mfa.core.risk.RiskHistory;
import dev.stepwise.mfa.core.risk.RiskLevel;
import dev.stepwise.mfa.core.risk.RiskReason;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.MfaStorage;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.Parameters;
import dev.stepwise.mfa.store.JdbcStore;
import dev.stepwise.mfa.store.SecretBox;
import dev.stepwise.mfa.web.FakeHttp;
import dev.stepwise.mfa.web.StepwiseCsrf;
import jakarta.servlet.http.HttpServletRequest;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session footprint (issue 14, "Memory"): every session attribute the library sets, serialized with Java
 * serialization as a container that replicates or persists sessions does, for the two typical sessions of an
 * adaptive sign-in with TOTP:
 * <ul>
 *   <li>pending: the login policy asked for a factor on a form POST: CSRF token, the risk assessment (audited
 *       once), the pending challenge with the saved request;</li>
 *   <li>signed in: the code was accepted (the library's {@link SessionRecords#recordVerified}), the saved request
 *       was replayed and the login cleared: state with the verified factor, CSRF token, risk assessment.</li>
 * </ul>
 * Each attribute must come back equal, and the total must stay under a bound set from the measured size with
 * room (×1.5, rounded up), so a change that makes every session much larger fails here. Sizes only, never times.
 */
class SessionFootprintTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String USER = "alice.example@bank.example";

    /** Measured 2026-12: pending 2,616 bytes, signed in 1,552 bytes (see the printed lines); ×1.5, rounded up. */
    private static final int PENDING_BOUND = 3_900;
    private static final int SIGNED_IN_BOUND = 2_300;

    private final MutableClock clock = new MutableClock(NOW);
    private final MfaRuntime runtime = MfaRuntime.of(MfaConfiguration.of(MfaConfig.parse(Map.of(
            Parameters.LOGIN.name(), "adaptive", Parameters.FACTORS.name(), "totp")::get), clock),
            Map.of("totp", new AnyFactor()), new HistoryOnly(), event -> { });
    private final FakeHttp.Session browser = new FakeHttp.Session();

    private HttpServletRequest request(String method, String path) {
        FakeHttp.Request r = new FakeHttp.Request(USER, browser);
        r.method = method;
        r.servletPath = path;
        r.header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0");
        return r.asHttpServletRequest();
    }

    /** What the library stores when the login policy challenges a form POST (EnforcementPoint, Refusals). */
    private PendingChallenge challengedOnAFormPost() {
        HttpServletRequest post = request("POST", "/account/email");
        StepwiseCsrf.token(post);                               // the application's pages show the CSRF token
        MfaSession session = MfaSession.of(post);
        session.state(MfaState.start(USER, NOW.minusSeconds(2)));
        session.risk(RiskAssessment.of(List.of(RiskReason.of("new-device", RiskLevel.MEDIUM),
                RiskReason.of("new-network", RiskLevel.LOW))));
        session.firstTime(SessionSlots.Flag.RISK_AUDITED);
        Map<String, String[]> form = new LinkedHashMap<>();
        form.put("email", new String[] {"alice.new-address@example.org"});
        form.put("_csrf", new String[] {"6f1c2b0e-4c1f-4d7e-9a57-0f5d7b9f3a21"});
        SavedRequest saved = new SavedRequest("POST", "/account/email", null, SavedRequest.copyOf(form),
                SavedRequest.encode(form), true);
        PendingChallenge pending = PendingChallenge.issue(List.of("totp"), Requirement.mfa(), saved, NOW,
                NOW.plus(runtime.config().requests().challengeExpiry()));
        session.pending(pending);
        return pending;
    }

    /** What the challenge page and the replay leave after the right code (ChallengeServlet, EnforcementPoint). */
    private void answeredWithTotp(PendingChallenge pending) {
        HttpServletRequest answer = request("POST", "/mfa/challenge");
        MfaSession session = MfaSession.of(answer);
        PendingChallenge taken = session.takePending(pending.id(), NOW);
        new SessionRecords(runtime).recordVerified(answer, RequestFacts.of(answer, runtime.config()), USER, "totp");
        session.resume(new SessionSlots.Resume(taken.saved(), taken.confirmsOneRequest(), taken.expiresAt()));
        HttpServletRequest replay = request("POST", "/account/email");
        MfaSession again = MfaSession.of(replay);
        assertThat(again.takeResume("/account/email", null, NOW)).isNotNull();
        MfaState read = again.state(NOW);
        assertThat(again.replace(read, read.withLoginCleared())).isTrue();
    }

    @Test
    void aPendingChallengeWithItsSavedRequestSerializesAndComesBackEqual() throws Exception {
        challengedOnAFormPost();

        int total = measure("pending challenge + saved request");

        assertThat(total).isLessThan(PENDING_BOUND);
    }

    @Test
    void aSignedInSessionSerializesAndComesBackEqual() throws Exception {
        answeredWithTotp(challengedOnAFormPost());
        MfaState state = MfaSession.of(request("GET", "/account")).state(NOW);
        assertThat(state.verifiedAt()).containsKey("totp");
        assertThat(state.loginCleared()).isTrue();

        int total = measure("signed in after TOTP");

        assertThat(total).isLessThan(SIGNED_IN_BOUND);
    }

    @Test
    void aTrustedDeviceGrantAddsLittle() throws Exception {
        answeredWithTotp(challengedOnAFormPost());
        int before = measure("signed in after TOTP");
        MfaSession.of(request("GET", "/account")).update(NOW, s -> s.withTrust(
                new TrustedDeviceGrant("3q2-7wAAAAAAAAAAAAAAAA", NOW.plus(Duration.ofDays(30)))));

        int after = measure("signed in after TOTP, device trusted");

        assertThat(after - before).isPositive().isLessThan(400);
    }

    /**
     * Serializes each session attribute on its own, checks that it comes back equal, prints the bytes per
     * attribute and per slot, and returns the total.
     */
    private int measure(String what) throws IOException, ClassNotFoundException {
        assertThat(browser.attributes).containsOnlyKeys(MfaSession.ATTRIBUTE);
        int total = 0;
        for (Map.Entry<String, Object> e : browser.attributes.entrySet()) {
            byte[] bytes = serialize(e.getValue());
            Object copy = deserialize(bytes);
            assertSameSlots((SessionSlots) e.getValue(), (SessionSlots) copy);
            assertThat(serialize(copy)).isEqualTo(bytes);
            System.out.printf("session footprint, %s: %s = %,d bytes%n", what, e.getKey(), bytes.length);
            total += bytes.length;
        }
        printSlots(what, (SessionSlots) browser.attributes.get(MfaSession.ATTRIBUTE));
        System.out.printf("session footprint, %s: total %,d bytes%n", what, total);
        return total;
    }

    private static void printSlots(String what, SessionSlots slots) throws IOException {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("state", slots.state(USER));
        parts.put("risk", slots.risk(USER));
        parts.put("pending", slots.pending(USER, NOW));
        parts.put("csrf", slots.csrf(USER));
        for (Map.Entry<String, Object> p : parts.entrySet()) {
            if (p.getValue() != null) {
                System.out.printf("session footprint, %s:   %s alone %,d bytes%n", what, p.getKey(),
                        serialize(p.getValue()).length);
            }
        }
    }

    private static void assertSameSlots(SessionSlots original, SessionSlots copy) {
        String owner = original.owner();
        assertThat(copy.owner()).isEqualTo(owner);
        assertThat(copy.state(owner)).isEqualTo(original.state(owner));
        assertThat(copy.risk(owner)).isEqualTo(original.risk(owner));
        assertThat(copy.csrf(owner)).isEqualTo(original.csrf(owner));
        PendingChallenge a = original.pending(owner, NOW);
        PendingChallenge b = copy.pending(owner, NOW);
        if (a == null) {
            assertThat(b).isNull();
            return;
        }
        assertThat(b).usingRecursiveComparison().ignoringFields("saved").isEqualTo(a);
        assertThat(b.saved()).usingRecursiveComparison().isEqualTo(a.saved());
        assertThat(b.saved().body()).isEqualTo(a.saved().body());
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
            oos.writeObject(o);
        }
        return out.toByteArray();
    }

    private static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    /**
     * Storage with the sign-in history an adaptive login records and an empty store, where a verification reads
     * the user's enrolment holds; these sessions touch nothing else.
     */
    private static final class HistoryOnly extends MfaStorage {
        private final RiskHistory history = new InMemoryRiskHistory();
        private final JdbcStore store = JdbcStore.open(h2(), new SecretBox(SecretBox.generateKey()), true,
                Clock.systemUTC());

        private static JdbcDataSource h2() {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:stepwise_footprint_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            return ds;
        }

        @Override
        public JdbcStore store() {
            return store;
        }

        @Override
        public RiskHistory riskHistory() {
            return history;
        }
    }

    /** A factor every user has; the test never asks it to verify (the session records are written directly). */
    private static final class AnyFactor implements Factor, Serializable {
        @Override
        public String id() {
            return "totp";
        }

        @Override
        public boolean isEnrolled(String user) {
            return true;
        }

        @Override
        public Verification verify(String user, Map<String, String> input, ChallengeContext ctx) {
            return Verification.rejected("stepwise.mfa.error.code");
        }
    }
}
