package dev.stepwise.mfa.bench.micro;

import dev.stepwise.mfa.factor.totp.TotpCredential;
import dev.stepwise.mfa.factor.totp.TotpCredentialStore;
import dev.stepwise.mfa.factor.totp.TotpSecret;
import dev.stepwise.mfa.store.JdbcTotpCredentialStore;
import dev.stepwise.mfa.store.SecretBox;

import java.util.Optional;

/**
 * One user's active TOTP credential whose replay guard always lets the step through, so that every call of the
 * benchmark verifies a code as the first use of its step. Sealed: the secret is kept as the JDBC store keeps it
 * (AES-GCM, {@link SecretBox}) and opened on every {@link #find}, as that store does after its SELECT.
 */
final class ReusableTotpStore implements TotpCredentialStore {

    private final String user;
    private final TotpSecret secret;
    private final SecretBox box;
    private final byte[] sealed;

    ReusableTotpStore(String user, TotpSecret secret, boolean sealedAtRest) {
        this.user = user;
        this.secret = secret;
        this.box = sealedAtRest ? new SecretBox(SecretBox.generateKey()) : null;
        this.sealed = sealedAtRest ? box.seal(secret.bytes(), user, JdbcTotpCredentialStore.PURPOSE) : null;
    }

    @Override
    public Optional<TotpCredential> find(String who) {
        if (!user.equals(who)) {
            return Optional.empty();
        }
        TotpSecret s = box == null ? secret : new TotpSecret(box.open(sealed, who, JdbcTotpCredentialStore.PURPOSE));
        return Optional.of(new TotpCredential(who, s, true, TotpCredential.NO_STEP));
    }

    @Override
    public void save(TotpCredential credential) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public boolean saveUnlessActive(TotpCredential credential) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public boolean activatePending(TotpCredential pending, long acceptedStep) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public void delete(String who) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public boolean advanceLastStep(String who, long step) {
        return user.equals(who);
    }
}
