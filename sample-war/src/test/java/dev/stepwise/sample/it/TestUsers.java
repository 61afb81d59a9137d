package dev.stepwise.sample.it;

import dev.stepwise.mfa.web.PasskeyCredential;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.security.SecureRandom;
import java.util.Set;

/**
 * Test-only users beside the sample's three, so that each attack test starts from an account nobody else touched
 * (own failure counter, own devices, own exemptions). A name says what the account is:
 * {@code tc…} has {@link TestCodeFactor}, {@code tn…} has no factor, {@code ta…} is an administrator with
 * {@link TestCodeFactor}. The password is the name followed by {@code -password}, as for the sample's users.
 * A deployment may add this store without {@link TestCodeFactor}: then every test user starts with no factor and
 * sets up what the deployment offers (an authenticator app, a security key, email codes to
 * {@code <name>@bank.example}, the sample's default address). A test user's password never changes: the
 * sample's "change password" action only updates its own users.
 *
 * <pre>{@code
 * String user = TestUsers.withTestCode();          // e.g. "tcqhzkpwmeya"
 * new Visitor(base).signIn(user, TestUsers.password(user));
 * }</pre>
 *
 * <p>Jakarta Security asks every identity store in turn until one says VALID, so the sample's own store keeps
 * answering for alice, bob and admin.
 */
@ApplicationScoped
public class TestUsers implements IdentityStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh user with the test factor (role {@code user}). */
    static String withTestCode() {
        return fresh("tc");
    }

    /** A fresh user without any factor (role {@code user}). */
    static String withoutFactor() {
        return fresh("tn");
    }

    /** A fresh administrator with the test factor (roles {@code user} and {@code admin}). */
    static String admin() {
        return fresh("ta");
    }

    static String password(String user) {
        return user + "-password";
    }

    /** Whether {@code user} is a test user who has {@link TestCodeFactor}. */
    static boolean hasTestCode(String user) {
        return isTestUser(user) && !user.startsWith("tn");
    }

    private static String fresh(String kind) {
        StringBuilder name = new StringBuilder(kind);
        for (int i = 0; i < 10; i++) {
            name.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return name.toString();
    }

    private static boolean isTestUser(String user) {
        return user != null && user.matches("t[cna][a-z]{10}");
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof PasskeyCredential passkey && isTestUser(passkey.caller())) {
            return new CredentialValidationResult(passkey.caller(), roles(passkey.caller())); // as DemoUsers does
        }
        if (!(credential instanceof UsernamePasswordCredential up) || !isTestUser(up.getCaller())) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        if (!up.getPassword().compareTo(password(up.getCaller()))) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(up.getCaller(), roles(up.getCaller()));
    }

    private static Set<String> roles(String user) {
        return user.startsWith("ta") ? Set.of("user", "admin") : Set.of("user");
    }
}
