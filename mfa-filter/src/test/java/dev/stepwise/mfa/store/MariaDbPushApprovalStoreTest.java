package dev.stepwise.mfa.store;

import dev.stepwise.mfa.testing.NeedsMariaDb;

/** The push approval store contract on MariaDb. */
@NeedsMariaDb
class MariaDbPushApprovalStoreTest extends PushApprovalStoreContractTest {
    @Override
    TestDatabase newDatabase() {
        return TestDatabase.mariadb();
    }
}
