package dev.omrest.orchestrator;

import java.time.Instant;
import java.util.List;

/** The log lines of one run of {@code ingest}: CloudWatch Logs on Lambda. */
public interface RunLogs {

    /**
     * The lines of run {@code runId} of {@code pipelineFqn}, oldest first, logged between {@code from} and {@code to},
     * at most {@code maxChars} of them, read for no longer than {@code maxRead}.
     */
    List<String> lines(String pipelineFqn, String runId, Instant from, Instant to, int maxChars, java.time.Duration maxRead);
}
