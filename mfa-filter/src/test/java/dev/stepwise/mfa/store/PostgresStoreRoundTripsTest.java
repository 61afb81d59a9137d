package dev.stepwise.mfa.store;

/** {@link StoreRoundTripsTest} on PostgreSQL at 127.0.0.1:5432; fails, never skips, when it is not there. */
class PostgresStoreRoundTripsTest extends StoreRoundTripsTest {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
