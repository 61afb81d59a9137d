package dev.stepwise.mfa.store;

/** The security questions contract on Postgres. */
class PostgresSecurityQuestionStoreContractTest extends SecurityQuestionStoreContractTest {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
