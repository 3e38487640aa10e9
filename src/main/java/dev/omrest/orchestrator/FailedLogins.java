package dev.omrest.orchestrator;

import dev.omrest.report.RunLog;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Counts refused credentials over the last minute and logs each refusal with that count ({@code mdc.event =
 * failedAuth}), so an alarm on the log can tell a guessing caller from a mistyped password. What was sent is never
 * logged.
 */
final class FailedLogins {
    private static final Logger LOG = Logger.getLogger(FailedLogins.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private final Deque<Instant> recent = new ArrayDeque<>();

    /** @return refusals within the last minute (in this environment), this one included */
    synchronized int refused(Instant now, String path, String sourceIp) {
        recent.addLast(now);
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(WINDOW))) {
            recent.removeFirst();
        }
        int count = recent.size();
        RunLog.withFields(Map.of("event", "failedAuth",
                        "failedAuthLastMinute", String.valueOf(count), "sourceIp", String.valueOf(sourceIp)),
                () -> LOG.warnf("pipelineService refused the credentials of a call to %s from %s (%d in the last minute)",
                        path, sourceIp, count));
        return count;
    }
}
