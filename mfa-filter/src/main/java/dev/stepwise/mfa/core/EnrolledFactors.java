package dev.stepwise.mfa.core;

import java.util.Set;

/**
 * Which factors a user has enrolled. The policy asks only when the session's own state does not already
 * decide, so a granted request never reaches the store.
 */
@FunctionalInterface
public interface EnrolledFactors {

    /** Ids of the factors {@code user} has enrolled. */
    Set<String> of(String user);
}
