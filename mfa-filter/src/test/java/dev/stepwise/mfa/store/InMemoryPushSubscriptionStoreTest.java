package dev.stepwise.mfa.store;

/** The push subscription store contract on InMemory. */
class InMemoryPushSubscriptionStoreTest extends PushSubscriptionStoreContractTest {

    @Override
    TestDatabase newDatabase() {
        return null;
    }
}
