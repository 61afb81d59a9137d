package dev.stepwise.mfa.factor.push;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link PushSubscriptionStore} in memory: for tests and a single node. Each user's list is changed under a
 * lock on the map entry, so a burst of registrations never exceeds the limit.
 *
 * <pre>{@code
 * PushSubscriptionStore store = new InMemoryPushSubscriptionStore();
 * }</pre>
 */
public final class InMemoryPushSubscriptionStore implements PushSubscriptionStore {

    private static final Comparator<StoredPushSubscription> OLDEST_FIRST =
            Comparator.comparing(StoredPushSubscription::created).thenComparing(StoredPushSubscription::id);

    private final Map<String, List<StoredPushSubscription>> byUser = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryPushSubscriptionStore() {
        // nothing stored yet
    }

    @Override
    public List<StoredPushSubscription> subscriptions(String user) {
        Objects.requireNonNull(user, "user");
        List<StoredPushSubscription> list = byUser.get(user);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return list.stream().sorted(OLDEST_FIRST).toList();
        }
    }

    @Override
    public boolean add(String user, StoredPushSubscription subscription, int max) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(subscription, "subscription");
        boolean[] added = {false};
        byUser.compute(user, (u, list) -> {
            List<StoredPushSubscription> next = list == null ? new ArrayList<>() : list;
            synchronized (next) {
                int existing = indexOf(next, subscription.id());
                if (existing >= 0) {
                    next.set(existing, subscription);
                    added[0] = true;
                } else if (next.size() < max) {
                    next.add(subscription);
                    added[0] = true;
                }
            }
            return next;
        });
        return added[0];
    }

    @Override
    public boolean remove(String user, String id) {
        Objects.requireNonNull(user, "user");
        List<StoredPushSubscription> list = byUser.get(user);
        if (list == null) {
            return false;
        }
        synchronized (list) {
            int index = indexOf(list, id);
            if (index < 0) {
                return false;
            }
            list.remove(index);
            return true;
        }
    }

    @Override
    public int removeAll(String user) {
        List<StoredPushSubscription> list = byUser.remove(Objects.requireNonNull(user, "user"));
        if (list == null) {
            return 0;
        }
        synchronized (list) {
            return list.size();
        }
    }

    private static int indexOf(List<StoredPushSubscription> list, String id) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "InMemoryPushSubscriptionStore[" + byUser.size() + " users]";
    }
}
