package dev.stepwise.mfa.store;

import dev.stepwise.mfa.factor.totp.TotpCredential;
import dev.stepwise.mfa.factor.totp.TotpCredentialStore;
import dev.stepwise.mfa.factor.totp.TotpSecret;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * TOTP enrolments in {@code stepwise_totp}, the secret sealed with the {@link SecretBox} (owner: the user, purpose
 * {@value #PURPOSE}): a database dump does not reveal the secrets, and a sealed secret copied into another user's
 * row does not open ({@link SecretBoxException} from {@link #find}: fail closed).
 *
 * <pre>{@code
 * TotpFactor totp = new TotpFactor(jdbcStore.totpCredentials(), clock, TotpSettings.defaults());
 * }</pre>
 *
 * <p>Atomicity: {@link #advanceLastStep} is the single statement
 * {@code UPDATE stepwise_totp SET last_step = ? WHERE user_id = ? AND last_step < ?}; the database's row lock
 * serialises concurrent calls and re-evaluates the condition, so of two nodes verifying one code exactly one gets
 * an update count of 1 (RFC 6238 §5.2). {@link #save} is one upsert.
 */
public final class JdbcTotpCredentialStore implements TotpCredentialStore {

    /** SecretBox purpose of a sealed TOTP secret. */
    public static final String PURPOSE = "totp";

    private final Jdbc jdbc;
    private final SecretBox box;

    JdbcTotpCredentialStore(Jdbc jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    @Override
    public Optional<TotpCredential> find(String user) {
        Jdbc.requireUser(user);
        return jdbc.autocommit("read a TOTP enrolment", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT secret_box, active, last_step FROM stepwise_totp WHERE user_id = ?")) {
                ps.setString(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<TotpCredential>empty();
                    }
                    byte[] secret = box.open(rs.getBytes(1), user, PURPOSE);
                    try {
                        return Optional.of(new TotpCredential(user, new TotpSecret(secret), rs.getBoolean(2),
                                rs.getLong(3)));
                    } catch (IllegalArgumentException weak) {
                        // A row written before secrets of 160 bits were required: refused, never used (fail closed).
                        throw new IllegalStateException("a stored TOTP secret is too weak to use; remove it and let "
                                + "the user enrol again (" + weak.getMessage() + ")", weak);
                    } finally {
                        SecretBox.wipe(secret);
                    }
                }
            }
        });
    }

    @Override
    public void save(TotpCredential credential) {
        Objects.requireNonNull(credential, "credential");
        String user = Jdbc.requireUser(credential.user());
        byte[] secret = credential.secret().bytes();
        byte[] sealed;
        try {
            sealed = box.seal(secret, user, PURPOSE);
        } finally {
            SecretBox.wipe(secret);
        }
        jdbc.autocommit("store a TOTP enrolment", c -> jdbc.upsert(c, "stepwise_totp", List.of("user_id"),
                List.of("secret_box", "active", "last_step"), ps -> {
                    ps.setString(1, user);
                    ps.setBytes(2, sealed);
                    ps.setBoolean(3, credential.active());
                    ps.setLong(4, credential.lastStep());
                }));
    }

    @Override
    public void delete(String user) {
        Jdbc.requireUser(user);
        jdbc.update("delete a TOTP enrolment", "DELETE FROM stepwise_totp WHERE user_id = ?",
                ps -> ps.setString(1, user));
    }

    @Override
    public boolean advanceLastStep(String user, long step) {
        Jdbc.requireUser(user);
        // RFC 6238 §5.2: accept each OTP once — one conditional update, never read-then-write
        return jdbc.update("record a used TOTP step",
                "UPDATE stepwise_totp SET last_step = ? WHERE user_id = ? AND last_step < ?", ps -> {
                    ps.setLong(1, step);
                    ps.setString(2, user);
                    ps.setLong(3, step);
                }) == 1;
    }
}
