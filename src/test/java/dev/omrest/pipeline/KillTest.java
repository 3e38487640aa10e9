package dev.omrest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.budget.RunBudget;
import dev.omrest.config.PayloadReader;
import dev.omrest.config.SecretReferences;
import dev.omrest.config.SinkTarget;
import dev.omrest.openmetadata.CurrentState;
import dev.omrest.openmetadata.OpenMetadataException;
import dev.omrest.openmetadata.RunStatus;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A run recorded on a pipeline stops when its status says it was killed: wherever the kill finds it, it starts nothing
 * new, deletes nothing, and ends {@code stopped}.
 */
class KillTest {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    /** Where the sink waits for the kill to be seen (through the run's budget). */
    enum Waits { READ, WRITE, NOWHERE }

    /** A file sink recorded on a pipeline whose status answers {@code killed} on the n-th look. */
    private final class KillableSink extends FileBackedSink {
        private final RunBudget budget;
        private final Waits waits;
        private final IntPredicate killedOnLook;
        private final AtomicInteger looks = new AtomicInteger();

        KillableSink(Path path, RunBudget budget, Waits waits, IntPredicate killedOnLook) {
            super(path);
            this.budget = budget;
            this.waits = waits;
            this.killedOnLook = killedOnLook;
        }

        @Override
        public CurrentState read(String serviceName) {
            events.add("read");
            if (waits == Waits.READ) {
                awaitStop();
                throw new OpenMetadataException(0, "Listing API endpoints failed: the run was stopped before the call was sent");
            }
            return file.read(serviceName);
        }

        @Override
        public Written write(Plan plan, boolean overrideMetadata) {
            events.add("write");
            if (waits == Waits.WRITE) {
                awaitStop();
                return new Written(false, new Written.Count(0, 0, 0, 0, plan.collections().size()),
                        new Written.Count(0, 0, 0, 0, plan.endpoints().size()), "file", List.of(), List.of());
            }
            return file.write(plan, overrideMetadata);
        }

        private void awaitStop() {
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!budget.expired()) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("the kill was not seen within 10 s");
                }
                Thread.onSpinWait();
            }
        }

        @Override
        public Deleted delete(Plan plan) {
            events.add("delete");
            return file.delete(plan);
        }

        @Override
        public RunStatus runStatus(String pipelineFqn, String pipelineRunId) {
            return new RunStatus() {
                @Override
                public boolean started() {
                    events.add("started");
                    return true;
                }

                @Override
                public boolean stopRequested() {
                    return killedOnLook.test(looks.incrementAndGet());
                }

                @Override
                public String runId() {
                    return "6b1f0c2d-0000-4000-8000-00000000beef";
                }

                @Override
                public IngestReport finished(IngestReport report) {
                    events.add("finished " + report.status());
                    return report;
                }
            };
        }

        @Override
        public boolean keepsSeals() {
            return false;
        }
    }

    private IngestReport run(Waits waits, IntPredicate killedOnLook) throws IOException {
        Path output = Files.createTempDirectory("kill").resolve("out.json");
        ObjectNode payload = (ObjectNode) new ObjectMapper().readTree(Path.of("examples/petstore-file-sink.json").toFile());
        ((ObjectNode) payload.at("/source/serviceConnection/config/openAPISchemaConnection"))
                .put("openAPISchemaFilePath", "examples/specs/petstore.yaml");
        ((ObjectNode) payload.at("/sink/config")).put("filename", output.toString());
        payload.put("ingestionPipelineFQN", "petstore.petstore_metadata");
        IngestPipeline pipeline = new IngestPipeline(new PayloadReader(SecretReferences.environmentOnly()),
                FetchLimits.DEFAULT, (target, budget) -> new KillableSink(((SinkTarget.File) target).path(), budget, waits,
                killedOnLook), Duration.ofMinutes(1), Clock.systemUTC(), Duration.ofMillis(10));
        return pipeline.run((JsonNode) payload);
    }

    @Test
    void killedWhileReadingTheCatalogueItEndsStoppedNotFailed() throws IOException {
        IngestReport report = run(Waits.READ, look -> true);
        assertEquals(IngestReport.STOPPED, report.status());
        assertEquals("Stopped: the run was killed from OpenMetadata before it wrote anything; nothing was marked deleted",
                report.errors().get(0).message());
        assertEquals(List.of("started", "read", "finished stopped"), events);
    }

    @Test
    void killedWhileWritingItSkipsTheRestAndDeletesNothing() throws IOException {
        IngestReport report = run(Waits.WRITE, look -> true);
        assertEquals(IngestReport.STOPPED, report.status());
        assertEquals(9, report.counts().get("apiEndpoint").skipped());
        assertEquals("Stopped: the run was killed from OpenMetadata; 13 entities were not written and nothing was marked "
                + "deleted", report.errors().get(0).message());
        assertEquals(List.of("started", "read", "write", "finished stopped"), events);
    }

    /** The watch looks every 10 ms here, but a kill can land after its last look: the run asks once more before deleting. */
    @Test
    void aKillSeenOnlyBeforeDeletingStillKeepsEverything() throws IOException {
        // the watch's looks say nothing was killed; the one the run itself makes before deleting says it was
        AtomicInteger runLooks = new AtomicInteger();
        IngestReport report = run(Waits.NOWHERE, look -> Thread.currentThread().getName().equals("kill-watch") ? false
                : runLooks.incrementAndGet() == 1);
        assertEquals(IngestReport.STOPPED, report.status());
        assertEquals(List.of("started", "read", "write", "finished stopped"), events);
    }

    @Test
    void aRunNobodyKillsDeletesAsAlways() throws IOException {
        assertEquals(IngestReport.SUCCESS, run(Waits.NOWHERE, look -> false).status());
        assertEquals(List.of("started", "read", "write", "delete", "finished success"), events);
    }
}
