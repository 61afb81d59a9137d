package dev.stepwise.mfa.store;

/**
 * {@link TotpCodeCheckAttackTest} on MariaDB at 127.0.0.1:3306 (a database of its own per test), where the first
 * attempt of an account is counted by an update and an insert before the key is read in a statement of its own;
 * fails, never skips, when the server is not there.
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
