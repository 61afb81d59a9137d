package dev.stepwise.mfa.bench.micro;

import dev.stepwise.mfa.trust.TrustKey;
import dev.stepwise.mfa.trust.TrustKeyStore;
import dev.stepwise.mfa.trust.TrustedDevice;
import dev.stepwise.mfa.trust.TrustedDeviceStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Thread-safe in-memory trust stores, so that {@code TrustedDevices#check} is measured without the database (the
 * store benchmark measures the JDBC look-ups).
 */
final class MemoryTrust {

    private MemoryTrust() {
    }

    /** The signing keys. */
    static final class Keys implements TrustKeyStore {
        private final List<TrustKey> keys = new CopyOnWriteArrayList<>();

        @Override
        public List<TrustKey> findAll() {
            return List.copyOf(keys);
        }

        @Override
        public synchronized boolean addIfAbsent(TrustKey key) {
            if (keys.stream().anyMatch(k -> k.slot().equals(key.slot()) || k.id().equals(key.id()))) {
                return false;
            }
            return keys.add(key);
        }

        @Override
        public int deleteExpired(Instant now) {
            int before = keys.size();
            keys.removeIf(k -> !k.verifiesAt(now));
            return before - keys.size();
        }
    }

    /** The device records. */
    static final class Devices implements TrustedDeviceStore {
        private final Map<String, TrustedDevice> byId = new ConcurrentHashMap<>();

        @Override
        public void create(TrustedDevice device) {
            if (byId.putIfAbsent(device.deviceId(), device) != null) {
                throw new IllegalArgumentException("device id exists");
            }
        }

        @Override
        public Optional<TrustedDevice> find(String deviceId) {
            return Optional.ofNullable(byId.get(deviceId));
        }

        @Override
        public boolean touch(String deviceId, Instant lastSeenAt) {
            return byId.computeIfPresent(deviceId, (id, d) -> d.isRevoked() ? d : new TrustedDevice(d.deviceId(),
                    d.user(), d.createdAt(), lastSeenAt, d.userAgent(), d.expiresAt(), null)) != null
                    && !byId.get(deviceId).isRevoked();
        }

        @Override
        public List<TrustedDevice> listByUser(String user) {
            List<TrustedDevice> list = new ArrayList<>();
            for (TrustedDevice d : byId.values()) {
                if (d.user().equals(user)) {
                    list.add(d);
                }
            }
            list.sort(Comparator.comparing(TrustedDevice::createdAt).reversed());
            return list;
        }

        @Override
        public boolean revoke(String user, String deviceId, Instant at) {
            TrustedDevice d = byId.get(deviceId);
            if (d == null || !d.user().equals(user) || d.isRevoked()) {
                return false;
            }
            return byId.replace(deviceId, d, new TrustedDevice(d.deviceId(), d.user(), d.createdAt(), d.lastSeenAt(),
                    d.userAgent(), d.expiresAt(), at));
        }

        @Override
        public int revokeAll(String user, Instant at) {
            int n = 0;
            for (TrustedDevice d : listByUser(user)) {
                n += revoke(user, d.deviceId(), at) ? 1 : 0;
            }
            return n;
        }

        @Override
        public int deleteExpired(Instant before) {
            int n = byId.size();
            byId.values().removeIf(d -> d.expiresAt().isBefore(before));
            return n - byId.size();
        }
    }
}
