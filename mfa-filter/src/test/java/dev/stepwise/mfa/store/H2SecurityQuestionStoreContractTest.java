package dev.stepwise.mfa.store;

/** The security questions contract on H2. */
class H2SecurityQuestionStoreContractTest extends SecurityQuestionStoreContractTest {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2();
    }
}
