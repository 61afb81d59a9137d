package dev.stepwise.sample;

import dev.stepwise.mfa.web.PasskeyCredential;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;

/**
 * The sample's users, in the application's default datasource with PBKDF2-hashed passwords: {@code alice},
 * {@code bob} (role user) and {@code admin} (roles user and admin). Seeded once with passwords made of the user
 * name followed by {@code -password}; a changed password survives restarts.
 */
@ApplicationScoped
public class DemoUsers implements IdentityStore {

    private static final Map<String, String> SEED = Map.of("alice", "user", "bob", "user", "admin", "user,admin");

    @Inject
    Pbkdf2PasswordHash hash;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @PostConstruct
    void seed() {
        hash.initialize(Map.of());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bank_user (name VARCHAR(64) PRIMARY KEY, "
                    + "password_hash VARCHAR(512) NOT NULL, roles VARCHAR(128) NOT NULL)");
            for (Map.Entry<String, String> user : SEED.entrySet()) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO bank_user (name, password_hash, roles) "
                        + "SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM bank_user WHERE name = ?)")) {
                    insert.setString(1, user.getKey());
                    insert.setString(2, hash.generate((user.getKey() + "-password").toCharArray()));
                    insert.setString(3, user.getValue());
                    insert.setString(4, user.getKey());
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the sample's user table cannot be set up", e);
        }
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof PasskeyCredential passkey) {
            return existing(passkey.caller());
        }
        if (!(credential instanceof UsernamePasswordCredential up)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT password_hash, roles FROM bank_user WHERE name = ?")) {
            q.setString(1, up.getCaller());
            try (ResultSet r = q.executeQuery()) {
                if (!r.next() || !hash.verify(up.getPassword().getValue(), r.getString(1))) {
                    return CredentialValidationResult.INVALID_RESULT;
                }
                return new CredentialValidationResult(up.getCaller(), Set.of(r.getString(2).split(",")));
            }
        } catch (SQLException e) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT; // fail closed: nobody signs in
        }
    }

    /**
     * A passkey sign-in (README "Passkey sign-in"): Stepwise MFA verified the passkey and names its user; the bank
     * still decides whether that user may sign in (exists here) and with which roles.
     */
    private CredentialValidationResult existing(String user) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT roles FROM bank_user WHERE name = ?")) {
            q.setString(1, user);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? new CredentialValidationResult(user, Set.of(r.getString(1).split(",")))
                        : CredentialValidationResult.INVALID_RESULT;
            }
        } catch (SQLException e) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT; // fail closed: nobody signs in
        }
    }

    /** Changes a user's password (the sample's "change password" action). */
    public void changePassword(String user, char[] newPassword) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement u = c.prepareStatement("UPDATE bank_user SET password_hash = ? WHERE name = ?")) {
            u.setString(1, hash.generate(newPassword));
            u.setString(2, user);
            u.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the password could not be changed", e);
        }
    }
}
