package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.pipeline.IngestPipeline;
import dev.omrest.report.IngestReport;
import dev.omrest.source.FetchLimits;
import dev.omrest.write.Sinks;
import io.quarkus.funqy.Funq;

/** Lambda entry point: one invocation ingests one OpenAPI spec described by an upstream-shaped workflow config. */
public class IngestFunction {
    private final IngestPipeline pipeline = new IngestPipeline(FetchLimits.DEFAULT, Sinks::open);

    @Funq
    public IngestReport ingest(JsonNode payload) {
        return pipeline.run(payload);
    }
}
