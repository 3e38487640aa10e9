package dev.omrest.openmetadata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.budget.RunBudget;
import dev.omrest.config.Secret;
import dev.omrest.config.SinkTarget;
import dev.omrest.net.Reach;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the orchestrator side asks of the one OpenMetadata server it serves, with the ingestion bot's JWT: the server's
 * version, ingestion pipelines and their runs' statuses, services with their connections (a bot sees them unmasked),
 * test-connection workflows. Each call retries as the writes do, within {@code budget}.
 */
public final class BotCalls implements AutoCloseable {
    private final OpenMetadataApi api;
    private final ServerCalls calls;

    private BotCalls(OpenMetadataApi api, ServerCalls calls) {
        this.api = api;
        this.calls = calls;
    }

    public static BotCalls open(URI server, Secret jwt, Reach reach, Clock clock, Duration budget) {
        OpenMetadataApi api = OpenMetadataClients.create(new SinkTarget.OpenMetadata(server, jwt), budget, reach);
        // no grace after the budget: whoever waits on these calls (the server's client, a probe of 5 s) waits no longer
        return new BotCalls(api, new ServerCalls(server.toString(), RetryPolicy.DEFAULT,
                new RunBudget(clock, clock.instant().plus(budget), Duration.ZERO)));
    }

    public ServerVersion version() {
        return ServerVersion.parse(calls.require("Reading the OpenMetadata server's version", api::version)
                .body().path("version").asText(null));
    }

    /** The pipeline with its latest run's status ({@code pipelineStatuses}), or empty when there is none. */
    public Optional<JsonNode> pipeline(String fqn) {
        return found("Reading ingestion pipeline " + fqn, calls.call(() -> api.ingestionPipeline(fqn, "pipelineStatuses")));
    }

    /** The API service with its connection. */
    public Optional<JsonNode> apiService(String name) {
        return found("Reading API service " + name, calls.call(() -> api.apiService(name)));
    }

    public Optional<JsonNode> workflow(String name) {
        return found("Reading workflow " + name, calls.call(() -> api.workflow(name)));
    }

    public void putStatus(String fqn, PipelineStatus status) {
        calls.require("Recording run " + status.runId() + " of " + fqn, () -> api.putPipelineStatus(fqn, status));
    }

    public void patchWorkflow(String id, List<JsonPatchOperation> operations) {
        calls.require("Updating workflow " + id, () -> api.patchWorkflow(id, operations));
    }

    /** Adds lines to a run's log in the server's own log storage (2.0), then closes it. */
    public void pushLogs(String fqn, String runId, PipelineLogs logs) {
        calls.require("Sending the log of run " + runId, () -> api.pushLogs(fqn, runId, logs));
        calls.require("Closing the log of run " + runId, () -> api.closeLogs(fqn, runId));
    }

    private static Optional<JsonNode> found(String what, ServerCalls.Answer answer) {
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (!answer.ok()) {
            throw new OpenMetadataException(answer.status(), what + " failed: " + answer.problem());
        }
        return Optional.of(answer.body());
    }

    @Override
    public void close() {
        OpenMetadataClients.close(api);
    }
}
