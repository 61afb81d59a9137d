package dev.stepwise.bench.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.util.Set;

/** One fixed user, {@code bench}/{@code bench}: as cheap as an identity store gets, the same in both WARs. */
@ApplicationScoped
public class BenchIdentityStore implements IdentityStore {

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof UsernamePasswordCredential c
                && c.getCaller().equals("bench") && c.getPasswordAsString().equals("bench")) {
            return new CredentialValidationResult("bench", Set.of("user"));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
