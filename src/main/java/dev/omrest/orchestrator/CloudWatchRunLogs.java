package dev.omrest.orchestrator;

import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's lines in {@code ingest}'s log group: every line of a run recorded on a pipeline carries its run id (in the
 * JSON log's {@code mdc}), so a quoted-term filter on the id finds them, across the group's streams.
 */
public final class CloudWatchRunLogs implements RunLogs {
    private final CloudWatchLogsClient logs;
    private final String group;

    public CloudWatchRunLogs(CloudWatchLogsClient logs, String group) {
        this.logs = logs;
        this.group = group;
    }

    @Override
    public List<String> lines(String runId, long sinceMillis, int maxChars) {
        List<String> lines = new ArrayList<>();
        int chars = 0;
        String next = null;
        do {
            String token = next;
            FilterLogEventsResponse page = logs.filterLogEvents(r -> r.logGroupName(group)
                    .filterPattern("\"" + runId + "\"").startTime(sinceMillis).nextToken(token));
            for (FilteredLogEvent event : page.events()) {
                chars += event.message().length();
                if (chars > maxChars) {
                    return lines;
                }
                lines.add(event.message());
            }
            next = page.nextToken();
        } while (next != null);
        return lines;
    }
}
