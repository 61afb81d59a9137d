package dev.stepwise.mfa.store;

import dev.stepwise.mfa.testing.NeedsMariaDb;

/** The push subscription store contract on MariaDb. */
@NeedsMariaDb
class MariaDbPushSubscriptionStoreTest extends PushSubscriptionStoreContractTest {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.mariadb();
    }
}
