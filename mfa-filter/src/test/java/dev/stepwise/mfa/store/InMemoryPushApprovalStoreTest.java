package dev.stepwise.mfa.store;

/** The push approval store contract in memory. */
class InMemoryPushApprovalStoreTest extends PushApprovalStoreContractTest {
    @Override
    TestDatabase newDatabase() {
        return null;
    }
}
