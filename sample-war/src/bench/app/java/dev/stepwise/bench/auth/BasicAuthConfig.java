package dev.stepwise.bench.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;

/**
 * Only in the "-auth" WARs: HTTP Basic through Jakarta Security. A request that carries credentials is
 * authenticated even on an unprotected URL, with no session, so every request of the run is an
 * authenticated-but-unprotected one.
 */
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = "bench")
public class BasicAuthConfig {
}
