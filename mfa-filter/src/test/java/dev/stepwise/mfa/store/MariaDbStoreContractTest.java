package dev.stepwise.mfa.store;

import dev.stepwise.mfa.testing.NeedsMariaDb;

/**
 * The store contract on the tests' MariaDB ({@link dev.stepwise.mfa.testing.TestMariaDb}), in a database of its own
 * that is dropped afterwards. A named server must answer; with none named and nothing on 127.0.0.1:3306 the class is
 * skipped.
 */
@NeedsMariaDb
class MariaDbStoreContractTest extends StoreContractTest {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.mariadb();
    }
}
