package dev.stepwise.mfa.store;

/** {@link StoreRoundTripsTest} on MariaDB at 127.0.0.1:3306; fails, never skips, when it is not there. */
class MariaDbStoreRoundTripsTest extends StoreRoundTripsTest {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.mariadb();
    }
}
