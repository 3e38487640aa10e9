package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.config.InvalidPayloadException;
import dev.omrest.config.PayloadReader;
import dev.omrest.config.UnchangedCheck;
import dev.omrest.config.Secret;
import dev.omrest.openmetadata.BotCalls;
import dev.omrest.openmetadata.OpenMetadataException;
import dev.omrest.openmetadata.PipelineStatus;
import dev.omrest.openmetadata.RetryPolicy;
import dev.omrest.orchestrator.OrchestratorSettings;
import dev.omrest.orchestrator.PipelineReference;
import dev.omrest.pipeline.IngestPipeline;
import dev.omrest.report.IngestReport;
import dev.omrest.report.RunLog;
import dev.omrest.source.FetchLimits;
import dev.omrest.write.Sinks;
import dev.omrest.write.WriteSettings;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Lambda entry point: one invocation ingests one OpenAPI spec, described by an upstream-shaped workflow config, or by a
 * reference to an ingestion pipeline in OpenMetadata (what pipelineService's schedules and triggers send).
 */
public class IngestFunction {

    @Inject
    FunctionConfig config;

    @Inject
    Clock clock;

    /** A deployment default no payload could say fails the start, naming the variable, not every run later. */
    void checkSettings(@Observes StartupEvent start) {
        unchangedCheck(config.run());
    }

    @Funq
    public IngestReport ingest(JsonNode payload) {
        if (PipelineReference.is(payload)) {
            return byReference(payload);
        }
        return pipeline(PayloadReaders.deployment(config), PayloadReaders.deploymentLimits(config)).run(payload);
    }

    /**
     * The workflow config is built from OpenMetadata, as upstream's workers build it. Only the configured server gets
     * the bot's JWT; the connection its users wrote is read as an HTTP caller's payload is (no secret references, no
     * local files).
     */
    private IngestReport byReference(JsonNode payload) {
        PipelineServiceWiring wiring = PipelineServiceWiring.of(config, clock);
        List<String> missing = wiring.missing(false);
        if (!missing.isEmpty()) {
            return IngestPipeline.notRun(null, List.of("ingest by pipeline reference is not configured: set "
                    + String.join(", ", missing)));
        }
        PipelineReference reference;
        try {
            reference = PipelineReference.of(payload);
        } catch (InvalidPayloadException e) {
            return IngestPipeline.notRun(null, e.problems());
        }
        String server = OrchestratorSettings.withoutTrailingSlash(wiring.server().toString());
        if (!OrchestratorSettings.withoutTrailingSlash(reference.server()).equals(server)) {
            return IngestPipeline.notRun(reference.pipelineFqn(), List.of("the reference names OpenMetadata at "
                    + reference.server() + "; this function serves " + server + " only"));
        }
        // the run's lines name it from here on, so that last_dag_logs finds a run that fails before it starts too
        try (RunLog.Scope scope = RunLog.scope(reference.pipelineFqn(), reference.runId())) {
            Secret jwt = wiring.botJwt();
            ObjectNode workflowConfig;
            try (BotCalls bot = wiring.bot(jwt)) {
                try {
                    workflowConfig = reference.workflowConfig(bot, jwt);
                } catch (PipelineReference.Paused e) {
                    return IngestPipeline.skipped(reference.pipelineFqn(), e.getMessage());
                } catch (InvalidPayloadException | OpenMetadataException e) {
                    List<String> problems = e instanceof InvalidPayloadException invalid ? invalid.problems()
                            : List.of(e.getMessage());
                    failQuietly(bot, reference, problems);
                    return IngestPipeline.notRun(reference.pipelineFqn(), problems);
                }
            }
            IngestReport report = pipeline(PayloadReaders.openMetadataUsers(config), PayloadReaders.callerLimits(config))
                    .run(workflowConfig);
            if (report.runId() == null) {
                // it failed before its status was written (the connection is not usable): the queued status ends too
                try (BotCalls bot = wiring.bot(jwt)) {
                    failQuietly(bot, reference, report.errors().stream().map(e -> e.message()).toList());
                }
            }
            return report;
        }
    }

    /** A run that cannot start still ends its {@code queued} status, so the UI does not show it waiting for ever. */
    private void failQuietly(BotCalls bot, PipelineReference reference, List<String> problems) {
        long now = clock.millis();
        try {
            bot.putStatus(reference.pipelineFqn(), new PipelineStatus(reference.runId(), IngestReport.FAILED, now, now, now,
                    List.of(new PipelineStatus.StepSummary("Rest", 0, 0, 0, problems.size(), 0,
                            problems.stream().map(p -> new PipelineStatus.Failure(reference.pipelineFqn(), p)).toList()))));
        } catch (RuntimeException e) {
            // the pipeline may be gone, which is what the problem says already
        }
    }

    private IngestPipeline pipeline(PayloadReader payloads, FetchLimits limits) {
        WriteSettings settings = new WriteSettings(config.write().parallelism(), config.write().perEntityParallelism(),
                config.write().adaptive(),
                // a call may retry for as long as the run has left: the run's budget is the only limit
                new RetryPolicy(config.retry().maxRetries(), config.retry().baseDelay(), config.retry().maxDelay(),
                        config.run().deadline()),
                config.run().deadline(), config.openmetadata().requestTimeout(), config.write().maxBulkBytes(),
                config.write().gzip());
        return new IngestPipeline(payloads, limits,
                (target, budget) -> Sinks.open(target, settings, PayloadReaders.reach(config), budget), config.run().deadline(),
                clock, config.run().killCheck()).unchangedCheckByDefault(unchangedCheck(config.run()));
    }

    /** The deployment's default; one a payload could not say either is refused naming the variable. */
    static UnchangedCheck unchangedCheck(FunctionConfig.Run run) {
        UnchangedCheck.Mode mode = UnchangedCheck.Mode.fromText(run.unchangedCheck());
        if (mode == null) {
            throw new IllegalStateException("OMREST_RUN_UNCHANGED_CHECK must be listing or changeEvents, not '"
                    + run.unchangedCheck() + "'");
        }
        Duration maxAge = run.unchangedCheckMaxAge();
        if (maxAge.compareTo(Duration.ofHours(1)) < 0 || maxAge.compareTo(Duration.ofHours(UnchangedCheck.MAX_AGE_HOURS_LIMIT)) > 0) {
            throw new IllegalStateException("OMREST_RUN_UNCHANGED_CHECK_MAX_AGE must be from PT1H to PT"
                    + UnchangedCheck.MAX_AGE_HOURS_LIMIT + "H, not " + maxAge);
        }
        return new UnchangedCheck(mode, maxAge);
    }
}
