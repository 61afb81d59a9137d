package dev.stepwise.mfa.bench.micro;

import dev.stepwise.mfa.factor.recovery.RecoveryCodeHash;
import dev.stepwise.mfa.factor.recovery.RecoveryCodeStore;

import java.util.List;

/**
 * One user's recovery code hashes, in memory; {@link #consume} succeeds without removing the code, so that every
 * call of the benchmark checks the same ten stored codes.
 */
final class ReusableRecoveryStore implements RecoveryCodeStore {

    private volatile List<RecoveryCodeHash> hashes = List.of();

    @Override
    public void replaceAll(String user, List<RecoveryCodeHash> newHashes) {
        hashes = List.copyOf(newHashes);
    }

    @Override
    public List<RecoveryCodeHash> list(String user) {
        return hashes;
    }

    @Override
    public boolean consume(String user, String hashId) {
        return hashes.stream().anyMatch(h -> h.id().equals(hashId));
    }

    @Override
    public int remaining(String user) {
        return hashes.size();
    }
}
