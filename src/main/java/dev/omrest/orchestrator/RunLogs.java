package dev.omrest.orchestrator;

import java.util.List;

/** The log lines of one run of {@code ingest}: CloudWatch Logs on Lambda. */
public interface RunLogs {

    /** The lines that name {@code runId}, oldest first, from {@code sinceMillis} on, at most {@code maxChars} of them. */
    List<String> lines(String runId, long sinceMillis, int maxChars);
}
