package dev.omrest.report;

import dev.omrest.outcome.EntityCounts;
import dev.omrest.outcome.Notice;
import dev.omrest.config.Redact;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One summary line per run; errors one line each. Reports never hold credentials, so neither do these lines.
 * The summary's figures also travel as MDC fields, so the JSON log format (on in Lambda) carries them as
 * queryable keys ({@code mdc.status}, {@code mdc.apiEndpoint.created}, …) next to the readable message.
 */
public final class RunLog {
    static final String CATEGORY = "dev.omrest.ingest";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private RunLog() {
    }

    public static IngestReport log(IngestReport report) {
        withFields(summaryFields(report), () -> {
            String line = summaryLine(report);
            if (IngestReport.FAILED.equals(report.status())) {
                LOG.error(line);
            } else {
                LOG.info(line);
            }
        });
        report.errors().forEach(e -> LOG.warnf("ingest error entity=%s: %s", e.entity(), e.message()));
        return report;
    }

    /**
     * An error no stage expected (a bug, or a library failing in a way it does not document): the report says what it
     * was in one line, the log has the whole stack trace to debug it from, with the run's service as an MDC field. Its
     * messages are shown as {@link Redact#text} shows text, since nothing says what an unexpected exception quotes.
     */
    public static void unexpected(String service, Throwable error) {
        withFields(Map.of("event", "unexpectedError", "service", String.valueOf(service)),
                () -> LOG.error("ingest service=" + service + " failed unexpectedly", redacted(error, true)));
    }

    /**
     * How many write calls a run gave the server at once: a limit cut far below the most allowed says the server was
     * the bottleneck ({@code mdc.event = writeCallsInFlight}, the figures as MDC fields too).
     */
    public static void callsInFlight(String server, int most, int ended, int lowestAfterCuts) {
        withFields(Map.of("event", "writeCallsInFlight", "callsInFlightMax", String.valueOf(most),
                        "callsInFlightEnded", String.valueOf(ended), "callsInFlightLowest", String.valueOf(lowestAfterCuts)),
                () -> LOG.infof("write calls in flight at %s: at most %d, ended at %d, lowest after cuts %d", server, most,
                        ended, lowestAfterCuts));
    }

    /** MDC fields on every line logged by this thread until closed: the pipeline and run a run is recorded as. */
    public static Scope scope(String ingestionPipeline, String runId) {
        if (runId == null) {
            return () -> { };
        }
        MDC.put("ingestionPipeline", ingestionPipeline);
        MDC.put("runId", runId);
        return () -> {
            MDC.remove("ingestionPipeline");
            MDC.remove("runId");
        };
    }

    /** Ends a {@link #scope}. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** One line logged with these MDC fields, which the JSON log format carries as {@code mdc.<key>}. */
    public static void withFields(Map<String, String> fields, Runnable line) {
        fields.forEach(MDC::put);
        try {
            line.run();
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }

    /** What a report says of an unexpected error: its type and its message as {@link Redact#text} shows it. */
    public static String unexpectedMessage(Throwable error) {
        return "Unexpected error: " + error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + Redact.text(error.getMessage()));
    }

    /**
     * The same chain of exceptions and stack frames, each message redacted ({@code withMessages}) or left out (for
     * errors raised on a caller's payload, whose text is the caller's).
     */
    public static Throwable redacted(Throwable error, boolean withMessages) {
        return redacted(error, withMessages, 0);
    }

    private static Throwable redacted(Throwable error, boolean withMessages, int depth) {
        String type = error.getClass().getName();
        String message = !withMessages || error.getMessage() == null ? type : type + ": " + Redact.text(error.getMessage());
        Throwable cause = error.getCause() != null && error.getCause() != error && depth < 16
                ? redacted(error.getCause(), withMessages, depth + 1) : null;
        Throwable copy = new RedactedThrowable(message, cause);
        copy.setStackTrace(error.getStackTrace());
        return copy;
    }

    /** A logged stand-in for an exception: its type and redacted message as the message, its frames, its causes. */
    static final class RedactedThrowable extends Throwable {
        RedactedThrowable(String message, Throwable cause) {
            super(message, cause, false, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    static Map<String, String> summaryFields(IngestReport report) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("event", "ingestSummary");
        fields.put("service", String.valueOf(report.service()));
        fields.put("status", report.status());
        if (report.counts() != null) {
            report.counts().forEach((kind, c) -> {
                fields.put(kind + ".created", String.valueOf(c.created()));
                fields.put(kind + ".updated", String.valueOf(c.updated()));
                fields.put(kind + ".restored", String.valueOf(c.restored()));
                fields.put(kind + ".unchanged", String.valueOf(c.unchanged()));
                fields.put(kind + ".failed", String.valueOf(c.failed()));
                fields.put(kind + ".deleted", String.valueOf(c.deleted()));
            });
        }
        if (report.requests() != null) {
            fields.put("requests", String.valueOf(report.requests()));
            fields.put("retries", String.valueOf(report.retries()));
        }
        fields.put("warnings", String.valueOf(report.warnings().size()));
        fields.put("errors", String.valueOf(report.errors().size()));
        Long total = report.durationsMillis() == null ? null : report.durationsMillis().get("total");
        if (total != null) {
            fields.put("durationMs", String.valueOf(total));
        }
        return fields;
    }

    private static String summaryLine(IngestReport report) {
        StringBuilder line = new StringBuilder("ingest service=").append(report.service())
                .append(" status=").append(report.status());
        if (report.counts() != null) {
            for (Map.Entry<String, EntityCounts> kind : report.counts().entrySet()) {
                EntityCounts c = kind.getValue();
                line.append(' ').append(kind.getKey()).append("[created=").append(c.created())
                        .append(" updated=").append(c.updated()).append(" restored=").append(c.restored())
                        .append(" unchanged=").append(c.unchanged()).append(" failed=").append(c.failed())
                        .append(" skipped=").append(c.skipped())
                        .append(" filtered=").append(c.filtered()).append(" deleted=").append(c.deleted()).append(']');
            }
        }
        if (report.requests() != null) {
            line.append(" requests=").append(report.requests()).append(" retries=").append(report.retries());
        }
        return line.append(" warnings=").append(report.warnings().size()).append(" errors=").append(report.errors().size())
                .append(" durationsMs=").append(report.durationsMillis()).toString();
    }
}
