package dev.stepwise.mfa.cdi;

import dev.stepwise.mfa.event.AuditLine;
import dev.stepwise.mfa.event.MfaEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The default audit trail: one line per {@link MfaEvent} through {@code System.Logger} (the container owns the
 * output), e.g. {@code mfa event=factor-failed user=alice factor=totp ip=203.0.113.7 ua="Firefox on Linux"}.
 * Values are quoted and escaped, so a user name cannot forge a second line; no code or secret is in any event.
 * Applications add their own observers for storage or alerts.
 */
@ApplicationScoped
public class AuditLog {

    private static final System.Logger LOG = System.getLogger("dev.stepwise.mfa.audit");

    void log(@Observes MfaEvent event) {
        // one per attempt beside factor-failed/verified, for metrics: only when asked for
        System.Logger.Level level = event instanceof MfaEvent.FactorChecked ? System.Logger.Level.DEBUG
                : System.Logger.Level.INFO;
        if (LOG.isLoggable(level)) {
            LOG.log(level, AuditLine.format(event));
        }
    }
}
