package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.emulator.OpenMetadataEmulator;
import dev.omrest.emulator.SpecServer;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each test gets its own spec server and, once it starts one, an OpenMetadata emulator; both close after it. */
abstract class LoopbackServers {
    protected final SpecServer specs = SpecServer.start();
    protected OpenMetadataEmulator om;

    /** Serves {@code spec} as the petstore spec and ingests it into {@code target}, with these sourceConfig options. */
    protected JsonNode ingest(OpenMetadataEmulator target, String spec, Map<String, Object> sourceConfig) {
        specs.serve("/petstore.yaml", 200, "application/yaml", spec);
        String payload = Payloads.url("petstore", specs.url("/petstore.yaml"), null, null, target.apiUrl(),
                IngestFunctionTest.JWT);
        for (Map.Entry<String, Object> option : sourceConfig.entrySet()) {
            payload = Payloads.with(payload, "source.sourceConfig.config." + option.getKey(), option.getValue());
        }
        return IngestFunctionTest.invoke(payload);
    }

    /** Every call the emulator answered, as {@code METHOD /path}. */
    protected List<String> calls() {
        return om.requests().stream().map(r -> r.method() + " " + r.apiPath()).toList();
    }

    /** The calls that were not reads. */
    protected List<String> writes() {
        return om.requests().stream().filter(r -> !r.method().equals("GET")).map(r -> r.method() + " " + r.apiPath()).toList();
    }

    /** A report's {@code skippedPhases}, empty when every phase ran. */
    protected static List<String> skipped(JsonNode report) {
        List<String> phases = new ArrayList<>();
        report.path("skippedPhases").forEach(phase -> phases.add(phase.asText()));
        return phases;
    }

    protected static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    protected static void assertCounts(JsonNode report, String kind, int created, int updated, int restored, int unchanged) {
        JsonNode c = report.path("counts").path(kind);
        assertEquals(List.of(created, updated, restored, unchanged),
                List.of(c.path("created").asInt(), c.path("updated").asInt(), c.path("restored").asInt(), c.path("unchanged").asInt()),
                kind + " created/updated/restored/unchanged in " + report);
    }

    @AfterEach
    void closeServers() {
        specs.close();
        if (om != null) {
            om.close();
        }
    }
}
