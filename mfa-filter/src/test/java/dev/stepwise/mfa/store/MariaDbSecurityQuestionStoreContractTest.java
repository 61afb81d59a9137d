package dev.stepwise.mfa.store;

import dev.stepwise.mfa.testing.NeedsMariaDb;

/** The security questions contract on MariaDB (skipped as the store contract is when no server answers). */
@NeedsMariaDb
class MariaDbSecurityQuestionStoreContractTest extends SecurityQuestionStoreContractTest {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.mariadb();
    }
}
