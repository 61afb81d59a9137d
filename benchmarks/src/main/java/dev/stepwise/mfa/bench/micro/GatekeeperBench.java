package dev.stepwise.mfa.bench.micro;

import dev.stepwise.mfa.Factors;
import dev.stepwise.mfa.core.AccessRequest;
import dev.stepwise.mfa.core.Caller;
import dev.stepwise.mfa.core.Gatekeeper;
import dev.stepwise.mfa.core.LoginPolicy;
import dev.stepwise.mfa.core.MfaPolicy;
import dev.stepwise.mfa.core.MfaState;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.Requirements;
import dev.stepwise.mfa.core.UserFacts;
import dev.stepwise.mfa.core.Verdict;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The gatekeeper's decision for a request its session already satisfies (target ≤ 1 µs): the user verified TOTP a
 * minute ago, the login policy ({@code enrolled}) was cleared, and the endpoint asks {@code @RequiresMfa}, a
 * {@code @StepUp} within its {@code maxAge}, or both. The request value is built per call, as the filter does; the
 * clock is the system clock, as in production. The facts answer from memory (a satisfied session asks the store
 * nothing but, for a step-up, the holds: GatekeeperLookupsTest).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class GatekeeperBench {

    private static final String USER = "alice";

    private Gatekeeper gatekeeper;
    private Caller caller;
    private MfaState state;
    private UserFacts facts;
    private Requirements requiresMfa;
    private Requirements stepUp;
    private Requirements both;

    @Setup
    public void setUp() {
        Clock clock = Clock.systemUTC();
        MfaPolicy policy = new MfaPolicy(clock, List.of(Factors.TOTP, Factors.WEBAUTHN, Factors.RECOVERY));
        gatekeeper = new Gatekeeper(policy, new LoginPolicy.Enrolled(), Duration.ofMinutes(5));
        caller = Caller.of(USER, Set.of("user"));
        Instant now = clock.instant();
        state = MfaState.start(USER, now.minusSeconds(600)).withVerified(Factors.TOTP, now.minusSeconds(60))
                .withLoginCleared();
        facts = new UserFacts() {
            @Override
            public Set<String> enrolled() {
                return Set.of(Factors.TOTP, Factors.RECOVERY);
            }

            @Override
            public Map<String, Instant> heldUntil() {
                return Map.of();
            }
        };
        requiresMfa = Requirements.of(Requirement.mfa());
        // an hour, so that a long run never leaves the step-up's window
        stepUp = Requirements.of(Requirement.stepUp(Duration.ofHours(1)));
        both = Requirements.of(Requirement.mfa(), Requirement.stepUp(Duration.ofHours(1)));
        for (Requirements r : List.of(requiresMfa, stepUp, both)) {
            Verdict v = decide(r);
            if (!v.decision().isGranted()) {
                throw new IllegalStateException("the benchmark's session must satisfy " + r + ": " + v);
            }
        }
    }

    private Verdict decide(Requirements endpoint) {
        return gatekeeper.decide(new AccessRequest(caller, state, true, endpoint, false), facts);
    }

    /** {@code @RequiresMfa} on a session that verified a factor. */
    @Benchmark
    public Verdict requiresMfa() {
        return decide(requiresMfa);
    }

    /** {@code @StepUp(maxAge = 1 h)} on a session that verified a factor a minute ago. */
    @Benchmark
    public Verdict stepUpWithinMaxAge() {
        return decide(stepUp);
    }

    /** Both: a servlet's {@code @RequiresMfa} and a protect pattern's step-up. */
    @Benchmark
    public Verdict requiresMfaAndStepUp() {
        return decide(both);
    }
}
