package dev.omrest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.config.PayloadReader;
import dev.omrest.config.SecretReferences;
import dev.omrest.config.SinkTarget;
import dev.omrest.openmetadata.CurrentState;
import dev.omrest.plan.Plan;
import dev.omrest.report.IngestReport;
import dev.omrest.source.FetchLimits;
import dev.omrest.write.Deleted;
import dev.omrest.write.Written;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The pipeline runs the stages itself: read, then (after fetch, parse, map and plan) write, then delete; and every run
 * closes its sink (and with it the REST client a server sink holds), whatever the run's outcome.
 */
class SinkLifecycleTest {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    /** A file sink that records what the pipeline asks of it. */
    private final class RecordingSink extends FileBackedSink {
        RecordingSink(Path path) {
            super(path);
        }

        @Override
        public CurrentState read(String serviceName) {
            events.add("read");
            return super.read(serviceName);
        }

        @Override
        public Written write(Plan plan, boolean overrideMetadata) {
            events.add("write");
            return super.write(plan, overrideMetadata);
        }

        @Override
        public Deleted delete(Plan plan) {
            events.add("delete");
            return super.delete(plan);
        }

        @Override
        public void close() {
            events.add("close");
        }
    }

    private IngestReport run(String specPath, Path output) throws IOException {
        ObjectNode payload = (ObjectNode) new ObjectMapper().readTree(Path.of("examples/petstore-file-sink.json").toFile());
        ((ObjectNode) payload.at("/source/serviceConnection/config/openAPISchemaConnection"))
                .put("openAPISchemaFilePath", specPath);
        ((ObjectNode) payload.at("/sink/config")).put("filename", output.toString());
        IngestPipeline pipeline = new IngestPipeline(new PayloadReader(SecretReferences.environmentOnly()),
                FetchLimits.DEFAULT, (target, budget) -> new RecordingSink(((SinkTarget.File) target).path()), Duration.ofMinutes(1),
                Clock.systemUTC());
        return pipeline.run((JsonNode) payload);
    }

    @Test
    void aCompleteRunClosesItsSinkLast() throws IOException {
        Path output = Files.createTempDirectory("sink-lifecycle").resolve("out.json");
        assertEquals(IngestReport.SUCCESS, run("examples/specs/petstore.yaml", output).status());
        assertEquals(List.of("read", "write", "delete", "close"), events);
    }

    @Test
    void aRunThatFailsClosesItsSinkToo() throws IOException {
        Path output = Files.createTempDirectory("sink-lifecycle").resolve("out.json");
        IngestReport report = run("examples/specs/no-such-file.yaml", output);
        assertEquals(IngestReport.FAILED, report.status());
        assertEquals(List.of("read", "close"), events);
    }
}
