package dev.stepwise.mfa.store;

/** The push subscription store contract on Postgres. */
class PostgresPushSubscriptionStoreTest extends PushSubscriptionStoreContractTest {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
