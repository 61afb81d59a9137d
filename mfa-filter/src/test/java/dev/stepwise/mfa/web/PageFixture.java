package dev.stepwise.mfa.web;

import dev.stepwise.mfa.factor.questions.AnswerHasher;
import dev.stepwise.mfa.factor.questions.QuestionsFactor;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.AccountThrottle;
import dev.stepwise.mfa.core.AttemptPolicy;
import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.EnrolmentRemoval;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.KeyEnrolment;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.factor.webauthn.InMemoryWebAuthnCredentialStore;
import dev.stepwise.mfa.factor.webauthn.WebAuthnByOrigin;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.MfaStorage;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.Parameters;
import dev.stepwise.mfa.store.JdbcStore;
import dev.stepwise.mfa.store.SecretBox;
import dev.stepwise.mfa.trust.TrustedDevices;
import jakarta.servlet.http.HttpServletRequest;
import org.h2.jdbcx.JdbcDataSource;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The library's pages without a container: a runtime from plain values over an in-memory H2 store, two fake
 * factors ("totp" with a key to enrol, "email"), the servlets with their injected fields set, and a signed-in
 * browser of "alice" whose session holds a CSRF token.
 */
final class PageFixture {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final String USER = "alice";
    static final String CSRF = "test-csrf-token";
    static final String GOOD_CODE = "123456";

    final MutableClock clock = new MutableClock(NOW);
    final List<MfaEvent> events = new ArrayList<>();
    /** The timings of the attempts' checks ({@link MfaEvent.FactorChecked}), kept apart from {@link #events}. */
    final List<MfaEvent.FactorChecked> checks = new ArrayList<>();
    final TestFactor totp = new TestFactor("totp");
    final TestFactor email = new TestFactor("email");
    final Storage storage;
    final MfaRuntime runtime;
    final MfaEnforcement enforcement;
    final FakeHttp.Session browser = new FakeHttp.Session();

    /** The keys of the {@code webauthn} factor, when the fixture offers it ({@link #PageFixture(String)}). */
    final InMemoryWebAuthnCredentialStore keys = new InMemoryWebAuthnCredentialStore();

    PageFixture() {
        this((String) null);
    }

    /**
     * With {@code login} as the login policy, {@code webauthn} offered besides totp and email (on {@link #keys}).
     *
     * @param login the login policy, or {@code null} for the fixture without webauthn
     */
    PageFixture(String login) {
        this(login, null);
    }

    /**
     * With security questions offered after totp and email ({@code questions}, on an in-memory store), and
     * {@code stepwise.mfa.questions.step-up} set to {@code stepUp}.
     *
     * @param stepUp {@code on} or {@code off}
     * @return the fixture
     */
    static PageFixture withQuestions(String stepUp) {
        return new PageFixture(null, stepUp);
    }

    /**
     * As {@link #withQuestions}, with {@code login} as the login policy.
     *
     * @param stepUp {@code on} or {@code off}
     * @param login  the login policy (e.g. {@code adaptive})
     * @return the fixture
     */
    static PageFixture withQuestions(String stepUp, String login) {
        return new PageFixture(login, stepUp);
    }

    /** The questions factor, when the fixture offers it ({@link #withQuestions}). */
    QuestionsFactor questions;

    /** Random draws of the questions' hasher: each answer hashed draws a salt and an id. */
    final java.util.concurrent.atomic.AtomicInteger hasherDraws = new java.util.concurrent.atomic.AtomicInteger();

    private PageFixture(String login, String questionsStepUp) {
        Map<String, String> params = questionsStepUp != null && login != null
                ? Map.of(Parameters.FACTORS.name(), "totp,email,questions", Parameters.LOCKOUT_MAX_FAILURES.name(), "3",
                        Parameters.QUESTIONS_STEP_UP.name(), questionsStepUp, Parameters.LOGIN.name(), login)
                : questionsStepUp != null ? Map.of(Parameters.FACTORS.name(), "totp,email,questions",
                Parameters.LOCKOUT_MAX_FAILURES.name(), "3", Parameters.QUESTIONS_STEP_UP.name(), questionsStepUp)
                : login == null ? Map.of(Parameters.FACTORS.name(), "totp,email",
                Parameters.LOCKOUT_MAX_FAILURES.name(), "3")
                : Map.of(Parameters.FACTORS.name(), "totp,email,webauthn", Parameters.LOCKOUT_MAX_FAILURES.name(), "3",
                        Parameters.LOGIN.name(), login);
        MfaConfiguration configuration = MfaConfiguration.of(MfaConfig.parse(params::get), clock);
        storage = new Storage(configuration);
        Map<String, Factor> factors = new LinkedHashMap<>();
        factors.put("totp", totp);
        factors.put("email", email);
        if (login != null && questionsStepUp == null) {
            factors.put("webauthn", new WebAuthnByOrigin(null, "Bank", keys, warning -> { }));
        }
        if (questionsStepUp != null) {
            questions = new QuestionsFactor(storage.store().securityQuestions(),
                    new AnswerHasher(AnswerHasher.MIN_ITERATIONS, countingRandom()), new SecureRandom());
            factors.put("questions", questions);
        }
        runtime = MfaRuntime.of(configuration, factors, storage, this::fired);
        enforcement = new MfaEnforcement(runtime);
        MfaSession.of(request("GET", "/").asHttpServletRequest()).csrfToken(() -> CSRF);
    }

    /**
     * With {@code extra} offered after totp and email (the push factor's page tests).
     *
     * @param extra a factor of its own id
     */
    PageFixture(Factor extra) {
        Map<String, String> params = Map.of(Parameters.FACTORS.name(), "totp,email," + extra.id(),
                Parameters.LOCKOUT_MAX_FAILURES.name(), "3");
        MfaConfiguration configuration = MfaConfiguration.of(MfaConfig.parse(params::get), clock);
        storage = new Storage(configuration);
        Map<String, Factor> factors = new LinkedHashMap<>();
        factors.put("totp", totp);
        factors.put("email", email);
        factors.put(extra.id(), extra);
        runtime = MfaRuntime.of(configuration, factors, storage, this::fired);
        enforcement = new MfaEnforcement(runtime);
        MfaSession.of(request("GET", "/").asHttpServletRequest()).csrfToken(() -> CSRF);
    }

    /** A source of salts that counts its draws in {@link #hasherDraws}. */
    private SecureRandom countingRandom() {
        return new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                hasherDraws.incrementAndGet();
                super.nextBytes(bytes);
            }
        };
    }

    /** A challenge pending in alice's session: a step-up of five minutes that names {@code factors}. */
    void pendingStepUp(List<String> factors) {
        session().pending(dev.stepwise.mfa.http.PendingChallenge.issue(factors,
                dev.stepwise.mfa.core.Requirement.stepUp(Duration.ofMinutes(5)).withFactors(Set.copyOf(factors)),
                null, clock.instant(),
                clock.instant().plus(Duration.ofMinutes(5))));
    }

    <T extends LibraryPage> T wire(T page) {
        page.enforcement = enforcement;
        page.storage = storage;
        return page;
    }

    /** A request of alice's browser to {@code page} under {@code /mfa}. */
    FakeHttp.Request request(String method, String page) {
        FakeHttp.Request request = new FakeHttp.Request(USER, browser);
        request.method = method;
        request.servletPath = "/mfa" + page;
        return request;
    }

    /** A POST of the page's form: with the session's CSRF token. */
    FakeHttp.Request post(String page) {
        return request("POST", page).param(CsrfToken.PARAMETER, CSRF);
    }

    FakeHttp.Response send(LibraryPage page, FakeHttp.Request request) throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        page.service(request.asHttpServletRequest(), response.asHttpServletResponse());
        return response;
    }

    MfaSession session() {
        return MfaSession.of(request("GET", "/").asHttpServletRequest());
    }

    /** Alice signed in; {@code totpAt} when she last proved totp ({@code null}: not in this session). */
    void signedIn(Instant totpAt) {
        MfaState state = MfaState.start(USER, NOW.minus(Duration.ofHours(1)));
        session().state(totpAt == null ? state : state.withVerified("totp", totpAt));
    }

    static Object model(FakeHttp.Request request) {
        return request.attributes.get(LibraryPage.MODEL);
    }

    static HttpServletRequest servlet(FakeHttp.Request request) {
        return request.asHttpServletRequest();
    }

    /** Opens the library's store on a fresh in-memory H2 database, without JNDI. */
    static final class Storage extends MfaStorage {
        private final JdbcStore store;
        private final AccountThrottle throttle;
        private final TrustedDevices trust;

        Storage(MfaConfiguration configuration) {
            this(configuration, h2());
        }

        /** A fresh in-memory H2 database of its own. */
        static JdbcDataSource h2() {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:stepwise_pages_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            ds.setUser("sa");
            return ds;
        }

        /** The store on {@code ds} (the schema is created). */
        Storage(MfaConfiguration configuration, javax.sql.DataSource ds) {
            MfaConfig config = configuration.config();
            store = JdbcStore.open(ds, new SecretBox(SecretBox.generateKey()), true, configuration.clock());
            throttle = new AccountThrottle(store.attempts(), AttemptPolicy.of(config.lockout().maxFailures(),
                    config.lockout().duration()), configuration.clock());
            trust = new TrustedDevices(store.trustedDevices(), store.trustKeys(), configuration.clock(),
                    config.trust().duration(), config.trust().keyRotation(), new SecureRandom());
        }

        @Override
        public JdbcStore store() {
            return store;
        }

        @Override
        public AccountThrottle throttle() {
            return throttle;
        }

        @Override
        public TrustedDevices trust() {
            return trust;
        }

        @Override
        public byte[] codePepper() {
            return new byte[32];
        }
    }

    /**
     * A factor of the users in {@link #enrolled}: accepts {@link #GOOD_CODE} as {@code code}, counts how often
     * it was asked, can be removed, and enrols a key confirmed by the same code.
     */
    static final class TestFactor implements Factor, EnrolmentRemoval, KeyEnrolment {
        final String id;
        final Set<String> enrolled = new HashSet<>();
        int verifications;
        int offers;

        TestFactor(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public boolean isEnrolled(String user) {
            return enrolled.contains(user);
        }

        @Override
        public Verification verify(String user, Map<String, String> input, ChallengeContext ctx) {
            verifications++;
            return GOOD_CODE.equals(input.get("code")) ? Verification.accepted()
                    : Verification.rejected("stepwise.mfa.error.code");
        }

        @Override
        public void removeEnrolment(String user) {
            enrolled.remove(user);
        }

        @Override
        public <T> java.util.Optional<T> capability(Class<T> type) {
            // only totp enrols a key, as in the built-in set
            return type == KeyEnrolment.class && !id.equals("totp") ? java.util.Optional.empty()
                    : Factor.super.capability(type);
        }

        @Override
        public KeyOffer offerKey(String user, String issuer) {
            offers++;
            return new KeyOffer("<svg/>", "ABCD EFGH", "otpauth://totp/x");
        }

        @Override
        public Verification confirmKey(String user, String code) {
            if (!GOOD_CODE.equals(code)) {
                return Verification.rejected("stepwise.mfa.error.code");
            }
            enrolled.add(user);
            return Verification.accepted();
        }

        @Override
        public void provisionKey(String user, String encodedKey) {
            throw new UnsupportedOperationException();
        }
    }

    private void fired(MfaEvent event) {
        if (event instanceof MfaEvent.FactorChecked c) {
            checks.add(c);
        } else {
            events.add(event);
        }
    }
}
