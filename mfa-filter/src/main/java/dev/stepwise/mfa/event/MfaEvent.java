package dev.stepwise.mfa.event;

import dev.stepwise.mfa.core.risk.RiskAssessment;
import dev.stepwise.mfa.core.risk.RiskLevel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Audit events of the MFA lifecycle, fired as CDI events. Observe one type or all of them:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class MfaAudit {
 *     void onAny(@Observes MfaEvent e) { auditLog.store(e.user(), e.at(), AuditLine.format(e)); }
 *     void onFailure(@Observes MfaEvent.FactorFailed e) { metrics.increment("mfa.failed"); }
 *     void onCodeUsed(@Observes MfaEvent.RecoveryCodeUsed e) { mailer.tellUser(e.user(), e.remaining()); }
 * }
 * }</pre>
 *
 * <p>Every event starts with its {@link EventHeader} (who, when, from which address and browser), read through
 * {@link #user()} and the accessors below, then has its own fields — never a secret, a code, a cookie value or the
 * adaptive device id. Text components are never {@code null}: unknown is empty.
 */
public sealed interface MfaEvent {

    /**
     * Who, when, from where: validated once, the same for every event.
     *
     * @return the event header
     */
    EventHeader header();

    /** {@return the user the event is about} */
    default String user() {
        return header().user();
    }

    /** {@return when it happened (the library's clock)} */
    default Instant at() {
        return header().at();
    }

    /** {@return the client's address as the library determined it; empty when unknown} */
    default String clientAddress() {
        return header().clientAddress();
    }

    /** {@return a short description of the client's browser ("Firefox on Linux"); empty when unknown} */
    default String userAgent() {
        return header().userAgent();
    }

    /**
     * A challenge was issued: the user was sent to the challenge page or an API client got a 401.
     *
     * @param factors what the user may prove
     * @param reason  the requirement's reason key, or empty
     * @param target  the context-relative path that asked
     */
    record ChallengeIssued(EventHeader header, List<String> factors, String reason, String target)
            implements MfaEvent {
        /**
         * Checks the components and copies the mutable ones.
         * @param header who, when and from where
         * @param factors what the user may prove
         * @param reason the requirement's reason key, or empty
         * @param target the context-relative path that asked
         */
        public ChallengeIssued {
            Objects.requireNonNull(header, "header");
            factors = List.copyOf(factors);
            reason = EventHeader.orEmpty(reason);
            target = EventHeader.orEmpty(target);
        }
    }

    /** A factor was verified; the session id has been rotated. */
    record FactorVerified(EventHeader header, String factorId) implements MfaEvent {
        /**
         * Checks the components.
         * @param header who, when and from where
         * @param factorId the factor the event is about
         */
        public FactorVerified {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(factorId, "factorId");
        }
    }

    /**
     * A factor was tried and refused.
     *
     * @param reason the message key the page showed (e.g. {@code stepwise.mfa.totp.invalid}) or empty, never input
     */
    record FactorFailed(EventHeader header, String factorId, String reason) implements MfaEvent {
        /**
         * Checks the components.
         * @param header who, when and from where
         * @param factorId the factor the event is about
         * @param reason the message key the page showed (e.g. {@code stepwise.mfa.totp.invalid}) or empty, never input
         */
        public FactorFailed {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(factorId, "factorId");
            reason = EventHeader.orEmpty(reason);
        }
    }

    /**
     * One attempt's check ran (the factor or the store answered, or failed to): how it ended and how long the check
     * itself took, on the library's clock. Fired by the attempt unit behind the challenge page and the API, next to
     * {@link FactorFailed} or before {@link FactorVerified}; meant for metrics, so the default audit log writes it at
     * DEBUG only. An attempt refused before any check (locked out) fires none.
     *
     * @param factorId the factor checked
     * @param outcome  {@value #VERIFIED}, {@value #REJECTED} or {@value #UNAVAILABLE}
     * @param took     how long the check took (never negative)
     */
    record FactorChecked(EventHeader header, String factorId, String outcome, Duration took) implements MfaEvent {
        /** The check accepted the input. */
        public static final String VERIFIED = "verified";
        /** The check refused the input. */
        public static final String REJECTED = "rejected";
        /** The factor or the store could not check (the attempt was not the user's failure). */
        public static final String UNAVAILABLE = "unavailable";

        /**
         * Checks the components.
         * @param header who, when and from where
         * @param factorId the factor checked
         * @param outcome {@value #VERIFIED}, {@value #REJECTED} or {@value #UNAVAILABLE}
         * @param took how long the check took; a negative duration (a clock set back) counts as zero
         */
        public FactorChecked {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(factorId, "factorId");
            if (!VERIFIED.equals(outcome) && !REJECTED.equals(outcome) && !UNAVAILABLE.equals(outcome)) {
                throw new IllegalArgumentException("unknown outcome: " + outcome);
            }
            took = took == null || took.isNegative() ? Duration.ZERO : took;
        }
    }

    /**
     * A signed-in user passed the second step with a trusted-device cookie instead of a factor (the device's
     * trust was checked against the store and is active).
     *
     * @param deviceId the server-side device record (not the cookie, which is signed)
     */
    record TrustedDeviceUsed(EventHeader header, String deviceId) implements MfaEvent {
        /**
         * Checks the components.
         * @param header who, when and from where
         * @param deviceId the server-side device record (not the cookie, which is signed)
         */
        public TrustedDeviceUsed {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(deviceId, "deviceId");
        }
    }

    /**
     * Too many failed attempts locked the account (fired once, by the failure that locked it).
     *
     * @param factorId    the factor of the attempt that locked it
     * @param failures    consecutive failures counted
     * @param lockedUntil when attempts are allowed again
     */
    record LockedOut(EventHeader header, String factorId, int failures, Instant lockedUntil) implements MfaEvent {
        /**
         * Checks the components.
         * @param header who, when and from where
         * @param factorId the factor of the attempt that locked it
         * @param failures consecutive failures counted
         * @param lockedUntil when attempts are allowed again
         */
        public LockedOut {
            Objects.requireNonNull(header, "header");
            factorId = EventHeader.orEmpty(factorId);
            Objects.requireNonNull(lockedUntil, "lockedUntil");
        }
    }

    /**
     * The user ticked "trust this device".
     *
     * @param deviceId  the server-side device record (not the cookie, which is signed)
     * @param expiresAt when the trust ends
     */
    record DeviceTrusted(EventHeader header, String deviceId, Instant expiresAt) implements MfaEvent {
        /**
         * Checks the components.
         * @param header who, when and from where
         * @param deviceId the server-side device record (not the cookie, which is signed)
         * @param expiresAt when the trust ends
         */
        public DeviceTrusted {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /**
     * Trusted devices were revoked.
     *
     * @param deviceId the device, or empty when all of the user's devices were revoked
     * @param reason   why, e.g. {@code user}, {@code password-change}, {@code admin}
     */
    record DeviceRevoked(EventHeader header, String deviceId, String reason) implements MfaEvent {
        /**
         * Checks the components.
         * @param header who, when and from where
         * @param deviceId the device, or empty when all of the user's devices were revoked
         * @param reason why, e.g. {@code user}, {@code password-change}, {@code admin}
         */
        public DeviceRevoked {
            Objects.requireNonNull(header, "header");
            deviceId = EventHeader.orEmpty(deviceId);
            reason = EventHeader.orEmpty(reason);
        }

        /** {@return whether every device of the user was revoked} */
        public boolean all() {
            return deviceId.isEmpty();
        }
    }

    /** A factor was set up (confirmed with a first successful proof). */
    record FactorEnrolled(EventHeader header, String factorId) implements MfaEvent {
        /**
         * Checks the components.
         * @param header who, when and from where
         * @param factorId the factor the event is about
         */
        public FactorEnrolled {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(factorId, "factorId");
        }
    }

    /**
     * A factor was set up while the user had an active administrator's exemption (which waives the step-up for adding
     * a factor). Whoever held the password could have done it: tell the user. Until {@code holdUntil} the factor does
     * not satisfy a step-up ({@code stepwise.mfa.exemption.enrol-hold}); the admin overview lists it.
     *
     * @param factorId  the factor enrolled
     * @param grantedBy the administrator who granted the exemption
     * @param holdUntil when the factor starts to count for step-ups
     */
    record FactorEnrolledUnderExemption(EventHeader header, String factorId, String grantedBy, Instant holdUntil)
            implements MfaEvent {
        /**
         * Checks the components.
         * @param header who, when and from where
         * @param factorId the factor enrolled
         * @param grantedBy the administrator who granted the exemption
         * @param holdUntil when the factor starts to count for step-ups
         */
        public FactorEnrolledUnderExemption {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(factorId, "factorId");
            Objects.requireNonNull(grantedBy, "grantedBy");
            Objects.requireNonNull(holdUntil, "holdUntil");
        }
    }

    /**
     * A factor was removed.
     *
     * @param reason who or what removed it, e.g. {@code user}, {@code admin-reset}
     */
    record FactorRemoved(EventHeader header, String factorId, String reason) implements MfaEvent {
        /**
         * Checks the components.
         * @param header who, when and from where
         * @param factorId the factor the event is about
         * @param reason who or what removed it, e.g. {@code user}, {@code admin-reset}
         */
        public FactorRemoved {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(factorId, "factorId");
            reason = EventHeader.orEmpty(reason);
        }
    }

    /**
     * A push approval was denied on the device's approval page: the wrong number chosen, or "This wasn't me"
     * (docs/push.md). It also counted as one failed attempt on the account.
     *
     * @param reason {@code wrong-number} or {@code not-me}
     */
    record PushDenied(EventHeader header, String factorId, String reason) implements MfaEvent {
        /**
         * Checks the components.
         * @param header who, when and from where (the device's address and browser)
         * @param factorId the factor, {@code push}
         * @param reason {@code wrong-number} or {@code not-me}
         */
        public PushDenied {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(factorId, "factorId");
            reason = EventHeader.orEmpty(reason);
        }
    }

    /**
     * The user gave one of their keys (a security key or passkey) another name on the settings page.
     *
     * @param factorId the factor the key belongs to, e.g. {@code webauthn}
     * @param name     the key's new name (the user's text; never the key's id or material)
     */
    record KeyRenamed(EventHeader header, String factorId, String name) implements MfaEvent {
        /**
         * Checks the components.
         * @param header who, when and from where
         * @param factorId the factor the key belongs to, e.g. {@code webauthn}
         * @param name the key's new name (the user's text; never the key's id or material)
         */
        public KeyRenamed {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(factorId, "factorId");
            name = EventHeader.orEmpty(name);
        }
    }

    /**
     * The user signed in with a passkey (user verification performed) on the library's passkey sign-in, and the
     * application's identity store accepted them: the passkey counts as both factors, so no challenge follows.
     *
     * @param factorId the factor the passkey belongs to, {@code webauthn}
     * @param name     the passkey's name (the user's text; never the key's id or material)
     */
    record PasskeySignIn(EventHeader header, String factorId, String name) implements MfaEvent {
        /**
         * Checks the components.
         * @param header who, when and from where
         * @param factorId the factor the passkey belongs to, {@code webauthn}
         * @param name the passkey's name (the user's text; never the key's id or material)
         */
        public PasskeySignIn {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(factorId, "factorId");
            name = EventHeader.orEmpty(name);
        }
    }

    /**
     * One of the user's keys (a security key or passkey) was removed; the factor stays while other keys remain
     * ({@link FactorRemoved} tells of removing the whole factor).
     *
     * @param factorId the factor the key belonged to, e.g. {@code webauthn}
     * @param name     the removed key's name (the user's text; never the key's id or material)
     * @param reason   who or what removed it, e.g. {@code by the user}
     */
    record KeyRemoved(EventHeader header, String factorId, String name, String reason) implements MfaEvent {
        /**
         * Checks the components.
         * @param header who, when and from where
         * @param factorId the factor the key belonged to, e.g. {@code webauthn}
         * @param name the removed key's name (the user's text; never the key's id or material)
         * @param reason who or what removed it, e.g. {@code by the user}
         */
        public KeyRemoved {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(factorId, "factorId");
            name = EventHeader.orEmpty(name);
            reason = EventHeader.orEmpty(reason);
        }
    }

    /**
     * A recovery code was used to sign in: tell the user (someone else may have their codes), and suggest new codes
     * when few remain.
     *
     * @param remaining unused codes left
     */
    record RecoveryCodeUsed(EventHeader header, int remaining) implements MfaEvent {
        /**
         * Checks the components.
         * @param header who, when and from where
         * @param remaining unused codes left
         */
        public RecoveryCodeUsed {
            Objects.requireNonNull(header, "header");
            if (remaining < 0) {
                throw new IllegalArgumentException("remaining must not be negative");
            }
        }
    }

    /**
     * New recovery codes were generated; all earlier ones are void.
     *
     * @param count how many new codes
     */
    record RecoveryCodesRegenerated(EventHeader header, int count) implements MfaEvent {
        /**
         * Checks the components.
         * @param header who, when and from where
         * @param count how many new codes
         */
        public RecoveryCodesRegenerated {
            Objects.requireNonNull(header, "header");
        }
    }

    /**
     * An administrator acted on a user's MFA. {@link #user()} is the user acted on, {@code admin} who acted;
     * address and browser are the administrator's.
     *
     * @param admin  the administrator
     * @param action what they did
     * @param reason why, as they wrote it
     * @param until  for {@link Action#EXEMPT}: when the exemption ends; otherwise {@code null}
     */
    record AdminAction(EventHeader header, String admin, Action action, String reason, Instant until)
            implements MfaEvent {
        /** What an administrator can do. */
        public enum Action {
            /** Removed all of the user's factors, recovery codes and trusted devices. */
            RESET_MFA,
            /** Exempted the user from MFA until {@code until}. */
            EXEMPT,
            /** Ended an exemption early. */
            END_EXEMPTION,
            /** Lifted a lockout. */
            UNLOCK,
            /** Revoked all of the user's trusted devices. */
            REVOKE_DEVICES;

            /**
             * Stable id for audit lines: the name in lower case with dashes, e.g. {@code reset-mfa}.
             *
             * @return the ID
             */
            public String id() {
                return name().toLowerCase(Locale.ROOT).replace('_', '-');
            }
        }

        /**
         * Checks the components.
         * @param header who, when and from where
         * @param admin the administrator
         * @param action what they did
         * @param reason why, as they wrote it
         * @param until for {@link Action#EXEMPT}: when the exemption ends; otherwise {@code null}
         */
        public AdminAction {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(admin, "admin");
            Objects.requireNonNull(action, "action");
            reason = EventHeader.orEmpty(reason);
            if (action == Action.EXEMPT) {
                Objects.requireNonNull(until, "until");
            }
        }
    }

    /**
     * An administrator's exemption let the user through where a challenge or an enrolment would otherwise have
     * been required ({@code Decision.Granted.Why.EXEMPT}).
     *
     * @param grantedBy the administrator who granted the exemption
     * @param until     when it ends
     * @param target    what was waived: {@code login} or the context-relative path
     */
    record ExemptionUsed(EventHeader header, String grantedBy, Instant until, String target) implements MfaEvent {
        /**
         * Checks the components.
         * @param header who, when and from where
         * @param grantedBy the administrator who granted the exemption
         * @param until when it ends
         * @param target what was waived: {@code login} or the context-relative path
         */
        public ExemptionUsed {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(grantedBy, "grantedBy");
            Objects.requireNonNull(until, "until");
            target = EventHeader.orEmpty(target);
        }
    }

    /**
     * A sign-in's risk was assessed ({@code stepwise.mfa.login=adaptive}).
     *
     * @param level      the combined level
     * @param reasons    the reason ids, e.g. {@code [new-device, long-absence]}
     * @param challenged whether a second factor was asked because of it
     */
    record RiskAssessed(EventHeader header, RiskLevel level, List<String> reasons, boolean challenged)
            implements MfaEvent {
        /**
         * Checks the components and copies the mutable ones.
         * @param header who, when and from where
         * @param level the combined level
         * @param reasons the reason ids, e.g. {@code [new-device, long-absence]}
         * @param challenged whether a second factor was asked because of it
         */
        public RiskAssessed {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(level, "level");
            reasons = List.copyOf(reasons);
        }

        /**
         * The event for {@code risk}: its level and reason ids only.
         *
         * @param header who, when and from where
         * @param risk the risk
         * @param challenged whether a second factor was asked because of it
         * @return the event for {@code risk}: its level and reason ids only
         */
        public static RiskAssessed of(EventHeader header, RiskAssessment risk, boolean challenged) {
            return new RiskAssessed(header, risk.level(), risk.reasonIds(), challenged);
        }
    }

    /**
     * An unsafe request from another site reached a protected endpoint and was refused before anything ran or
     * was saved: someone may be trying to make the user's browser act for them (cross-site request forgery).
     *
     * @param method the refused request's HTTP method
     * @param target the context-relative path it was sent to
     * @param origin the origin the browser named ({@code Origin}, {@code Referer} or {@code Sec-Fetch-Site}),
     *               shortened and printable
     */
    record CrossSiteRefused(EventHeader header, String method, String target, String origin) implements MfaEvent {
        /**
         * Checks the components.
         * @param header who, when and from where
         * @param method the refused request's HTTP method
         * @param target the context-relative path it was sent to
         * @param origin the origin the browser named ({@code Origin}, {@code Referer} or {@code Sec-Fetch-Site}), shortened and printable
         */
        public CrossSiteRefused {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(method, "method");
            target = EventHeader.orEmpty(target);
            origin = EventHeader.orEmpty(origin);
        }
    }

    /**
     * A location rule ({@code stepwise.mfa.location.rules}) did not allow a request: it was refused, or a fresh
     * factor was asked. The client address is in the header.
     *
     * @param outcome {@code deny} or {@code stepup}
     * @param reason  what the rule names: {@code network}, {@code country} or {@code location} (both)
     * @param target  the context-relative path of the request
     */
    record LocationRuleApplied(EventHeader header, String outcome, String reason, String target)
            implements MfaEvent {
        /**
         * Checks the components.
         * @param header who, when and from where
         * @param outcome {@code deny} or {@code stepup}
         * @param reason {@code network}, {@code country} or {@code location}
         * @param target the context-relative path of the request
         */
        public LocationRuleApplied {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(reason, "reason");
            target = EventHeader.orEmpty(target);
        }
    }
}
