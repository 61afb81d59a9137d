package dev.stepwise.mfa.store;

import dev.stepwise.mfa.testing.NeedsMariaDb;

/** {@link StoreRoundTripsTest} on the tests' MariaDB ({@link dev.stepwise.mfa.testing.TestMariaDb}). */
@NeedsMariaDb
class MariaDbStoreRoundTripsTest extends StoreRoundTripsTest {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.mariadb();
    }
}
