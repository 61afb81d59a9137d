package dev.stepwise.mfa.factor.otp;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link OneTimeCodeStore} in a {@link ConcurrentHashMap}: for tests and single-node demos. Pending codes are
 * lost on restart (users ask for a new one) and not shared between nodes — use the JDBC store in a cluster.
 *
 * <pre>{@code
 * OneTimeCodeStore store = new InMemoryOneTimeCodeStore();
 * }</pre>
 *
 * <p>{@link #consume} is atomic: the check and the removal happen inside one
 * {@link ConcurrentHashMap#computeIfPresent} for the key, which the map runs exclusively per key; hashes are
 * compared with {@link MessageDigest#isEqual} (constant time). {@link #reserveSend} decides inside one
 * {@link ConcurrentHashMap#compute} for the key, so of concurrent sends exactly one wins — on this node: the
 * in-memory store holds the cooldown per node only.
 */
public final class InMemoryOneTimeCodeStore implements OneTimeCodeStore {

    private record Key(String user, String channel) {
    }

    /** A send reservation: taken at {@code reservedAt}, free again from {@code until}. */
    private record Reservation(Instant reservedAt, Instant until) {
    }

    private final ConcurrentMap<Key, PendingCode> codes = new ConcurrentHashMap<>();
    private final ConcurrentMap<Key, Reservation> reservations = new ConcurrentHashMap<>();

    @Override
    public void replace(PendingCode code) {
        Objects.requireNonNull(code, "code");
        codes.put(new Key(code.user(), code.channel()), code);
    }

    @Override
    public boolean consume(String user, String channel, byte[] codeHash, Instant now) {
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(now, "now");
        boolean[] consumed = {false};
        codes.computeIfPresent(new Key(user, channel), (key, pending) -> {
            if (now.isBefore(pending.expiresAt()) && MessageDigest.isEqual(pending.codeHash(), codeHash)) {
                consumed[0] = true;
                return null;   // removes the entry: used once
            }
            return pending;
        });
        if (consumed[0]) {
            reservations.remove(new Key(user, channel));   // the code did its work: the next may go at once
        }
        return consumed[0];
    }

    @Override
    public Optional<CodeIssue> lastIssue(String user, String channel) {
        return Optional.ofNullable(codes.get(new Key(user, channel))).map(PendingCode::issue);
    }

    @Override
    public void remove(String user, String channel) {
        codes.remove(new Key(user, channel));
    }

    @Override
    public boolean reserveSend(String user, String channel, Instant now, Duration cooldown) {
        OneTimeCodeStore.checkReservation(user, channel, now, cooldown);
        if (cooldown.isZero()) {
            return true;   // no cooldown: nothing to reserve
        }
        boolean[] won = {false};
        reservations.compute(new Key(user, channel), (key, held) -> {
            if (held == null || !now.isBefore(held.until())) {
                won[0] = true;
                return new Reservation(now, now.plus(cooldown));
            }
            return held;   // lost: changes nothing, whatever this caller's clock says
        });
        return won[0];
    }

    @Override
    public void releaseSend(String user, String channel, Instant reservedAt) {
        OneTimeCodeStore.checkSendKey(user, channel, reservedAt);
        reservations.computeIfPresent(new Key(user, channel),
                (key, held) -> held.reservedAt().equals(reservedAt) ? null : held);
    }

    @Override
    public Optional<Instant> sendReservedUntil(String user, String channel) {
        return Optional.ofNullable(reservations.get(new Key(user, channel))).map(Reservation::until);
    }

    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        int[] removed = {0};
        codes.forEach((key, pending) -> {
            if (!now.isBefore(pending.expiresAt()) && codes.remove(key, pending)) {
                removed[0]++;
            }
        });
        reservations.forEach((key, held) -> {
            if (!now.isBefore(held.until()) && reservations.remove(key, held)) {
                removed[0]++;
            }
        });
        return removed[0];
    }

    @Override
    public String toString() {
        return "InMemoryOneTimeCodeStore[" + codes.size() + " pending]";
    }
}
