package dev.stepwise.mfa.bench.micro;

import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.Parameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Parsing the configuration once at deployment, {@link MfaConfig#parse}: every parameter at its default
 * ({@code defaults}), and a realistic full set ({@code full}: a value for all but the mutually exclusive mail
 * session, ten protect patterns, trusted proxies, allowed origins). Done once per deployment, so only reported.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class ConfigBench {

    private final Map<String, String> full = new HashMap<>();

    @Setup
    public void setUp() {
        full.put("stepwise.mfa.login", "adaptive");
        full.put("stepwise.mfa.factors", "totp,webauthn,email,sms,recovery");
        full.put("stepwise.mfa.stepup.default-max-age", "PT10M");
        full.put("stepwise.mfa.path", "/security/mfa");
        full.put("stepwise.mfa.issuer", "Example Bank");
        full.put("stepwise.mfa.totp.window", "1");
        full.put("stepwise.mfa.datasource", "jdbc/bank");
        full.put("stepwise.mfa.store.create-schema", "false");
        full.put("stepwise.mfa.trust.duration", "P14D");
        full.put("stepwise.mfa.trust.key-rotation", "P60D");
        full.put("stepwise.mfa.lockout.max-failures", "5");
        full.put("stepwise.mfa.lockout.duration", "PT30M");
        full.put("stepwise.mfa.email.smtp", "mail.bank.example:25");
        full.put("stepwise.mfa.email.from", "security@bank.example");
        full.put("stepwise.mfa.sms.gateway.url", "https://sms.bank.example/v1/messages");
        full.put("stepwise.mfa.sms.gateway.auth-header", "X-Api-Key");
        full.put("stepwise.mfa.webauthn.rp-id", "bank.example");
        full.put("stepwise.mfa.webauthn.origins", "https://bank.example,https://www.bank.example");
        full.put("stepwise.mfa.adaptive.require", "high");
        full.put("stepwise.mfa.adaptive.memory", "P60D");
        full.put("stepwise.mfa.adaptive.failures", "5");
        full.put("stepwise.mfa.adaptive.absence", "P45D");
        full.put("stepwise.mfa.trusted-proxies", "10.0.0.0/8, 192.168.0.0/16, 2001:db8::/32");
        full.put("stepwise.mfa.mandatory-roles", "admin,auditor");
        full.put("stepwise.mfa.admin-role", "security-admin");
        full.put("stepwise.mfa.exemption.max-duration", "P3D");
        full.put("stepwise.mfa.protect", ProtectedPathsBench.PATTERNS);
        full.put("stepwise.mfa.allowed-origins", "https://pay.bank.example");
        full.put("stepwise.mfa.challenge.expiry", "PT10M");
        full.put("stepwise.mfa.exemption.enrol-hold", "PT12H");
        int unset = Parameters.names().stream().filter(n -> !full.containsKey(n)).toList().size();
        if (unset > 3) {
            throw new IllegalStateException(unset + " parameters are not set: " + Parameters.names());
        }
        parseFull();
    }

    @Benchmark
    public MfaConfig defaults() {
        return MfaConfig.parse(name -> null);
    }

    @Benchmark
    public MfaConfig parseFull() {
        return MfaConfig.parse(full::get);
    }
}
