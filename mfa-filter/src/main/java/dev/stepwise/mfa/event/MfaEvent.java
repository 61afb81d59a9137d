package dev.stepwise.mfa.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Audit events of the MFA lifecycle, fired as CDI events. Observe one type or all of them:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class MfaAudit {
 *     void onAny(@Observes MfaEvent e) { auditLog.store(e.user(), e.at(), e.toString()); }
 *     void onFailure(@Observes MfaEvent.FactorFailed e) { metrics.increment("mfa.failed"); }
 * }
 * }</pre>
 *
 * <p>Events carry who, when, from where and which factor, never a secret, a code or a cookie value.
 */
public sealed interface MfaEvent {

    /** The user the event is about. */
    String user();

    /** When it happened (the library's clock). */
    Instant at();

    /** The client's address as the library determined it; empty when unknown. */
    String clientAddress();

    /**
     * A challenge was issued: the user was sent to the challenge page or an API client got a 401.
     *
     * @param factors what the user may prove
     * @param reason  the requirement's reason key, or empty
     * @param target  the context-relative path that asked
     */
    record ChallengeIssued(String user, Instant at, String clientAddress, List<String> factors, String reason,
                           String target) implements MfaEvent {
        public ChallengeIssued {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(at, "at");
            factors = List.copyOf(factors);
        }
    }

    /** A factor was verified; the session id has been rotated. */
    record FactorVerified(String user, Instant at, String clientAddress, String factorId) implements MfaEvent {
        public FactorVerified {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(factorId, "factorId");
        }
    }

    /** A factor was tried and refused. */
    record FactorFailed(String user, Instant at, String clientAddress, String factorId) implements MfaEvent {
        public FactorFailed {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(factorId, "factorId");
        }
    }
}
