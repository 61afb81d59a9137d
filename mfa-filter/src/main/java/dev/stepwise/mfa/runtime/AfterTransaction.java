package dev.stepwise.mfa.runtime;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Runs an action once more when the caller's container transaction ends. A change the library stores inside an
 * application's JTA transaction (an {@code MfaAdministration} call from a transactional bean, on a JTA data
 * source) commits with that transaction, after the library has already told the facts cache: a request read in
 * between would otherwise keep the old value for the whole staleness bound (FactsInTransactionTest). Without a
 * container transaction (or without a container) nothing is registered. Not a bean, so no Jakarta Transactions
 * type is in a bean's signature.
 */
final class AfterTransaction {

    static final String REGISTRY = "java:comp/TransactionSynchronizationRegistry";

    private AfterTransaction() {
    }

    /** Runs {@code action} again after the transaction of this thread completes, if there is one. */
    static void alsoAfterCompletion(Runnable action) {
        TransactionSynchronizationRegistry registry;
        try {
            registry = (TransactionSynchronizationRegistry) new InitialContext().lookup(REGISTRY);
        } catch (NamingException | ClassCastException | LinkageError e) {
            return; // no container transactions here: the change is stored as it is made
        }
        try {
            if (registry == null || registry.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
                return;
            }
            registry.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // nothing before: the write is not visible to others until after the commit
                }

                @Override
                public void afterCompletion(int status) {
                    action.run();
                }
            });
        } catch (IllegalStateException e) {
            // the transaction is already completing: its end is near, and the action ran before it
        }
    }
}
