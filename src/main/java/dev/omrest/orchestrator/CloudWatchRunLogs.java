package dev.omrest.orchestrator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's lines in {@code ingest}'s log group. Every line of a run recorded on a pipeline carries its pipeline and run
 * id (the JSON log's {@code mdc}): a quoted-term filter on the run id narrows the read to the run's time window, and
 * each line is kept only when both fields are the run's, since the id comes from a status OpenMetadata's users can
 * write and could name someone else's run.
 */
public final class CloudWatchRunLogs implements RunLogs {
    private final CloudWatchLogsClient logs;
    private final String group;

    public CloudWatchRunLogs(CloudWatchLogsClient logs, String group) {
        this.logs = logs;
        this.group = group;
    }

    @Override
    public List<String> lines(String pipelineFqn, String runId, Instant from, Instant to, int maxChars, Duration maxRead) {
        long end = System.nanoTime() + maxRead.toNanos();
        List<String> lines = new ArrayList<>();
        int chars = 0;
        String next = null;
        do {
            String token = next;
            FilterLogEventsResponse page = logs.filterLogEvents(r -> r.logGroupName(group)
                    .filterPattern("\"" + runId + "\"").startTime(from.toEpochMilli()).endTime(to.toEpochMilli())
                    .nextToken(token));
            for (FilteredLogEvent event : page.events()) {
                if (!ofRun(event.message(), pipelineFqn, runId)) {
                    continue;
                }
                chars += event.message().length();
                if (chars > maxChars) {
                    return lines;
                }
                lines.add(event.message());
            }
            next = page.nextToken();
        } while (next != null && System.nanoTime() < end);
        return lines;
    }

    private static boolean ofRun(String message, String pipelineFqn, String runId) {
        try {
            JsonNode mdc = Reply.JSON.readTree(message).path("mdc");
            return runId.equals(mdc.path("runId").asText()) && pipelineFqn.equals(mdc.path("ingestionPipeline").asText());
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
