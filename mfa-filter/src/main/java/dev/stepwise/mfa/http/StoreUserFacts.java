package dev.stepwise.mfa.http;

import dev.stepwise.mfa.core.UserFacts;
import dev.stepwise.mfa.core.exemption.MfaExemption;
import dev.stepwise.mfa.core.risk.RiskAssessment;
import dev.stepwise.mfa.core.risk.RiskContext;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.UserFactsCache;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link UserFacts} of one request's caller over the factors and the store: each fact is looked up only when the
 * gatekeeper asks for it, and at most once per request. For the enforcement, the enrolled factors, exemption and
 * "always ask" may come from the node's {@link UserFactsCache}; the enrolment holds and the lockout never do (a
 * satisfied step-up does not ask for the holds: it is judged by those kept with its verification).
 * The sign-in risk is the session's kept assessment, or a new one (a browser without a device id gets one: it
 * counts as a device never seen before).
 */
final class StoreUserFacts implements UserFacts {

    private static final UserFactsCache.Key<Set<String>> ENROLLED = new UserFactsCache.Key<>("enrolled");
    private static final UserFactsCache.Key<Optional<MfaExemption>> EXEMPTION = new UserFactsCache.Key<>("exemption");
    private static final UserFactsCache.Key<Boolean> ALWAYS_ASK = new UserFactsCache.Key<>("always-ask");

    private final MfaRuntime runtime;
    private final String user;
    private final Memo<Set<String>> enrolled;
    private final Memo<Map<String, Instant>> held;
    private final Memo<Optional<MfaExemption>> exemption;
    private final Memo<Boolean> alwaysAsk;
    private final Memo<Optional<Instant>> lockedUntil;
    private final Memo<RiskAssessment> risk;
    private RiskAssessment assessedNow;

    /**
     * @param response where a new device id is set, or {@code null} when none can be (risk is then never asked)
     * @param cached   whether the enrolled factors, exemption and "always ask" may come from the node's
     *                 {@link UserFactsCache} (the enforcement's decisions); the library's pages read them afresh
     */
    StoreUserFacts(MfaRuntime runtime, HttpServletRequest request, HttpServletResponse response, RequestFacts facts,
                   String user, boolean cached) {
        this.runtime = runtime;
        this.user = user;
        UserFactsCache cache = cached ? runtime.factsCache() : null;
        this.enrolled = memo(cache, ENROLLED, () -> Collections.unmodifiableSet(runtime.enrolledRaw(user)));
        // never kept: a hold saved while a factor is enrolled under an exemption must bind the very next step-up
        this.held = new Memo<>(() -> holds(runtime, user));
        this.exemption = memo(cache, EXEMPTION, () -> runtime.storage().exemptions().find(user));
        this.alwaysAsk = memo(cache, ALWAYS_ASK, () -> runtime.storage().preferences().of(user).alwaysAskAtLogin());
        this.lockedUntil = new Memo<>(() -> Optional.ofNullable(runtime.storage().throttle().check(user).lockedUntil()));
        this.risk = new Memo<>(() -> keptOrAssessed(request, response, facts));
    }

    @Override
    public Set<String> enrolled() {
        return enrolled.get();
    }

    @Override
    public Map<String, Instant> heldUntil() {
        return held.get();
    }

    @Override
    public Optional<MfaExemption> exemption() {
        return exemption.get();
    }

    @Override
    public boolean alwaysAsk() {
        return alwaysAsk.get();
    }

    @Override
    public RiskAssessment risk() {
        return risk.get();
    }

    @Override
    public Optional<Instant> lockedUntil() {
        return lockedUntil.get();
    }

    /** The risk assessed for this request (not kept from an earlier one), or {@code null}: to be kept. */
    RiskAssessment assessedNow() {
        return assessedNow;
    }

    private <T> Memo<T> memo(UserFactsCache cache, UserFactsCache.Key<T> key, Supplier<T> load) {
        return new Memo<>(cache == null ? load : () -> cache.get(user, key, load));
    }

    /**
     * The enrolment holds of {@code user} as the store has them now (factor id → end; ended ones included), never
     * from the node's {@link UserFactsCache}: what a step-up that no kept verification satisfies reads, and a
     * verification whose factor did not read them with its credential ({@link SessionRecords#recordVerified}; the
     * TOTP check of a JDBC store reads its hold with the key).
     */
    static Map<String, Instant> holds(MfaRuntime runtime, String user) {
        Map<String, Instant> holds = new LinkedHashMap<>();
        runtime.storage().store().enrolmentHolds().find(user).forEach(h -> holds.put(h.factorId(), h.until()));
        return Collections.unmodifiableMap(holds);
    }

    private RiskAssessment keptOrAssessed(HttpServletRequest request, HttpServletResponse response,
                                          RequestFacts facts) {
        RiskAssessment kept = MfaSession.of(request).risk();
        if (kept != null) {
            return kept;
        }
        String device = facts.deviceCookie();
        if (device == null && response != null) { // a device never seen before: it gets an id for next time
            DeviceCookie.issue(response, facts.contextPath(), facts.secure(), runtime.config().adaptive().memory());
        }
        RiskContext context = new RiskContext(user, runtime.clock().instant(), device, facts.clientInet(),
                runtime.storage().throttle().check(user).failures(), facts.userAgentHeader());
        assessedNow = runtime.riskSignals().assess(context);
        return assessedNow;
    }

    /** A value computed on first use. */
    private static final class Memo<T> {
        private final Supplier<T> compute;
        private boolean done;
        private T value;

        Memo(Supplier<T> compute) {
            this.compute = compute;
        }

        T get() {
            if (!done) {
                value = compute.get();
                done = true;
            }
            return value;
        }
    }
}
