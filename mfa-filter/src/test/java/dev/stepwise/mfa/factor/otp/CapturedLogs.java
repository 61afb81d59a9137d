package dev.stepwise.mfa.factor.otp;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures every java.util.logging record (System.Logger writes there too) while open: the root logger at
 * {@code rootLevel}, the library's own loggers ({@code dev.stepwise}) at {@code ALL}. Each record is kept
 * fully formatted, thrown exception and its causes included, so a leak in a parameter or a stack trace is seen.
 */
public final class CapturedLogs implements AutoCloseable {

    private final Logger root = Logger.getLogger("");
    private final Logger library = Logger.getLogger("dev.stepwise");
    private final Level oldRootLevel = root.getLevel();
    private final Level oldLibraryLevel = library.getLevel();
    private final List<String> lines = new ArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder text = new StringBuilder(record.getLoggerName() + " " + record.getLevel() + " "
                    + formatter.formatMessage(record) + " " + record.getMessage());
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                text.append(" | ").append(t);
            }
            synchronized (lines) {
                lines.add(text.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLogs(Level rootLevel) {
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(rootLevel);
        library.setLevel(Level.ALL);
    }

    /** Root at INFO (what a production server logs), the library at ALL. */
    public static CapturedLogs start() {
        return new CapturedLogs(Level.INFO);
    }

    /** Everything from every logger, FINEST included. */
    public static CapturedLogs everything() {
        return new CapturedLogs(Level.ALL);
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** All captured output as one string. */
    public String text() {
        return String.join("\n", lines());
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        root.setLevel(oldRootLevel);
        library.setLevel(oldLibraryLevel);
    }
}
