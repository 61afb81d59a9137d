package dev.stepwise.mfa.core.exemption;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An administrator's temporary exemption of one user from MFA: "alice lost her phone; let her sign in without a
 * second factor for 24 hours so she can set up a new one". It ends by itself at {@code until}.
 *
 * <p>What it waives is decided by {@code MfaPolicy}: session MFA (the login policy, role-less
 * {@code @RequiresMfa}) and the step-up for enrolling a new factor — but never a {@code @StepUp} on a risky action,
 * never a requirement that names a role the user has, and never for a user in a role that must always use MFA.
 *
 * <pre>{@code
 * MfaExemption e = MfaExemption.grant("alice", "bob", "lost phone, ticket 4711",
 *         Duration.ofHours(24), clock.instant(), MfaExemption.DEFAULT_MAX_DURATION);
 * exemptions.save(e);
 * events.fire(new MfaEvent.AdminAction(new EventHeader("alice", now, ip, ua), "bob", AdminAction.Action.EXEMPT,
 *         e.reason(), e.until()));
 * }</pre>
 *
 * @param user      who is exempted
 * @param until     when the exemption ends (exclusive)
 * @param reason    why, as the administrator wrote it (audit only; 1 to {@value #MAX_REASON} characters)
 * @param grantedBy the administrator who granted it
 * @param createdAt when it was granted
 */
public record MfaExemption(String user, Instant until, String reason, String grantedBy, Instant createdAt) {

    /** Longest reason kept. */
    public static final int MAX_REASON = 500;

    /** Default of {@code stepwise.mfa.exemption.max-duration}: an exemption is for getting back in, not a setting. */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofDays(7);

    /**
     * Checks the components.
     * @param user who is exempted
     * @param until when the exemption ends (exclusive)
     * @param reason why, as the administrator wrote it (audit only; 1 to {@value #MAX_REASON} characters)
     * @param grantedBy the administrator who granted it
     * @param createdAt when it was granted
     */
    public MfaExemption {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(grantedBy, "grantedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!until.isAfter(createdAt)) {
            throw new IllegalArgumentException("an exemption must end after it was granted");
        }
        if (reason.isBlank() || reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("an exemption needs a reason of 1 to " + MAX_REASON + " characters");
        }
    }

    /**
     * A new exemption, checked the way an administration page must check it.
     *
     * @param user        who is exempted
     * @param admin       who grants it; not {@code user} (nobody exempts themselves)
     * @param reason      why, for the audit trail; required
     * @param duration    how long, positive and at most {@code maxDuration}
     * @param now         the library's clock
     * @param maxDuration the longest exemption allowed ({@code stepwise.mfa.exemption.max-duration})
     * @return a new exemption, checked the way an administration page must check it
     * @throws IllegalArgumentException when one of those rules is broken (the message says which)
     */
    public static MfaExemption grant(String user, String admin, String reason, Duration duration, Instant now,
                                     Duration maxDuration) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (user.equals(admin)) {
            throw new IllegalArgumentException("an administrator cannot exempt themselves");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("an exemption needs a positive duration, was " + duration);
        }
        if (duration.compareTo(maxDuration) > 0) {
            throw new IllegalArgumentException("an exemption may last at most " + maxDuration + ", was " + duration);
        }
        return new MfaExemption(user, now.plus(duration), reason == null ? "" : reason.strip(), admin, now);
    }

    /**
     * Whether the exemption holds at {@code now}: from {@code createdAt} (inclusive) to {@code until} (exclusive).
     *
     * @param now the library's clock
     * @return whether the exemption holds at {@code now}: from {@code createdAt} (inclusive) to {@code until} (exclusive)
     */
    public boolean isActiveAt(Instant now) {
        return !now.isBefore(createdAt) && now.isBefore(until);
    }
}
