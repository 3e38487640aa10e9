package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.pipeline.IngestPipeline;
import dev.omrest.report.IngestReport;
import dev.omrest.source.FetchLimits;
import dev.omrest.write.Sinks;
import dev.omrest.write.WriteSettings;
import io.quarkus.funqy.Funq;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** Lambda entry point: one invocation ingests one OpenAPI spec described by an upstream-shaped workflow config. */
public class IngestFunction {

    @ConfigProperty(name = "omrest.write.parallelism", defaultValue = "4")
    int parallelism;

    /** Keep this below the Lambda timeout: after it no new write starts and the run reports what is left. */
    @ConfigProperty(name = "omrest.run.deadline", defaultValue = "PT14M")
    Duration runDeadline;

    @ConfigProperty(name = "omrest.retry.max-retries", defaultValue = "5")
    int maxRetries;

    @ConfigProperty(name = "omrest.retry.base-delay", defaultValue = "PT0.2S")
    Duration retryBaseDelay;

    @ConfigProperty(name = "omrest.retry.max-delay", defaultValue = "PT10S")
    Duration retryMaxDelay;

    @ConfigProperty(name = "omrest.openmetadata.request-timeout", defaultValue = "PT120S")
    Duration requestTimeout;

    /** Lets spec URLs point at link-local and cloud metadata addresses; off unless a deployment really needs it. */
    @ConfigProperty(name = "omrest.fetch.allow-link-local", defaultValue = "false")
    boolean allowLinkLocal;

    /** Largest body of one bulk call; large schemas make 100 endpoints weigh many megabytes. */
    @ConfigProperty(name = "omrest.write.max-bulk-bytes", defaultValue = "8388608")
    long maxBulkBytes;

    @Funq
    public IngestReport ingest(JsonNode payload) {
        WriteSettings settings = new WriteSettings(parallelism,
                new WriteSettings.RetryPolicy(maxRetries, retryBaseDelay, retryMaxDelay, runDeadline), runDeadline, requestTimeout, maxBulkBytes);
        return new IngestPipeline(PayloadReaders.reader(), FetchLimits.withLinkLocal(allowLinkLocal), target -> Sinks.open(target, settings), runDeadline).run(payload);
    }
}
