package dev.stepwise.mfa.store;

/**
 * The store contract on the tests' PostgreSQL ({@link dev.stepwise.mfa.testing.TestPostgres}: the named server, or an
 * embedded one), in a schema of its own that is dropped afterwards. Never skipped.
 */
class PostgresStoreContractTest extends StoreContractTest {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
