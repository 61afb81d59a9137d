package dev.stepwise.bench.protect;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Any user name of lower-case letters, digits and dashes, with the password {@code bench}: as cheap as an identity
 * store gets (no hashing), so a sign-in's cost is the container's and the library's, the same in both WARs.
 */
@ApplicationScoped
public class BenchUsers implements IdentityStore {

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof UsernamePasswordCredential c && NAME.matcher(c.getCaller()).matches()
                && c.getPasswordAsString().equals("bench")) {
            return new CredentialValidationResult(c.getCaller(), Set.of("user"));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
