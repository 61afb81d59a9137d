package dev.stepwise.mfa.bench.micro;

import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.ProtectedPaths;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The requirement a {@code stepwise.mfa.protect} pattern sets for a request path ({@link ProtectedPaths#match}),
 * with ten patterns configured: exact paths, prefixes and extensions, as {@link MfaConfig#parse} builds them. The
 * paths hit an exact pattern, the longest of two prefixes, an extension, nothing (most pages of an application),
 * and an exact pattern written with doubled slashes and a trailing slash (the slower normalising path).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class ProtectedPathsBench {

    /** Ten patterns, the kinds an application writes into web.xml. */
    static final String PATTERNS = "/admin/*=mfa; /admin/users/*=stepup:PT2M; /account/delete=stepup:PT2M; "
            + "/account/password=stepup; /api/transfers=stepup:PT5M; /api/payments/*=stepup; /reports/*=mfa; "
            + "*.pdf=stepup; *.csv=mfa; /settings/security=mfa";

    @Param({"/account/delete", "/admin/users/42/edit", "/files/statement-2026-11.pdf", "/products/list",
            "//api//transfers/"})
    public String path;

    private ProtectedPaths protect;

    @Setup
    public void setUp() {
        protect = MfaConfig.parse(Map.of("stepwise.mfa.protect", PATTERNS)::get).policy().protect();
        boolean shouldMatch = !path.equals("/products/list");
        if (protect.match(path).isPresent() != shouldMatch) {
            throw new IllegalStateException("unexpected match for " + path);
        }
    }

    @Benchmark
    public Optional<Requirement> match() {
        return protect.match(path);
    }
}
