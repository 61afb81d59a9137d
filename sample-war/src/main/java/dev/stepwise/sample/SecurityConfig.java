package dev.stepwise.sample;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Primary login of the sample bank: Jakarta Security custom form login with its own page. Stepwise MFA adds
 * the second factor on top of whatever sets the principal.
 */
@ApplicationScoped
@DeclareRoles({"user", "admin"})
@CustomFormAuthenticationMechanismDefinition(
        loginToContinue = @LoginToContinue(loginPage = "/login", errorPage = "/login?error", useForwardToLogin = false))
public class SecurityConfig {
}
