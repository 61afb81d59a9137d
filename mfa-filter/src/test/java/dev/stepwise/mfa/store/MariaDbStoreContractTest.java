package dev.stepwise.mfa.store;

/**
 * The store contract on MariaDB at 127.0.0.1:3306 (user {@code root}, no password), in a database of its own that
 * is dropped afterwards. Fails, never skips, when the server is not there: CI guarantees it.
 */
class MariaDbStoreContractTest extends StoreContractTest {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.mariadb();
    }
}
