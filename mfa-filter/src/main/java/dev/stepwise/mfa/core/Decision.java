package dev.stepwise.mfa.core;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link Gatekeeper} and {@link MfaPolicy}: expected outcomes are values, not exceptions.
 */
public sealed interface Decision extends Serializable {

    /** The caller may go on. */
    record Granted(Why why) implements Decision {
        /** Why access was granted; useful in audit lines and tests. */
        public enum Why {
            /** The requirement does not apply to this caller (roles, login policy). */
            NOT_APPLICABLE,
            /** An acceptable factor was verified (recently enough). */
            FACTOR_VERIFIED,
            /** A valid "trust this device" grant satisfied the requirement. */
            TRUSTED_DEVICE,
            /**
             * An administrator's exemption waived what would otherwise have been a challenge or an enrolment
             * (session MFA only, never a step-up; see {@code MfaPolicy}). Worth an audit event each time.
             */
            EXEMPT
        }

        /**
         * Checks the components.
         * @param why nothing acceptable proven yet, or proven too long ago
         */
        public Granted {
            Objects.requireNonNull(why, "why");
        }
    }

    /**
     * The caller must prove one of {@code factors} (all enrolled and acceptable, in the application's order).
     *
     * @param factors     what the challenge page may offer
     * @param why         nothing acceptable proven yet, or proven too long ago
     * @param requirement the requirement that asked (its {@code maxAge} and {@code reason} reach the page)
     */
    record ChallengeRequired(List<String> factors, Why why, Requirement requirement) implements Decision {
        /** Why a challenge is needed. */
        public enum Why {
            /** No acceptable factor was verified in this session. */
            MISSING,
            /** An acceptable factor was verified, but longer ago than {@code maxAge}. */
            EXPIRED
        }

        /**
         * Checks the components and copies the mutable ones.
         * @param factors what the challenge page may offer
         * @param why nothing acceptable proven yet, or proven too long ago
         * @param requirement the requirement that asked (its {@code maxAge} and {@code reason} reach the page)
         */
        public ChallengeRequired {
            factors = List.copyOf(factors);
            if (factors.isEmpty()) {
                throw new IllegalArgumentException("a challenge needs at least one factor");
            }
            Objects.requireNonNull(why, "why");
            Objects.requireNonNull(requirement, "requirement");
        }

        /** {@return the freshness asked for, or {@code null} for session MFA} */
        public Duration maxAge() {
            return requirement.maxAge();
        }
    }

    /**
     * The caller must enrol one of {@code factors} first: they have none of the acceptable ones.
     */
    record EnrollmentRequired(List<String> factors, Requirement requirement) implements Decision {
        /**
         * Checks the components and copies the mutable ones.
         * @param factors what the challenge page may offer
         * @param requirement the requirement that asked (its {@code maxAge} and {@code reason} reach the page)
         */
        public EnrollmentRequired {
            factors = List.copyOf(factors);
            Objects.requireNonNull(requirement, "requirement");
        }
    }

    /**
     * No way through now.
     *
     * @param why   why access is denied
     * @param until when it may be tried again ({@link Why#LOCKED_OUT}: when the lockout ends), or {@code null}
     *              when waiting does not help or nobody knows
     */
    record Denied(Why why, Instant until) implements Decision {
        /** Why access is denied. */
        public enum Why {
            /** The requirement names no factor the application offers: a configuration error, failing closed. */
            NO_ACCEPTABLE_FACTOR,
            /**
             * Too many failed attempts: the account is locked until {@link Denied#until()}. The {@code Gatekeeper}
             * answers this instead of a challenge the user could not answer now.
             */
            LOCKED_OUT,
            /** A protected method was called without an authenticated caller: nobody to ask for a factor. */
            NO_CALLER,
            /**
             * A step-up whose only factors the user could prove were enrolled under an administrator's exemption
             * and are still on hold ({@code stepwise.mfa.exemption.enrol-hold}).
             */
            FACTOR_ON_HOLD,
            /**
             * An unsafe request from another site ({@link SiteOfOrigin}): neither run nor saved, whatever the
             * session has proven.
             */
            CROSS_SITE,
            /**
             * A location rule ({@code stepwise.mfa.location.rules}) refuses requests from where this one came:
             * no factor helps.
             */
            OUTSIDE_LOCATION
        }

        /**
         * Checks the components.
         * @param why why access is denied
         * @param until when it may be tried again ({@link Why#LOCKED_OUT}: when the lockout ends), or {@code null} when waiting does not help or nobody knows
         */
        public Denied {
            Objects.requireNonNull(why, "why");
        }

        /**
         * Denied for {@code why}, with no time to wait for.
         *
         * @param why nothing acceptable proven yet, or proven too long ago
         */
        public Denied(Why why) {
            this(why, null);
        }
    }

    /** {@return whether the caller may go on} */
    default boolean isGranted() {
        return this instanceof Granted;
    }
}
