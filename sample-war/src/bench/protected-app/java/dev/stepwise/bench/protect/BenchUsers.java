package dev.stepwise.bench.protect;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Any user name of lower-case letters, digits and dashes, with the password {@code bench}. By default the password
 * is compared as it is: as cheap as an identity store gets, so a sign-in's cost is the container's and the
 * library's. With the system property {@code bench.password-hash=pbkdf2} it is checked against a PBKDF2 hash with
 * Jakarta Security's default parameters, as the sample's {@code DemoUsers} does: what a real sign-in costs. The
 * same in both WARs.
 */
@ApplicationScoped
public class BenchUsers implements IdentityStore {

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");

    @Inject
    Pbkdf2PasswordHash hash;

    private String stored;

    @PostConstruct
    void init() {
        if ("pbkdf2".equals(System.getProperty("bench.password-hash"))) {
            hash.initialize(Map.of());
            stored = hash.generate("bench".toCharArray());
        }
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof UsernamePasswordCredential c && NAME.matcher(c.getCaller()).matches()
                && (stored == null ? c.getPasswordAsString().equals("bench")
                        : hash.verify(c.getPassword().getValue(), stored))) {
            return new CredentialValidationResult(c.getCaller(), Set.of("user"));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
