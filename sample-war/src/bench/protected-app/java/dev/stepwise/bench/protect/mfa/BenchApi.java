package dev.stepwise.bench.protect.mfa;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS under {@code /api}: {@link PlainResource}, {@link StepUpResource} and {@link InterceptedResource}. */
@ApplicationPath("/api")
public class BenchApi extends Application {
}
