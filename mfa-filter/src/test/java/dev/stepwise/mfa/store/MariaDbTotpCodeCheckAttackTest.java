package dev.stepwise.mfa.store;

/**
 * {@link TotpCodeCheckAttackTest} on the tests' MariaDB ({@link dev.stepwise.mfa.testing.TestMariaDb}; a database of
 * its own per test), where the first attempt of an account is counted by an update and an insert before the key is
 * read (with its hold) in a statement of its own.
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

    /** The compare-and-set of the count, then the key read with its hold: one statement more than elsewhere. */
    @Override
    int statementsOfARightCode() {
        return 3;
    }

    /** The try from none is an update and an insert, and the count and the read are separate. */
    @Override
    int statementsOfARightCodeAfterAFailure() {
        return 6;
    }
}
