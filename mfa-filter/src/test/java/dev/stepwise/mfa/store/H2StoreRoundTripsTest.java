package dev.stepwise.mfa.store;

/** {@link StoreRoundTripsTest} on H2 in memory. */
class H2StoreRoundTripsTest extends StoreRoundTripsTest {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2();
    }
}
