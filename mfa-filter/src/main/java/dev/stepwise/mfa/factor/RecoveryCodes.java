package dev.stepwise.mfa.factor;

import java.util.List;

/**
 * A factor's capability to hand out single-use recovery codes (the built-in {@code recovery} factor). The
 * settings page shows how many are left and makes a new set; the attempt unit tells the application how many are
 * left after one was used (an {@code MfaEvent.RecoveryCodeUsed}).
 */
public interface RecoveryCodes {

    /**
     * How many unused codes {@code user} has.
     *
     * @param user the user name (the container's caller principal name)
     * @return how many unused codes {@code user} has
     */
    int remaining(String user);

    /**
     * Makes a new set for {@code user}, replacing every old code; the returned list is the only copy of the
     * plain codes (the caller required a fresh factor first).
     *
     * @param user the user name (the container's caller principal name)
     * @return the string values
     */
    List<String> replaceCodes(String user);
}
