package dev.stepwise.mfa.store;

/**
 * {@link TotpCodeCheckAttackTest} on the tests' MariaDB ({@link dev.stepwise.mfa.testing.TestMariaDb}; a database of
 * its own per test), where the first attempt of an account is counted by an update and an insert before the key is
 * read in a statement of its own.
 */
class MariaDbTotpCodeCheckAttackTest extends TotpCodeCheckAttackTest {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.mariadb();
    }

    @Override
    int statementsOfTheFirstCount() {
        return 2;
    }
}
