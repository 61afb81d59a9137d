package dev.stepwise.sample.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The sample's JAX-RS endpoints live under {@code /api}. */
@ApplicationPath("/api")
public class BankApi extends Application {
}
