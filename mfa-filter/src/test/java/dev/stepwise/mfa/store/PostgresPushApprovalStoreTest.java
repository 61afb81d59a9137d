package dev.stepwise.mfa.store;

/** The push approval store contract on Postgres. */
class PostgresPushApprovalStoreTest extends PushApprovalStoreContractTest {
    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
