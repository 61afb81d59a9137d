package dev.stepwise.mfa.store;

import dev.stepwise.mfa.factor.push.PushSubscription;
import dev.stepwise.mfa.factor.push.PushSubscriptionStore;
import dev.stepwise.mfa.factor.push.StoredPushSubscription;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The push factor's devices in {@code stepwise_push_subscription} (schema version 9).
 *
 * <pre>{@code
 * PushFactor push = new PushFactor(jdbcStore.pushSubscriptions(), sender, policy, codes, issuer);
 * }</pre>
 *
 * <p>Atomicity: {@link #add} is one transaction at READ COMMITTED that first locks the user's row of
 * {@code stepwise_push_device_set} (inserting it if absent), so concurrent registrations of one user run one after
 * the other and never pass the limit; it then replaces the row with the same id or counts and inserts. Removal is
 * one {@code DELETE} by user and id. A database that cannot answer throws {@link StoreUnavailableException}.
 *
 * <p>The {@code auth} secret is sealed at rest ({@link PushAuthSeal}: the {@link SecretBox}, bound to the user and
 * the device id); a row written before that is read as it is and sealed when next written. A row whose seal does
 * not open (another key, moved from another row, altered) fails closed for that device only: it is left out of
 * {@link #subscriptions} (no push goes to it, and the devices page does not list it), a warning names its id but
 * never a value, and the same browser registering again replaces it; {@link #removeAll} removes it.
 */
public final class JdbcPushSubscriptionStore implements PushSubscriptionStore {

    private static final String COLUMNS = "id, label, endpoint, p256dh, auth, created_at";

    private static final System.Logger LOG = System.getLogger(JdbcPushSubscriptionStore.class.getName());

    private final Jdbc jdbc;
    private final PushAuthSeal seal;

    JdbcPushSubscriptionStore(Jdbc jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.seal = new PushAuthSeal(box);
    }

    @Override
    public List<StoredPushSubscription> subscriptions(String user) {
        Jdbc.requireUser(user);
        return jdbc.autocommit("read the push subscriptions", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM stepwise_push_subscription WHERE user_id = ? ORDER BY created_at, id")) {
                ps.setString(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    List<StoredPushSubscription> result = new ArrayList<>();
                    while (rs.next()) {
                        read(rs, user).ifPresent(result::add);
                    }
                    return List.copyOf(result);
                }
            }
        });
    }

    /** The row {@code rs} is on, or empty (and a warning) when its auth secret does not open. */
    private Optional<StoredPushSubscription> read(ResultSet rs, String user) throws SQLException {
        String id = rs.getString(1);
        Optional<byte[]> auth = seal.open(rs.getBytes(5), user, id);
        if (auth.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "A push device (id " + id + ") is left out: its stored auth secret"
                    + " does not open with this deployment's secret key (another key, moved from another row, or"
                    + " altered). Registering that browser again replaces it.");
            return Optional.empty();
        }
        PushSubscription s = new PushSubscription(URI.create(rs.getString(3)), rs.getBytes(4), auth.get());
        return Optional.of(new StoredPushSubscription(id, rs.getString(2), s, Jdbc.instant(rs.getLong(6))));
    }

    @Override
    public boolean add(String user, StoredPushSubscription subscription, int max) {
        Jdbc.requireUser(user);
        Objects.requireNonNull(subscription, "subscription");
        byte[] sealedAuth = seal.seal(subscription.subscription().auth(), user, subscription.id());
        return jdbc.transactionReadCommitted("store a push subscription", c -> {
            lockDevices(c, user);
            if (Jdbc.update(c, "UPDATE stepwise_push_subscription SET label = ?, endpoint = ?, p256dh = ?, auth = ?,"
                    + " created_at = ? WHERE user_id = ? AND id = ?", ps -> {
                        bindValues(ps, subscription, sealedAuth);
                        ps.setString(6, user);
                        ps.setString(7, subscription.id());
                    }) == 1) {
                return true;
            }
            if (count(c, user) >= max) {
                return false;
            }
            Jdbc.update(c, "INSERT INTO stepwise_push_subscription (label, endpoint, p256dh, auth, created_at,"
                    + " user_id, id) VALUES (?, ?, ?, ?, ?, ?, ?)", ps -> {
                        bindValues(ps, subscription, sealedAuth);
                        ps.setString(6, user);
                        ps.setString(7, subscription.id());
                    });
            return true;
        });
    }

    private static void bindValues(PreparedStatement ps, StoredPushSubscription s, byte[] sealedAuth)
            throws SQLException {
        ps.setString(1, s.label());
        ps.setString(2, s.subscription().endpoint().toString());
        ps.setBytes(3, s.subscription().p256dh());
        ps.setBytes(4, sealedAuth);
        ps.setLong(5, Jdbc.millis(s.created()));
    }

    private static int count(Connection c, String user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM stepwise_push_subscription WHERE user_id = ?")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Takes the user's row lock of {@code stepwise_push_device_set} for the rest of the transaction. */
    private void lockDevices(Connection c, String user) throws SQLException {
        Jdbc.Binder bindUser = ps -> ps.setString(1, user);
        if (jdbc.dialect() == Dialect.MARIADB) {
            Jdbc.update(c, "INSERT INTO stepwise_push_device_set (user_id, generation) VALUES (?, 1)"
                    + " ON DUPLICATE KEY UPDATE generation = generation + 1", bindUser);
            return;
        }
        String bump = "UPDATE stepwise_push_device_set SET generation = generation + 1 WHERE user_id = ?";
        if (Jdbc.update(c, bump, bindUser) == 1
                || jdbc.insertIfAbsent(c, "INSERT INTO stepwise_push_device_set (user_id, generation) VALUES (?, 1)",
                        bindUser)) {
            return;
        }
        if (Jdbc.update(c, bump, bindUser) != 1) {
            throw new SQLException("the push device row of a user vanished while it was being locked", "40001");
        }
    }

    @Override
    public boolean remove(String user, String id) {
        Jdbc.requireUser(user);
        Objects.requireNonNull(id, "id");
        return jdbc.update("remove a push subscription",
                "DELETE FROM stepwise_push_subscription WHERE user_id = ? AND id = ?", ps -> {
                    ps.setString(1, user);
                    ps.setString(2, id);
                }) == 1;
    }

    @Override
    public int removeAll(String user) {
        Jdbc.requireUser(user);
        return jdbc.update("remove the push subscriptions", "DELETE FROM stepwise_push_subscription WHERE user_id = ?",
                ps -> ps.setString(1, user));
    }
}
