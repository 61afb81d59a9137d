package dev.stepwise.mfa.runtime;

import dev.stepwise.mfa.runtime.config.Parameters;
import dev.stepwise.mfa.core.AccountThrottle;
import dev.stepwise.mfa.core.AttemptPolicy;
import dev.stepwise.mfa.store.JdbcStore;
import dev.stepwise.mfa.store.SecretKeyCheck;
import dev.stepwise.mfa.store.SecretKeyMismatchException;
import dev.stepwise.mfa.store.SchemaMode;
import dev.stepwise.mfa.store.StoreSchemaException;
import dev.stepwise.mfa.store.StoreUnavailableException;
import dev.stepwise.mfa.trust.TrustedDevices;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.MfaConfigException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The library's durable state in the application's own database: opens the {@link JdbcStore} on the
 * {@code DataSource} named by {@code stepwise.mfa.datasource} (default {@code java:comp/DefaultDataSource}),
 * with factor secrets sealed under the key from {@link SecretKeySource} (or, without one and only on the embedded H2
 * database, development mode's key kept in the store), checked against the stored secrets by {@link SecretKeyCheck}.
 * Without a key on any other database the deployment fails. Opened once, at deployment, when the
 * first part of the library asks for it; everything here is shared by all nodes that use the same database.
 */
@ApplicationScoped
public class MfaStorage {

    private static final System.Logger LOG = System.getLogger(MfaStorage.class.getName());

    private final MfaConfiguration configuration;

    private volatile Opened opened;

    private record Opened(JdbcStore store, AccountThrottle throttle, TrustedDevices trust, byte[] codePepper) {
    }

    /**
     * Creates the MFA storage from its parts.
     *
     * @param configuration the configuration
     */
    @Inject
    public MfaStorage(MfaConfiguration configuration) {
        this.configuration = configuration;
    }

    /** For CDI's proxy only. */
    protected MfaStorage() {
        this(null);
    }

    /** {@return the JDBC store; opens it (and creates the schema, when configured) on first use} */
    public JdbcStore store() {
        return opened().store();
    }

    /**
     * Per-account failure counting and lockout ({@code stepwise.mfa.lockout.*}).
     *
     * @return the account throttle
     */
    public AccountThrottle throttle() {
        return opened().throttle();
    }

    /**
     * The server-side key mixed into the hashes of emailed and texted codes, derived from the secret key so
     * every node of a cluster computes the same hashes (a 6-digit code hashed without a secret key could be
     * recovered from the hash by trying all million values).
     *
     * @return the server-side key mixed into the hashes of emailed and texted codes, derived from the secret key so every node of a cluster computes the same hashes (a 6-digit code hashed without a secret key could be recovered from the hash by trying all million values)
     */
    public byte[] codePepper() {
        return opened().codePepper().clone();
    }

    /** {@return which devices and networks each user signed in from (adaptive MFA)} */
    public dev.stepwise.mfa.core.risk.RiskHistory riskHistory() {
        return store().riskHistory();
    }

    /**
     * Temporary MFA exemptions granted by administrators.
     *
     * @return the dev stepwise MFA core exemption exemption store
     */
    public dev.stepwise.mfa.core.exemption.ExemptionStore exemptions() {
        return store().exemptions();
    }

    /**
     * Users' own MFA choices ("always ask when I sign in").
     *
     * @return the dev stepwise MFA core preference user MFA preferences
     */
    public dev.stepwise.mfa.core.preference.UserMfaPreferences preferences() {
        return store().preferences();
    }

    /**
     * "Trust this device" cookies and their records ({@code stepwise.mfa.trust.*}).
     *
     * @return the trusted devices
     */
    public TrustedDevices trust() {
        return opened().trust();
    }

    private Opened opened() {
        Opened o = opened;
        if (o == null) {
            synchronized (this) {
                o = opened;
                if (o == null) {
                    o = open();
                    opened = o;
                }
            }
        }
        return o;
    }

    /** HMAC-SHA256(key, purpose): a separate key per purpose, so no two uses share key material. */
    private static byte[] derive(byte[] key, String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The store with its key settled ({@link SecretKeyCheck}); a key that does not fit fails the deployment. */
    private SecretKeyCheck.Opened openStore(DataSource dataSource, String name,
                                            Optional<SecretKeySource.ResolvedKey> configured, SchemaMode createSchema) {
        try {
            return SecretKeyCheck.open(dataSource, configured.map(SecretKeySource.ResolvedKey::key), createSchema,
                    configuration.clock());
        } catch (StoreUnavailableException e) {
            throw new IllegalStateException("Stepwise MFA cannot reach its store at " + name + ": " + e.getMessage(), e);
        } catch (StoreSchemaException e) {
            // an unsupported database, a missing or newer schema: fails the deployment, naming the data source
            throw new StoreSchemaException("Stepwise MFA cannot use its store at " + name + ": " + e.getMessage(), e);
        } catch (SecretKeyMismatchException e) {
            throw new IllegalStateException(SecretKeySource.mismatch(e.reason(),
                    configured.map(SecretKeySource.ResolvedKey::source).orElse(null)), e);
        }
    }

    private Opened open() {
        MfaConfig config = configuration.config();
        String name = config.store().datasource();
        DataSource dataSource;
        try {
            dataSource = (DataSource) new InitialContext().lookup(name);
        } catch (NamingException | ClassCastException e) {
            throw new MfaConfigException(Parameters.DATASOURCE.name(), name, "the JNDI name of a DataSource, and "
                    + "no DataSource is bound there (" + e.getClass().getSimpleName() + "): define the server's "
                    + "default datasource, or set " + Parameters.DATASOURCE.name() + " to the JNDI name of a "
                    + "PostgreSQL, MariaDB or H2 DataSource");
        }
        Optional<SecretKeySource.ResolvedKey> configured = SecretKeySource.configured();
        SecretKeyCheck.Opened keyed = openStore(dataSource, name, configured, config.store().createSchema());
        JdbcStore store = keyed.store();
        if (keyed.development()) {
            LOG.log(System.Logger.Level.WARNING, SecretKeySource.DEVELOPMENT_WARNING);
        }
        LOG.log(System.Logger.Level.INFO, "Stepwise MFA store: {0} ({1}); secret key: {2}", name, store.dialect(),
                configured.map(SecretKeySource.ResolvedKey::source).orElse("development key kept in the store"));
        AccountThrottle throttle = new AccountThrottle(store.attempts(),
                AttemptPolicy.of(config.lockout().maxFailures(), config.lockout().duration()), configuration.clock());
        TrustedDevices trust = new TrustedDevices(store.trustedDevices(), store.trustKeys(), configuration.clock(),
                config.trust().duration(), config.trust().keyRotation(), new SecureRandom());
        return new Opened(store, throttle, trust, derive(keyed.key(), "stepwise one-time code pepper v1"));
    }
}
