package dev.stepwise.mfa.store;

import dev.stepwise.mfa.store.SecretKeyMismatchException.Reason;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens the store with the key its secrets are sealed with, and makes sure it is that key. Without a configured key
 * (development mode, on the embedded H2 database only) the key is the one kept in the store
 * ({@code stepwise_secret_key}, entry {@code development-key}), generated at the first start and reused by every
 * later one, so development data survives a restart. With or without a configured key, the store keeps a fixed
 * label sealed with the key in use (entry {@code check}); a start whose key does not open it fails with a
 * {@link SecretKeyMismatchException} before anything is written.
 *
 * <pre>{@code
 * SecretKeyCheck.Opened opened = SecretKeyCheck.open(dataSource, Optional.of(configuredKey), true, clock);
 * JdbcStore store = opened.store();
 * }</pre>
 *
 * <p>Cases, in order:
 * <ul>
 *   <li>no key configured and the database is not H2: refused ({@link Reason#KEY_REQUIRED}) before any key or
 *       secret is read or written: a production database never holds a key in the clear;</li>
 *   <li>a key is configured, and the check is there: the key must open it; if it does not and the store holds a
 *       development key, refused ({@link Reason#DEVELOPMENT_DATA}: the secrets sealed with the development key are
 *       not moved to the configured key, see README, "The secret key"), else {@link Reason#WRONG_KEY}. If it
 *       opens, a development key beside it is a stray one (a node without a key that lost the race to write the
 *       check) and is deleted;</li>
 *   <li>no check yet (a new database, or one of an earlier release): the key must open one secret already sealed
 *       in the store, if there is one; then the check is written (insert unless present) and read back, so nodes
 *       starting at once with different keys cannot both succeed;</li>
 *   <li>no key configured, no development key yet: refused ({@link Reason#KEY_MISSING}) when the store already
 *       holds a check or a sealed secret; otherwise a key is generated, written unless present and read back, so
 *       nodes starting at once all use the one that was written.</li>
 * </ul>
 */
public final class SecretKeyCheck {

    private static final byte[] LABEL = "Stepwise MFA secret key check, v1".getBytes(StandardCharsets.US_ASCII);
    private static final String OWNER = "stepwise-mfa";
    /** SecretBox purpose of the check. */
    public static final String PURPOSE = "secret-key-check";

    /** The store, the key it seals with, and whether that key is development mode's stored one. */
    public record Opened(JdbcStore store, byte[] key, boolean development) {
        /**
         * @param store       the opened store
         * @param key         the key it seals with (copied)
         * @param development whether the key is development mode's stored one
         */
        public Opened {
            key = key.clone();
        }

        /**
         * The key the store seals with.
         *
         * @return a copy of the key
         */
        @Override
        public byte[] key() {
            return key.clone();
        }

        @Override
        public String toString() {
            return "Opened[" + store.dialect() + (development ? ", development key" : ", configured key") + "]";
        }
    }

    private SecretKeyCheck() {
    }

    /**
     * Opens the store and settles its key as described above: {@code open(dataSource, configured,
     * SchemaMode.of(createSchema), clock)}.
     *
     * @param dataSource   the database
     * @param configured   the configured key (32 bytes), or empty for development mode
     * @param createSchema {@code true} migrates the schema, {@code false} checks its version
     * @param clock        the time of written rows
     * @return the opened store and its key
     * @throws SecretKeyMismatchException when the key does not fit the stored secrets; nothing was written
     * @throws StoreSchemaException       as {@link JdbcStore#open(DataSource, SecretBox, SchemaMode, Clock)}
     * @throws StoreUnavailableException  when the database cannot be reached
     */
    public static Opened open(DataSource dataSource, Optional<byte[]> configured, boolean createSchema, Clock clock) {
        return open(dataSource, configured, SchemaMode.of(createSchema), clock);
    }

    /**
     * Opens the store ({@link JdbcStore#open(DataSource, SecretBox, SchemaMode, Clock)}) and settles its key as
     * described above.
     *
     * @param dataSource the database
     * @param configured the configured key (32 bytes), or empty for development mode
     * @param schema     what to do with the schema ({@code stepwise.mfa.store.create-schema})
     * @param clock      the time of written rows
     * @return the opened store and its key
     * @throws SecretKeyMismatchException when the key does not fit the stored secrets; nothing was written
     * @throws StoreSchemaException       as {@link JdbcStore#open(DataSource, SecretBox, SchemaMode, Clock)}
     * @throws StoreUnavailableException  when the database cannot be reached
     */
    public static Opened open(DataSource dataSource, Optional<byte[]> configured, SchemaMode schema, Clock clock) {
        Objects.requireNonNull(configured, "configured");
        // the first open migrates or checks the schema; its box seals nothing (a fresh key, dropped at once)
        JdbcStore checked = JdbcStore.open(dataSource, new SecretBox(SecretBox.generateKey()), schema, clock);
        if (configured.isEmpty() && checked.dialect() != Dialect.H2) {
            throw new SecretKeyMismatchException(Reason.KEY_REQUIRED);
        }
        SecretKeyTable table = new SecretKeyTable(checked.jdbc(), clock);
        byte[] key = configured.isPresent() ? configuredKey(table, configured.get()) : developmentKey(table);
        try {
            return new Opened(JdbcStore.open(dataSource, new SecretBox(key), SchemaMode.VERSION_ONLY, clock), key,
                    configured.isEmpty());
        } finally {
            SecretBox.wipe(key);
        }
    }

    private static byte[] configuredKey(SecretKeyTable table, byte[] key) {
        boolean development = table.read(SecretKeyTable.DEVELOPMENT_KEY).isPresent();
        verify(table, new SecretBox(key), development ? Reason.DEVELOPMENT_DATA : Reason.WRONG_KEY);
        if (development) {
            // the check opens with the configured key: the development key sealed nothing that is kept
            table.delete(SecretKeyTable.DEVELOPMENT_KEY);
        }
        return key.clone();
    }

    private static byte[] developmentKey(SecretKeyTable table) {
        Optional<byte[]> stored = table.read(SecretKeyTable.DEVELOPMENT_KEY);
        if (stored.isEmpty()) {
            if (table.read(SecretKeyTable.CHECK).isPresent() || table.anySealedSecret().isPresent()) {
                throw new SecretKeyMismatchException(Reason.KEY_MISSING);
            }
            byte[] generated = SecretBox.generateKey();
            table.insertIfAbsent(SecretKeyTable.DEVELOPMENT_KEY, generated);
            SecretBox.wipe(generated);
            stored = table.read(SecretKeyTable.DEVELOPMENT_KEY); // the one written first, by this node or another
        }
        // gone again: a node with a configured key wrote the check and deleted this stray key
        byte[] key = stored.orElseThrow(() -> new SecretKeyMismatchException(Reason.KEY_MISSING));
        if (key.length != SecretBox.KEY_BYTES) {
            throw new StoreSchemaException("the development key in stepwise_secret_key is damaged (" + key.length
                    + " bytes, not " + SecretBox.KEY_BYTES + ")");
        }
        verify(table, new SecretBox(key), Reason.KEY_MISSING);
        return key;
    }

    /** The key must open the check; without a check, one sealed secret (if any), and then the check is written. */
    private static void verify(SecretKeyTable table, SecretBox box, Reason otherwise) {
        Optional<byte[]> check = table.read(SecretKeyTable.CHECK);
        if (check.isEmpty()) {
            Optional<SecretKeyTable.Sealed> sample = table.anySealedSecret();
            if (sample.isPresent() && !opens(box, sample.get().sealed(), sample.get().owner(), sample.get().purpose())) {
                throw new SecretKeyMismatchException(otherwise);
            }
            table.insertIfAbsent(SecretKeyTable.CHECK, box.seal(LABEL, OWNER, PURPOSE));
            check = table.read(SecretKeyTable.CHECK); // the one written first, perhaps by a node with another key
        }
        byte[] sealed = check.orElseThrow(() -> new StoreSchemaException("the secret key check vanished from "
                + "stepwise_secret_key while the store was opening"));
        if (!opens(box, sealed, OWNER, PURPOSE)) {
            throw new SecretKeyMismatchException(otherwise);
        }
    }

    private static boolean opens(SecretBox box, byte[] sealed, String owner, String purpose) {
        try {
            byte[] plain = box.open(sealed, owner, purpose);
            boolean label = purpose.equals(PURPOSE) ? Arrays.equals(plain, LABEL) : true;
            SecretBox.wipe(plain);
            return label;
        } catch (SecretBoxException e) {
            return false;
        }
    }
}
