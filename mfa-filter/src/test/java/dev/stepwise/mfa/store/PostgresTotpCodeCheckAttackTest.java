package dev.stepwise.mfa.store;

/**
 * {@link TotpCodeCheckAttackTest} on the tests' PostgreSQL ({@link dev.stepwise.mfa.testing.TestPostgres}; a schema
 * of its own per test), where the count and the read of the key with its hold are one statement with a
 * data-modifying {@code WITH}, as on H2 with {@code FINAL TABLE}.
 */
class PostgresTotpCodeCheckAttackTest extends TotpCodeCheckAttackTest {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
