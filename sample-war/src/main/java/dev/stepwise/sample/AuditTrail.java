package dev.stepwise.sample;

import dev.stepwise.mfa.event.AuditLine;
import dev.stepwise.mfa.event.MfaEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The sample keeps the last MFA audit events in memory and shows them on the admin page. */
@ApplicationScoped
public class AuditTrail {

    private static final int KEEP = 200;
    private final Deque<String> lines = new ArrayDeque<>();

    void record(@Observes MfaEvent event) {
        if (event instanceof MfaEvent.FactorChecked) {
            return; // one per attempt beside factor-failed/verified, for metrics: not kept here
        }
        synchronized (lines) {
            lines.addFirst(AuditLine.format(event));
            while (lines.size() > KEEP) {
                lines.removeLast();
            }
        }
    }

    /** Newest first. */
    public List<String> recent() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }
}
