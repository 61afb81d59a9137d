package dev.stepwise.mfa.trust;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Single-threaded in-memory stores for the pure tests of {@link TrustedDevices}; JDBC ones are contract-tested. */
final class MemoryTrustStores {

    private MemoryTrustStores() {
    }

    static final class Keys implements TrustKeyStore {
        final List<TrustKey> keys = new ArrayList<>();
        int reads;

        @Override
        public List<TrustKey> findAll() {
            reads++;
            return List.copyOf(keys);
        }

        @Override
        public boolean addIfAbsent(TrustKey key) {
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

    static final class Devices implements TrustedDeviceStore {
        final Map<String, TrustedDevice> byId = new LinkedHashMap<>();

        @Override
        public void create(TrustedDevice device) {
            if (byId.putIfAbsent(device.deviceId(), device) != null) {
                throw new IllegalArgumentException("exists");
            }
        }

        @Override
        public Optional<TrustedDevice> find(String deviceId) {
            return Optional.ofNullable(byId.get(deviceId));
        }

        @Override
        public boolean touch(String deviceId, Instant lastSeenAt) {
            TrustedDevice d = byId.get(deviceId);
            if (d == null || d.isRevoked()) {
                return false;
            }
            byId.put(deviceId, new TrustedDevice(d.deviceId(), d.user(), d.createdAt(), lastSeenAt, d.userAgent(),
                    d.expiresAt(), null));
            return true;
        }

        @Override
        public List<TrustedDevice> listByUser(String user) {
            return byId.values().stream().filter(d -> d.user().equals(user))
                    .sorted(Comparator.comparing(TrustedDevice::createdAt).reversed()).toList();
        }

        @Override
        public boolean revoke(String user, String deviceId, Instant at) {
            TrustedDevice d = byId.get(deviceId);
            if (d == null || !d.user().equals(user) || d.isRevoked()) {
                return false;
            }
            byId.put(deviceId, new TrustedDevice(d.deviceId(), d.user(), d.createdAt(), d.lastSeenAt(), d.userAgent(),
                    d.expiresAt(), at));
            return true;
        }

        @Override
        public int revokeAll(String user, Instant at) {
            int n = 0;
            for (TrustedDevice d : List.copyOf(byId.values())) {
                if (revoke(user, d.deviceId(), at)) {
                    n++;
                }
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
