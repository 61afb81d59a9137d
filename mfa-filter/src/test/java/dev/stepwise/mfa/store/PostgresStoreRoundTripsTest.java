package dev.stepwise.mfa.store;

/** {@link StoreRoundTripsTest} on the tests' PostgreSQL ({@link dev.stepwise.mfa.testing.TestPostgres}); never skipped. */
class PostgresStoreRoundTripsTest extends StoreRoundTripsTest {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
