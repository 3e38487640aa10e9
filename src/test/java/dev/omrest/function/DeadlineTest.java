package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.emulator.Fault;
import dev.omrest.emulator.OpenMetadataEmulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static dev.omrest.function.IngestFunctionTest.JWT;
import static dev.omrest.function.IngestFunctionTest.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A run that reaches its deadline stops cleanly, deletes nothing, and the next run completes the work; on a clock the
 * test moves, so it takes no real time.
 */
@QuarkusTest
@TestProfile(DeadlineTest.ShortDeadline.class)
class DeadlineTest extends LoopbackServers {
    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("omrest.run.deadline", "PT2S", "omrest.write.parallelism", "1",
                    "omrest.write.per-entity-parallelism", "1");
        }

        @Override
        public java.util.Set<Class<?>> getEnabledAlternatives() {
            return java.util.Set.of(MovedClock.class);
        }
    }

    private JsonNode ingest(OpenMetadataEmulator target, String spec) {
        specs.serve("/spec.json", 200, "application/json", spec);
        return invoke(Payloads.url("gen", specs.url("/spec.json"), null, null, target.apiUrl(), JWT));
    }

    @ParameterizedTest
    @EnumSource(OpenMetadataEmulator.Mode.class)
    void aRunCutShortByItsDeadlineIsCompletedByTheNextRun(OpenMetadataEmulator.Mode mode) {
        boolean bulk = mode == OpenMetadataEmulator.Mode.V2_0;
        int operations = bulk ? 300 : 12;
        String spec = WritesTest.generated(operations);
        try (OpenMetadataEmulator clean = OpenMetadataEmulator.start(mode, JWT)) {
            ingest(clean, spec);
            om = OpenMetadataEmulator.start(mode, JWT);
            // an older spec: every endpoint changed since, and a collection that is gone, which a cut-short run must keep
            ingest(om, spec.replace("\"operationId\": \"op", "\"operationId\": \"was")
                    .replace("\"paths\": {", "\"paths\": {\"/legacy\": {\"get\": {\"tags\": [\"old\"], \"responses\": {}}},"));
            // the deadline passes while the first endpoint call is on its way: no waiting, the run's clock moves
            om.injectFault(Fault.action("PUT", "/v1/apiEndpoints", 1,
                    () -> MovedClock.CLOCK.advance(java.time.Duration.ofSeconds(3))));

            JsonNode cut = ingest(om, spec);
            assertEquals("partialSuccess", cut.path("status").asText(), cut.toString());
            int skipped = bulk ? 200 : operations - 1;
            assertEquals(skipped, cut.path("counts").path("apiEndpoint").path("skipped").asInt(), cut.toString());
            assertEquals(List.of("Run deadline reached: " + skipped
                            + " entities were not written and nothing was marked deleted; the next run continues"),
                    cut.path("errors").findValuesAsText("message"));
            assertFalse(om.collections().get("gen.old").path("deleted").asBoolean());

            JsonNode next = ingest(om, spec);
            assertEquals("success", next.path("status").asText(), next.toString());
            assertEquals(skipped, next.path("counts").path("apiEndpoint").path("updated").asInt());
            assertEquals(1, next.path("counts").path("apiCollection").path("deleted").asInt());
            Map<String, String> state = SyncTest.visibleState(om);
            state.remove("gen.old");
            state.keySet().removeIf(fqn -> fqn.startsWith("gen.old."));
            assertEquals(SyncTest.visibleState(clean), state);
        }
    }
}
