package dev.stepwise.mfa.store;

/** The store contract on H2 in memory (the embedded default of Payara Micro is H2 too). */
class H2StoreContractTest extends StoreContractTest {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2();
    }
}
