package dev.omrest.openmetadata;

/**
 * Body of {@code POST /v1/services/ingestionPipelines/logs/{fqn}/{runId}} (2.0 servers): a batch of a run's log lines,
 * as upstream's streamable logger sends them, uncompressed.
 */
public record PipelineLogs(String logs, long timestamp, String connectorId, boolean compressed, int lineCount) {
}
