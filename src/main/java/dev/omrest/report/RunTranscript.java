package dev.omrest.report;

import org.jboss.logmanager.ExtLogRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The lines a run's own thread logs while it is open, as text: what a 2.0 server's log storage gets, so that its UI
 * shows the run's log without asking the orchestrator. Lines are what the function logs anyway, which never hold a
 * secret; a run that logs more than {@value #MAX_LINES} lines keeps the first ones.
 */
public final class RunTranscript extends Handler implements AutoCloseable {
    static final int MAX_LINES = 10_000;
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final long thread = Thread.currentThread().getId();
    private final List<String> lines = new ArrayList<>();

    private RunTranscript() {
        setLevel(Level.INFO);
    }

    /** Starts keeping the calling thread's lines. */
    public static RunTranscript start() {
        RunTranscript transcript = new RunTranscript();
        Logger.getLogger("").addHandler(transcript);
        return transcript;
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLongThreadID() != thread || !isLoggable(record)) {
            return;
        }
        String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
        String line = Instant.ofEpochMilli(record.getMillis()) + " " + record.getLevel() + " "
                + logger.substring(logger.lastIndexOf('.') + 1) + " - " + message(record);
        synchronized (lines) {
            if (lines.size() < MAX_LINES) {
                lines.add(line);
            }
        }
    }

    /** JBoss Logging's records format their own parameters ({@code %s} as well as {@code {0}}). */
    private String message(LogRecord record) {
        return record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : formatter.formatMessage(record);
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
