package dev.stepwise.mfa.bench.micro;

import dev.stepwise.mfa.trust.DeviceTrust;
import dev.stepwise.mfa.trust.TokenVerdict;
import dev.stepwise.mfa.trust.TrustKey;
import dev.stepwise.mfa.trust.TrustTokenCodec;
import dev.stepwise.mfa.trust.TrustedDevices;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A "trust this device" cookie arriving with a sign-in (target ≤ 5 µs without the database): what the filter does
 * with it, {@link TrustedDevices#check} (shape, key choice from the cached key ring, HMAC-SHA256 compared in
 * constant time, parse, user and expiry, then the device record's look-up and last-seen update, here in memory),
 * and the cookie codec alone ({@link TrustTokenCodec#verify}: HMAC and parse). A tampered cookie shows what a
 * forged one costs. The cookie is issued once in the set-up by the library itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class TrustCookieBench {

    private static final String USER = "alice";
    private static final String USER_AGENT =
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

    private final Clock clock = Clock.systemUTC();
    private final TrustTokenCodec codec = new TrustTokenCodec();
    private final MemoryTrust.Keys keyStore = new MemoryTrust.Keys();
    private TrustedDevices trust;
    private String cookie;
    private String tampered;
    private TrustKey key;

    @Setup
    public void setUp() {
        trust = new TrustedDevices(new MemoryTrust.Devices(), keyStore, clock, Duration.ofDays(30),
                TrustedDevices.DEFAULT_KEY_ROTATION, new SecureRandom());
        cookie = trust.issue(USER, USER_AGENT).cookieValue();
        key = keyStore.findAll().stream().filter(k -> k.signsAt(clock.instant())).findFirst().orElseThrow();
        char last = cookie.charAt(cookie.length() - 2);
        tampered = cookie.substring(0, cookie.length() - 2) + (last == 'A' ? 'B' : 'A') + cookie.charAt(cookie.length() - 1);
        if (!(check() instanceof DeviceTrust.Trusted) || !(codec() instanceof TokenVerdict.Verified)
                || !(checkTampered() instanceof DeviceTrust.Untrusted)) {
            throw new IllegalStateException("the issued cookie must verify and the tampered one must not");
        }
    }

    /** What the filter does with the arriving cookie: the whole check, device record in memory. */
    @Benchmark
    public DeviceTrust check() {
        return trust.check(cookie, USER);
    }

    /** A cookie with a changed MAC byte: refused at the signature. */
    @Benchmark
    public DeviceTrust checkTampered() {
        return trust.check(tampered, USER);
    }

    /** The codec alone: shape, HMAC-SHA256, parse, user, expiry. */
    @Benchmark
    public TokenVerdict codec() {
        Instant now = clock.instant();
        return codec.verify(cookie, USER, id -> id.equals(key.id()) ? Optional.of(key) : Optional.empty(), now);
    }
}
