package dev.stepwise.bench.protect.mfa;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS under {@code /api}: {@link PlainResource} (A) and {@link StepUpResource} (B). */
@ApplicationPath("/api")
public class BenchApi extends Application {
}
