package dev.stepwise.mfa.store;

/** The push subscription store contract on H2. */
class H2PushSubscriptionStoreTest extends PushSubscriptionStoreContractTest {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2();
    }
}
