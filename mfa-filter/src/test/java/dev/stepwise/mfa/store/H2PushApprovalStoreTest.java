package dev.stepwise.mfa.store;

/** The push approval store contract on H2. */
class H2PushApprovalStoreTest extends PushApprovalStoreContractTest {
    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2();
    }
}
