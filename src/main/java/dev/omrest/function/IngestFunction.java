package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.openmetadata.RetryPolicy;
import dev.omrest.pipeline.IngestPipeline;
import dev.omrest.report.IngestReport;
import dev.omrest.write.Sinks;
import dev.omrest.write.WriteSettings;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

import java.time.Clock;

/** Lambda entry point: one invocation ingests one OpenAPI spec described by an upstream-shaped workflow config. */
public class IngestFunction {

    @Inject
    FunctionConfig config;

    @Inject
    Clock clock;

    @Funq
    public IngestReport ingest(JsonNode payload) {
        WriteSettings settings = new WriteSettings(config.write().parallelism(), config.write().perEntityParallelism(),
                config.write().adaptive(),
                // a call may retry for as long as the run has left: the run's budget is the only limit
                new RetryPolicy(config.retry().maxRetries(), config.retry().baseDelay(), config.retry().maxDelay(),
                        config.run().deadline()),
                config.run().deadline(), config.openmetadata().requestTimeout(), config.write().maxBulkBytes(),
                config.write().gzip());
        return new IngestPipeline(PayloadReaders.deployment(config), PayloadReaders.deploymentLimits(config),
                (target, budget) -> Sinks.open(target, settings, PayloadReaders.reach(config), budget), config.run().deadline(),
                clock).run(payload);
    }
}
