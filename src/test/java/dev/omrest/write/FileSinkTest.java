package dev.omrest.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.config.PayloadReader;
import dev.omrest.config.SecretReferences;
import dev.omrest.pipeline.IngestPipeline;
import dev.omrest.report.IngestReport;
import dev.omrest.outcome.Notice;
import dev.omrest.source.FetchLimits;
import dev.omrest.support.Specs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The file sink says why a run wrote nothing, as the OpenMetadata sink does (issue 16, item 6). */
class FileSinkTest {

    @Test
    void aSpecWithoutOperationsWritesNothingAndSaysWhy(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("empty.json");
        Files.writeString(spec, """
                {"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {}}""");
        Path file = dir.resolve("out.json");
        ObjectNode payload = (ObjectNode) Specs.readJson(Files.readString(Path.of("examples/petstore-file-sink.json")));
        ((ObjectNode) payload.at("/source/serviceConnection/config/openAPISchemaConnection"))
                .put("openAPISchemaFilePath", spec.toString());
        ((ObjectNode) payload.at("/sink/config")).put("filename", file.toString());
        IngestReport report = new IngestPipeline(new PayloadReader(SecretReferences.environmentOnly()), FetchLimits.DEFAULT,
                (target, budget) -> new FileSink(file), Duration.ofMinutes(1), Clock.systemUTC()).run(payload);
        String service = payload.at("/source/serviceName").asText();
        assertEquals(List.of(new Notice(service, "Held back: the spec has no operations, so nothing was written")),
                report.warnings());
        assertFalse(report.serviceCreated());
        assertEquals(Specs.readJson("{\"apiService\": null, \"apiCollections\": [], \"apiEndpoints\": []}"),
                Specs.readJson(Files.readString(file)));
    }
}
