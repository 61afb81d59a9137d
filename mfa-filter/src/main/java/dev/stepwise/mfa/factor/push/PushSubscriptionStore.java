package dev.stepwise.mfa.factor.push;

import java.util.List;

/**
 * Where the push subscriptions of users are kept: one entry per device, keyed by user and
 * {@linkplain StoredPushSubscription#id id}. Built in: {@link InMemoryPushSubscriptionStore} (tests, one node)
 * and the JDBC store (table {@code stepwise_push_subscription}). Implementations are thread-safe, and throw
 * {@link RuntimeException}s (the JDBC store's {@code StoreUnavailableException}) when they cannot answer, so
 * callers fail closed.
 *
 * <pre>{@code
 * store.add("alice", StoredPushSubscription.of(subscription, "Phone", now), PushSubscriptionStore.MAX_PER_USER);
 * for (StoredPushSubscription device : store.subscriptions("alice")) { ... }
 * store.remove("alice", device.id());
 * }</pre>
 */
public interface PushSubscriptionStore {

    /** The most devices one user may register. */
    int MAX_PER_USER = 10;

    /**
     * The user's subscriptions, oldest first (by registration time, then id).
     *
     * @param user the user name
     * @return the subscriptions, possibly empty
     */
    List<StoredPushSubscription> subscriptions(String user);

    /**
     * Adds a subscription, or replaces the user's entry with the same id (the same browser registering again),
     * in one atomic step.
     *
     * @param user         the user name
     * @param subscription the entry
     * @param max          the most entries the user may have
     * @return {@code false} if the user already has {@code max} other entries (nothing changed)
     */
    boolean add(String user, StoredPushSubscription subscription, int max);

    /**
     * Removes one of the user's subscriptions; another user's entry with the same id is never touched.
     *
     * @param user the user name
     * @param id   the entry's id
     * @return whether an entry was removed
     */
    boolean remove(String user, String id);

    /**
     * Removes all of the user's subscriptions.
     *
     * @param user the user name
     * @return how many were removed
     */
    int removeAll(String user);
}
