package dev.stepwise.mfa.store;

/**
 * The store contract on PostgreSQL at 127.0.0.1:5432 (database {@code test}, user {@code postgres}), in a schema of
 * its own that is dropped afterwards. Fails, never skips, when the server is not there: CI guarantees it.
 */
class PostgresStoreContractTest extends StoreContractTest {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
