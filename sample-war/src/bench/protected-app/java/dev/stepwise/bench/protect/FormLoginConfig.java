package dev.stepwise.bench.protect;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Primary login as in the sample: Jakarta Security custom form login, the caller kept in the HTTP session. The
 * same in the WAR with the library and in the one without.
 */
@ApplicationScoped
@DeclareRoles("user")
@CustomFormAuthenticationMechanismDefinition(
        loginToContinue = @LoginToContinue(loginPage = "/login", errorPage = "/login?error", useForwardToLogin = false))
public class FormLoginConfig {
}
