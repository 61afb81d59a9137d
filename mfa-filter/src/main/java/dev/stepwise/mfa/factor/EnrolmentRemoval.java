package dev.stepwise.mfa.factor;

/**
 * A factor's capability to forget what a user set up (an authenticator app, security keys, recovery codes), so
 * that the user can enrol again. The caller decides whether the removal is allowed (a fresh factor first, never
 * below the login policy: docs/security-model.md); the settings page and {@code MfaAdministration} use it
 * through {@code factor.capability(EnrolmentRemoval.class)}.
 */
public interface EnrolmentRemoval {

    /**
     * Removes every enrolment of {@code user} with this factor; nothing happens when there is none.
     *
     * @param user the user name (the container's caller principal name)
     */
    void removeEnrolment(String user);
}
