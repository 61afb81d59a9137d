package dev.stepwise.mfa.bench.micro;

import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.factor.recovery.RecoveryCodeHasher;
import dev.stepwise.mfa.factor.recovery.RecoveryFactor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A recovery-code check, {@link RecoveryFactor#verify} against a user's ten stored codes, each a PBKDF2-HMAC-SHA256
 * hash with its own salt and {@value RecoveryCodeHasher#DEFAULT_ITERATIONS} iterations (RecoveryCodeHasher explains
 * the count). Deliberately slow: a code is compared by deriving its key with each stored code's salt, one derivation
 * per stored code until one matches. The first of the ten (one derivation), the last (ten) and a wrong code (ten:
 * the worst case, what a guess costs the server) are measured, and a malformed input (no derivation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class RecoveryCodeBench {

    private static final String USER = "alice";

    private RecoveryFactor factor;
    private ChallengeContext ctx;
    private Map<String, String> first;
    private Map<String, String> last;
    private Map<String, String> wrong;
    private Map<String, String> malformed;

    @Setup
    public void setUp() {
        factor = new RecoveryFactor(new ReusableRecoveryStore(), new RecoveryCodeHasher(), used -> { },
                new SecureRandom());
        String other = factor.regenerate("someone-else").codes().get(0);
        List<String> codes = factor.regenerate(USER).codes();   // replaces the other user's in this store
        first = Map.of(RecoveryFactor.INPUT_CODE, codes.get(0));
        last = Map.of(RecoveryFactor.INPUT_CODE, codes.get(codes.size() - 1));
        wrong = Map.of(RecoveryFactor.INPUT_CODE, other);
        malformed = Map.of(RecoveryFactor.INPUT_CODE, "not a code!");
        ctx = new ChallengeContext(Instant.now(), Locale.ENGLISH, "192.0.2.7", "JMH", new NoSession());
        if (!(firstOfTen() instanceof Verification.Accepted) || !(lastOfTen() instanceof Verification.Accepted)
                || wrongCode() instanceof Verification.Accepted || malformed() instanceof Verification.Accepted) {
            throw new IllegalStateException("the user's codes must be accepted and the others refused");
        }
    }

    @Benchmark
    public Verification firstOfTen() {
        return factor.verify(USER, first, ctx);
    }

    @Benchmark
    public Verification lastOfTen() {
        return factor.verify(USER, last, ctx);
    }

    @Benchmark
    public Verification wrongCode() {
        return factor.verify(USER, wrong, ctx);
    }

    @Benchmark
    public Verification malformed() {
        return factor.verify(USER, malformed, ctx);
    }

    /** Recovery codes keep nothing in the session. */
    private static final class NoSession implements ChallengeContext.Session {
        @Override
        public Object get(String key) {
            return null;
        }

        @Override
        public void put(String key, Serializable value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object remove(String key) {
            return null;
        }
    }
}
