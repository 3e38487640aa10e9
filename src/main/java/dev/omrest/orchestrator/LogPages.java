package dev.omrest.orchestrator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A run's log as the UI's log viewer reads it from {@code last_dag_logs}: text, in pages,
 * {@code {"<task_id>": page, "total": pages, "after": next}} with {@code after} only while pages remain, as the Airflow
 * plugin answers. Its pages are 2,000,000 characters; here they are half that: the page travels JSON-escaped twice
 * (the answer, then the function URL's envelope) and a Lambda answer is at most 6 MB.
 */
final class LogPages {
    static final int PAGE = 1_000_000;
    /** The most of a run's log read back: a run's log is a few hundred lines; a runaway one is cut here. */
    static final int MAX_CHARS = 20 * PAGE;
    /** The longest a log read may take: the function answers the UI, which waits. */
    static final java.time.Duration MAX_READ = java.time.Duration.ofSeconds(20);

    private LogPages() {
    }

    /** JSON log lines (Lambda's format) as {@code time LEVEL logger - message}; other lines as they are. */
    static String text(List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(readable(line.strip())).append('\n');
        }
        return text.toString();
    }

    private static String readable(String line) {
        if (!line.startsWith("{")) {
            return line;
        }
        try {
            JsonNode json = Reply.JSON.readTree(line);
            String logger = json.path("loggerName").asText("");
            String text = json.path("timestamp").asText("") + " " + json.path("level").asText("") + " "
                    + logger.substring(logger.lastIndexOf('.') + 1) + " - " + json.path("message").asText("");
            JsonNode exception = json.path("exception");
            return exception.isMissingNode() ? text : text + "\n" + exception.path("exceptionType").asText("")
                    + ": " + exception.path("message").asText("");
        } catch (JsonProcessingException e) {
            return line;
        }
    }

    /** @param after the page wanted (0-based), or null/blank for the first */
    static ObjectNode page(String taskId, String text, String after) {
        int total = Math.max(1, (text.length() + PAGE - 1) / PAGE);
        int index;
        try {
            index = after == null || after.isBlank() ? 0 : Integer.parseInt(after.strip());
        } catch (NumberFormatException e) {
            throw BadRequest.of("after '" + after + "' is not a page number");
        }
        if (index < 0 || index >= total) {
            throw BadRequest.of("after " + index + " is out of range: the log has " + total + " pages");
        }
        ObjectNode answer = Reply.JSON.createObjectNode();
        answer.put(taskId, text.substring(index * PAGE, Math.min(text.length(), (index + 1) * PAGE)));
        answer.put("total", total);
        if (index + 1 < total) {
            answer.put("after", index + 1);
        }
        return answer;
    }
}
