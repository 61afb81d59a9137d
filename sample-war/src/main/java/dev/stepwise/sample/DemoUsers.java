package dev.stepwise.sample;

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
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sample's users, with PBKDF2-hashed passwords: {@code alice}, {@code bob} (role user) and {@code admin}
 * (roles user and admin). Passwords are the user name followed by {@code -password}.
 */
@ApplicationScoped
public class DemoUsers implements IdentityStore {

    private record Account(String passwordHash, Set<String> groups) {
    }

    @Inject
    Pbkdf2PasswordHash hash;

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    @PostConstruct
    void seed() {
        hash.initialize(Map.of());
        accounts.put("alice", new Account(hash.generate("alice-password".toCharArray()), Set.of("user")));
        accounts.put("bob", new Account(hash.generate("bob-password".toCharArray()), Set.of("user")));
        accounts.put("admin", new Account(hash.generate("admin-password".toCharArray()), Set.of("user", "admin")));
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential up)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        Account account = accounts.get(up.getCaller());
        if (account == null || !hash.verify(up.getPassword().getValue(), account.passwordHash())) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(up.getCaller(), account.groups());
    }

    /** Changes a user's password (the sample's "change password" action). */
    public void changePassword(String user, char[] newPassword) {
        accounts.computeIfPresent(user, (u, a) -> new Account(hash.generate(newPassword), a.groups()));
    }
}
