package dev.stepwise.sample;

import dev.stepwise.mfa.event.AuditLine;
import dev.stepwise.mfa.event.MfaEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The sample keeps the last MFA audit events in memory and shows them on the admin page. */
@ApplicationScoped
public class AuditTrail {

    private static final int KEEP = 200;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /**
     * One kept event, as the admin page's table shows it.
     *
     * @param when when it happened, in UTC ({@code 2026-12-05 10:00:00 UTC})
     * @param event the event's name in the log ({@code factor-failed})
     * @param user whom it is about
     * @param failure whether it tells of something refused or failed (the page marks it)
     * @param line the whole log line ({@link AuditLine#format}), with every field of the event
     */
    public record Entry(String when, String event, String user, boolean failure, String line) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    void record(@Observes MfaEvent event) {
        if (event instanceof MfaEvent.FactorChecked) {
            return; // one per attempt beside factor-failed/verified, for metrics: not kept here
        }
        String name = AuditLine.name(event);
        Entry entry = new Entry(event.at() == null ? "" : WHEN.format(event.at()), name, event.user(),
                name.contains("fail") || name.contains("refused") || name.contains("locked")
                        || name.contains("clone"), AuditLine.format(event));
        synchronized (entries) {
            entries.addFirst(entry);
            while (entries.size() > KEEP) {
                entries.removeLast();
            }
        }
    }

    /** The kept events, newest first. */
    public List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** The kept events' log lines, newest first. */
    public List<String> recent() {
        return entries().stream().map(Entry::line).toList();
    }
}
