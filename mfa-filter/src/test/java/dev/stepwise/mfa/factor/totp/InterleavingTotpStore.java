package dev.stepwise.mfa.factor.totp;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A store shared with "another node" that lets a test act between a read and the write that follows it: after
 * each {@link #find} (numbered from 1) it runs the hook, then returns what it read before. Everything else goes
 * straight to the shared store.
 */
public final class InterleavingTotpStore implements TotpCredentialStore {

    private final TotpCredentialStore shared;
    private final AtomicInteger reads = new AtomicInteger();
    private volatile IntConsumer afterFind = n -> { };

    public InterleavingTotpStore(TotpCredentialStore shared) {
        this.shared = shared;
    }

    /** Runs {@code hook} with the number of each later {@link #find}, after it has read. */
    public void afterFind(IntConsumer hook) {
        afterFind = hook;
    }

    /** Runs {@code meanwhile} once, after the next {@link #find} has read. */
    public void onceAfterNextFind(Runnable meanwhile) {
        int next = reads.get() + 1;
        afterFind(n -> {
            if (n == next) {
                meanwhile.run();
            }
        });
    }

    @Override
    public Optional<TotpCredential> find(String user) {
        Optional<TotpCredential> read = shared.find(user);
        afterFind.accept(reads.incrementAndGet());
        return read;
    }

    @Override
    public void save(TotpCredential credential) {
        shared.save(credential);
    }

    @Override
    public boolean saveUnlessActive(TotpCredential credential) {
        return shared.saveUnlessActive(credential);
    }

    @Override
    public boolean activatePending(TotpCredential pending, long acceptedStep) {
        return shared.activatePending(pending, acceptedStep);
    }

    @Override
    public void delete(String user) {
        shared.delete(user);
    }

    @Override
    public boolean advanceLastStep(String user, long step) {
        return shared.advanceLastStep(user, step);
    }
}
