package dev.stepwise.mfa.bench.micro;

import com.bastiaanjansen.otp.HOTPGenerator;
import dev.stepwise.mfa.factor.totp.TotpCheck;
import dev.stepwise.mfa.factor.totp.TotpSecret;
import dev.stepwise.mfa.factor.totp.TotpSettings;
import dev.stepwise.mfa.factor.totp.TotpVerifier;
import org.apache.commons.codec.binary.Base32;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * TOTP verification with the default settings (6 digits, 30 s, HMAC-SHA-1, window 1: three codes computed and
 * compared, whichever matches): {@link TotpVerifier#verify} of the right code (target ≤ 20 µs) and of a wrong one,
 * with the secret already in memory ({@code plain}) and opened from its AES-GCM box on every look-up as the JDBC
 * store does ({@code sealed}; the SELECT itself is the store benchmark's). The replay guard is a stub that
 * always lets the step through ({@link ReusableTotpStore}). The right code is recomputed before each iteration
 * (an iteration is far shorter than the window).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class TotpBench {

    private static final String USER = "alice";

    private final Clock clock = Clock.systemUTC();
    private final TotpSecret secret = TotpSecret.generate();
    private TotpVerifier plain;
    private TotpVerifier sealed;
    private String code;
    private String wrong;

    @Setup
    public void setUp() {
        plain = new TotpVerifier(TotpSettings.defaults(), clock, new ReusableTotpStore(USER, secret, false));
        sealed = new TotpVerifier(TotpSettings.defaults(), clock, new ReusableTotpStore(USER, secret, true));
    }

    /** The code of the current step, and a wrong one (no step of the window has it). */
    @Setup(Level.Iteration)
    public void currentCode() {
        HOTPGenerator generator = new HOTPGenerator.Builder(new Base32().encode(secret.bytes())).build();
        long step = Math.floorDiv(clock.instant().getEpochSecond(), 30);
        code = generator.generate(step);
        int n = 0;
        do {
            wrong = String.format("%06d", (Integer.parseInt(code) + 1 + n++) % 1_000_000);
        } while (wrong.equals(generator.generate(step - 1)) || wrong.equals(generator.generate(step + 1)));
        if (!plain.verify(USER, code).isAccepted() || !sealed.verify(USER, code).isAccepted()
                || plain.verify(USER, wrong).isAccepted()) {
            throw new IllegalStateException("the right code must be accepted and the wrong one refused");
        }
    }

    @Benchmark
    public TotpCheck rightCodePlain() {
        return plain.verify(USER, code);
    }

    @Benchmark
    public TotpCheck wrongCodePlain() {
        return plain.verify(USER, wrong);
    }

    @Benchmark
    public TotpCheck rightCodeSealed() {
        return sealed.verify(USER, code);
    }
}
