package dev.omrest.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.config.RunIds;
import dev.omrest.openmetadata.BotCalls;
import dev.omrest.openmetadata.PipelineStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/** deploy, trigger, enable/disable, kill, delete, queued status and logs of one ingestion pipeline ({@code dag_id}). */
final class PipelineOperations {
    private static final Set<String> UNFINISHED = Set.of("queued", "running");

    private final OrchestratorSettings settings;
    private final Supplier<BotCalls> bot;
    private final Schedules schedules;
    private final Runs runs;
    private final RunLogs logs;
    private final Clock clock;

    PipelineOperations(OrchestratorSettings settings, Supplier<BotCalls> bot, Schedules schedules, Runs runs,
                       RunLogs logs, Clock clock) {
        this.settings = settings;
        this.bot = bot;
        this.schedules = schedules;
        this.runs = runs;
        this.logs = logs;
        this.clock = clock;
    }

    /** The IngestionPipeline the server sends, as a schedule whose input names the pipeline. */
    Reply deploy(ObjectNode pipeline) {
        String name = required(pipeline, "name");
        String fqn = required(pipeline, "fullyQualifiedName");
        String type = pipeline.path("pipelineType").asText("");
        if (!type.equals("metadata")) {
            throw BadRequest.of("pipelineType '" + type + "' is not supported: this orchestrator runs the metadata "
                    + "ingestion of API services (REST) only");
        }
        String serviceType = pipeline.path("service").path("type").asText("");
        if (!serviceType.equals("apiService")) {
            throw BadRequest.of("service.type '" + serviceType + "' is not supported: this orchestrator runs the "
                    + "metadata ingestion of API services (REST) only");
        }
        String server = pipeline.path("openMetadataServerConnection").path("hostPort").asText(null);
        if (server != null && !OrchestratorSettings.withoutTrailingSlash(server).equals(settings.server())) {
            throw BadRequest.of("The pipeline names OpenMetadata at " + server + ", but this orchestrator serves "
                    + settings.server() + " only (check the server's SERVER_HOST_API_URL)");
        }
        JsonNode airflow = pipeline.path("airflowConfig");
        String interval = airflow.path("scheduleInterval").asText("");
        boolean onDemand = interval.isBlank();
        boolean enabled = pipeline.path("enabled").asBoolean(true) && !airflow.path("pausePipeline").asBoolean(false);
        String dagId = DagIds.clean(name);
        ObjectNode input = Reply.JSON.createObjectNode().put("ingestionPipelineFQN", fqn)
                .put("openMetadataServer", settings.server()).put("trigger", "schedule");
        schedules.put(new PipelineSchedule(DagIds.scheduleName(dagId),
                onDemand ? PipelineSchedule.ON_DEMAND : ScheduleExpressions.of(interval),
                airflow.path("pipelineTimezone").asText("UTC"),
                onDemand ? null : instant(airflow.get("startDate"), "airflowConfig.startDate"),
                onDemand ? null : instant(airflow.get("endDate"), "airflowConfig.endDate"),
                enabled && !onDemand, input.toString()));
        return Reply.message(200, "Workflow [" + dagId + "] has been created");
    }

    /** A run now: its {@code queued} status first (the UI shows it at once), then {@code ingest}, asynchronously. */
    Reply trigger(String dagId) {
        PipelineSchedule schedule = deployed(dagId);
        ObjectNode input = input(schedule);
        String fqn = input.path("ingestionPipelineFQN").asText();
        String runId = UUID.randomUUID().toString();
        input.put("trigger", "manual").put("pipelineRunId", runId);
        long now = clock.millis();
        try (BotCalls calls = bot.get()) {
            calls.putStatus(fqn, new PipelineStatus(runId, "queued", now, now, null, null));
            try {
                runs.start(settings.ingestFunction(), input.toString());
            } catch (RuntimeException e) {
                calls.putStatus(fqn, new PipelineStatus(runId, "failed", now, clock.millis(), clock.millis(), null));
                throw new BadRequest(500, "The run could not be started: " + e.getMessage());
            }
        }
        return Reply.of(200, Reply.JSON.createObjectNode()
                .put("message", "Workflow [" + dagId + "] has been triggered").put("runId", runId));
    }

    Reply enable(String dagId, boolean on) {
        PipelineSchedule schedule = deployed(dagId);
        schedules.put(schedule.withEnabled(on));
        return Reply.message(200, "Workflow [" + dagId + "] has been " + (on ? "enabled" : "disabled")
                + (schedule.onDemand() ? " (on demand only: it has no schedule)" : ""));
    }

    /**
     * Marks the pipeline's queued and running runs {@code stopped}. A run reads its status every few seconds and stops
     * starting writes when it sees this; a queued run that has not begun does not begin. The runs are those the pipeline
     * entity shows (its latest on 1.6, the latest few on 2.0): listing a pipeline's statuses would make the server ask
     * this orchestrator for its queued runs, a call back into this function while it is busy answering.
     */
    Reply kill(String dagId) {
        String fqn = deployedFqn(dagId);
        long now = clock.millis();
        int stopped = 0;
        try (BotCalls calls = bot.get()) {
            for (JsonNode status : recentRuns(calls, fqn)) {
                if (UNFINISHED.contains(status.path("pipelineState").asText())) {
                    long start = status.path("startDate").asLong(now);
                    calls.putStatus(fqn, new PipelineStatus(status.path("runId").asText(), "stopped", start, now, now, null));
                    stopped++;
                }
            }
        }
        return Reply.of(200, Reply.JSON.createObjectNode()
                .put("message", "Workflow [" + dagId + "] has been killed").put("stoppedRuns", stopped));
    }

    Reply delete(String dagId) {
        if (!schedules.delete(DagIds.scheduleName(dagId))) {
            throw BadRequest.notDeployed(dagId);
        }
        return Reply.message(200, "DAG [" + dagId + "] has been deleted");
    }

    /**
     * Runs triggered but not started: none to add. A trigger records its run's {@code queued} status in OpenMetadata
     * itself, which the server merges with this answer, so answering it again would show it twice.
     */
    Reply queued(String dagId) {
        deployed(dagId);
        return Reply.of(200, Reply.JSON.createArrayNode());
    }

    /** The runs the pipeline entity shows, newest first: 1.6 answers the latest status, 2.0 the latest few. */
    private static List<JsonNode> recentRuns(BotCalls calls, String fqn) {
        JsonNode statuses = calls.pipeline(fqn).map(p -> p.path("pipelineStatuses")).orElse(Reply.JSON.missingNode());
        List<JsonNode> runs = new ArrayList<>();
        (statuses.isArray() ? statuses : List.of(statuses)).forEach(run -> {
            if (run.has("runId")) {
                runs.add(run);
            }
        });
        return runs;
    }

    Reply lastLogs(String dagId, String taskId, String after) {
        if (taskId == null || taskId.isBlank()) {
            throw BadRequest.of("Missing task_id");
        }
        String fqn = deployedFqn(dagId);
        JsonNode latest;
        try (BotCalls calls = bot.get()) {
            latest = recentRuns(calls, fqn).stream().findFirst()
                    .orElseThrow(() -> new BadRequest(404, "No runs found for [" + dagId + "]"));
        }
        String runId = latest.path("runId").asText();
        if (!RunIds.valid(runId)) {
            throw new BadRequest(404, "The latest run of [" + dagId + "] was not started here (its id is not a UUID)");
        }
        // a minute either side covers the clocks of two machines; a run still going has lines until now
        Duration margin = Duration.ofMinutes(1);
        Instant from = Instant.ofEpochMilli(latest.path("startDate").asLong(clock.millis())).minus(margin);
        Instant to = latest.hasNonNull("endDate") ? Instant.ofEpochMilli(latest.path("endDate").asLong()).plus(margin)
                : clock.instant().plus(margin);
        List<String> lines = logs.lines(fqn, runId, from, to, LogPages.MAX_CHARS, LogPages.MAX_READ);
        return Reply.of(200, LogPages.page(taskId, LogPages.text(lines), after));
    }

    private PipelineSchedule deployed(String dagId) {
        return schedules.get(DagIds.scheduleName(dagId)).orElseThrow(() -> BadRequest.notDeployed(dagId));
    }

    /** The FQN of the pipeline a deployed dag id names (its schedule's input holds it). */
    private String deployedFqn(String dagId) {
        return input(deployed(dagId)).path("ingestionPipelineFQN").asText();
    }

    private static ObjectNode input(PipelineSchedule schedule) {
        return PipelineServiceSurface.object(schedule.input());
    }

    private static String required(JsonNode pipeline, String field) {
        String value = pipeline.path(field).asText("");
        if (value.isBlank()) {
            throw BadRequest.of("The IngestionPipeline has no " + field);
        }
        return value;
    }

    /** The server sends dates as ISO strings (six decimals) or epoch milliseconds, depending on the path. */
    static Instant instant(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        try {
            return OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw BadRequest.of(field + " '" + value.asText() + "' is not a date");
        }
    }
}
