package dev.omrest.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.config.InvalidPayloadException;
import dev.omrest.config.Secret;
import dev.omrest.openmetadata.BotCalls;

import java.util.List;
import java.util.UUID;

/**
 * What a schedule or a trigger invokes {@code ingest} with: a reference to an ingestion pipeline, not a workflow config.
 * The config is built the way upstream's Airflow workers build it ({@code build_source}): the pipeline and its service's
 * connection are read from OpenMetadata with the bot's JWT, so nothing but names travels through the scheduler.
 */
public final class PipelineReference {
    private final String pipelineFqn;
    private final String server;
    private final boolean manual;
    private final String runId;

    private PipelineReference(String pipelineFqn, String server, boolean manual, String runId) {
        this.pipelineFqn = pipelineFqn;
        this.server = server;
        this.manual = manual;
        this.runId = runId;
    }

    /** Whether the payload is a reference (it names a pipeline and has no {@code source} of its own). */
    public static boolean is(JsonNode payload) {
        return payload != null && payload.isObject() && payload.has("ingestionPipelineFQN") && !payload.has("source");
    }

    public static PipelineReference of(JsonNode payload) {
        String fqn = payload.path("ingestionPipelineFQN").asText("");
        String server = payload.path("openMetadataServer").asText("");
        if (fqn.isBlank() || server.isBlank()) {
            throw new InvalidPayloadException(List.of("a pipeline reference needs ingestionPipelineFQN and openMetadataServer"));
        }
        JsonNode runId = payload.get("pipelineRunId");
        return new PipelineReference(fqn, server, "manual".equals(payload.path("trigger").asText()),
                runId == null || runId.isNull() ? UUID.randomUUID().toString() : runId.asText());
    }

    public String pipelineFqn() {
        return pipelineFqn;
    }

    /** The server the reference names; the caller checks it is the one it may send the bot's JWT to. */
    public String server() {
        return server;
    }

    /**
     * The workflow config of this run: the pipeline's {@code sourceConfig}, its service's connection, the bot as the
     * server's credentials.
     *
     * @throws InvalidPayloadException naming why the pipeline cannot run (gone, paused, not an API service's metadata)
     */
    public ObjectNode workflowConfig(BotCalls bot, Secret jwt) {
        JsonNode pipeline = bot.pipeline(pipelineFqn).orElseThrow(() -> problem("ingestion pipeline " + pipelineFqn
                + " does not exist in OpenMetadata (deleted?): delete its schedule or deploy it again"));
        if (!pipeline.path("pipelineType").asText().equals("metadata")) {
            throw problem("ingestion pipeline " + pipelineFqn + " is not a metadata pipeline");
        }
        if (!manual && !pipeline.path("enabled").asBoolean(true)) {
            throw new Paused("ingestion pipeline " + pipelineFqn + " is paused in OpenMetadata: its scheduled run does not run");
        }
        JsonNode reference = pipeline.path("service");
        String serviceName = reference.path("name").asText("");
        // by FQN: a service whose name has a dot has a quoted FQN, and the name alone would not be found
        String serviceFqn = reference.path("fullyQualifiedName").asText(serviceName);
        JsonNode service = bot.apiService(serviceFqn).orElseThrow(() -> problem("API service '" + serviceName
                + "' of ingestion pipeline " + pipelineFqn + " does not exist in OpenMetadata"));
        JsonNode connection = service.path("connection").path("config");
        if (!connection.isObject()) {
            throw problem("API service '" + serviceName + "' has no connection to ingest from");
        }
        ObjectNode config = Reply.JSON.createObjectNode();
        ObjectNode source = config.putObject("source");
        source.put("type", service.path("serviceType").asText("Rest").toLowerCase(java.util.Locale.ROOT));
        source.put("serviceName", serviceName);
        source.putObject("serviceConnection").set("config", connection.deepCopy());
        JsonNode sourceConfig = pipeline.path("sourceConfig");
        source.set("sourceConfig", sourceConfig.isObject() ? sourceConfig.deepCopy()
                : Reply.JSON.createObjectNode().set("config", Reply.JSON.createObjectNode().put("type", "ApiMetadata")));
        config.putObject("sink").put("type", "metadata-rest").putObject("config");
        ObjectNode workflow = config.putObject("workflowConfig");
        workflow.put("loggerLevel", pipeline.path("loggerLevel").asText("INFO"));
        workflow.putObject("openMetadataServerConfig").put("hostPort", server).put("authProvider", "openmetadata")
                .putObject("securityConfig").put("jwtToken", jwt.reveal());
        config.put("ingestionPipelineFQN", pipelineFqn);
        config.put("pipelineRunId", runId);
        config.put("enableStreamableLogs", pipeline.path("enableStreamableLogs").asBoolean(false));
        return config;
    }

    /** The run id the run is recorded under: the trigger's, or a fresh one for a scheduled run. */
    public String runId() {
        return runId;
    }

    /** A scheduled run of a pipeline paused in OpenMetadata: nothing runs and nothing is recorded, as upstream. */
    public static final class Paused extends RuntimeException {
        Paused(String message) {
            super(message);
        }
    }

    private static InvalidPayloadException problem(String message) {
        return new InvalidPayloadException(List.of(message));
    }
}
