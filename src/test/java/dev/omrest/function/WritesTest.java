package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.emulator.Fault;
import dev.omrest.emulator.OpenMetadataEmulator;
import dev.omrest.support.Specs;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.omrest.function.IngestFunctionTest.JWT;
import static dev.omrest.function.IngestFunctionTest.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batching, ordering and per-record failures of the writes. */
@QuarkusTest
class WritesTest extends LoopbackServers {

    /** A spec with {@code operations} GET operations spread over three tags. */
    static String generated(int operations) {
        StringBuilder paths = new StringBuilder();
        for (int i = 0; i < operations; i++) {
            paths.append(i == 0 ? "" : ",").append("\"/items/").append(i).append("\": {\"get\": {\"tags\": [\"t")
                    .append(i % 3).append("\"], \"operationId\": \"op").append(i).append("\", \"responses\": {}}}");
        }
        return "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"g\", \"version\": \"1\"}, \"paths\": {" + paths + "}}";
    }

    /** Like {@link #generated} with every operation described at {@code length} characters: weighty bodies. */
    static String described(int operations, int length) {
        return generated(operations).replace("\"responses\": {}", "\"description\": \"" + "d".repeat(length) + "\", \"responses\": {}");
    }

    private String payload(String spec) {
        specs.serve("/spec.json", 200, "application/json", spec);
        return Payloads.url("gen", specs.url("/spec.json"), null, null, om.apiUrl(), JWT);
    }

    /** The calls that were not reads, each with how many entities it carried. */
    private List<String> sizedWrites() {
        return om.requests().stream().filter(r -> !r.method().equals("GET"))
                .map(r -> r.method() + " " + r.apiPath() + " " + (r.body().startsWith("[") ? Specs.readJson(r.body()).size() : 1))
                .toList();
    }

    @Test
    void bulkCallsCarryAtMostOneHundredEntitiesAndCollectionsGoFirst() {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        JsonNode report = invoke(payload(generated(250)));
        assertEquals("success", report.path("status").asText(), report.toString());
        List<String> writes = sizedWrites();
        assertEquals(List.of("PUT /v1/services/apiServices 1", "PUT /v1/apiCollections/bulk 4"), writes.subList(0, 2));
        assertEquals(List.of("PUT /v1/apiEndpoints/bulk 100", "PUT /v1/apiEndpoints/bulk 100", "PUT /v1/apiEndpoints/bulk 50"),
                writes.subList(2, 5).stream().sorted().toList());
        assertEquals(5, writes.size());
        assertEquals(250, om.endpoints().size());
        assertEquals(3 + 3 + 1, report.path("requests").asInt());
    }

    @Test
    void aFailedBulkCallFailsItsEntitiesAndTheRunGoesOn() {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        om.injectFault(Fault.status("PUT", "/v1/apiEndpoints/bulk", 1, 500));
        JsonNode report = invoke(payload(generated(150)));
        assertEquals("partialSuccess", report.path("status").asText());
        // the two batches (100 and 50) go out in parallel: the fault hits whichever arrives first
        int failed = report.path("counts").path("apiEndpoint").path("failed").asInt();
        assertTrue(failed == 100 || failed == 50, report.toString());
        assertEquals(150 - failed, report.path("counts").path("apiEndpoint").path("created").asInt());
        assertEquals(failed, report.path("errors").size());
        assertEquals("Failed to flush entities to bulk API: HTTP 500: Injected fault: HTTP 500",
                report.path("errors").get(0).path("message").asText(), report.path("errors").get(0).toString());
        assertEquals(150 - failed, om.endpoints().size());

        JsonNode retry = invoke(payload(generated(150)));
        assertEquals("success", retry.path("status").asText());
        assertEquals(failed, retry.path("counts").path("apiEndpoint").path("created").asInt());
        assertEquals(150 - failed, retry.path("counts").path("apiEndpoint").path("unchanged").asInt());
        assertEquals(150, om.endpoints().size());
    }

    @Test
    void perItemBulkFailuresAreReportedByEntity() {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        om.injectFault(Fault.status("PUT", "/v1/apiCollections/bulk", 1, 500));
        JsonNode report = invoke(payload(generated(3)));
        assertEquals("partialSuccess", report.path("status").asText());
        assertEquals(4, report.path("counts").path("apiCollection").path("failed").asInt());
        assertEquals(3, report.path("counts").path("apiEndpoint").path("failed").asInt());
        assertEquals(List.of("gen.t0./items/0/get", "gen.t1./items/1/get", "gen.t2./items/2/get"),
                report.path("errors").findValuesAsText("entity").subList(4, 7));
        assertEquals("Failed to flush entities to bulk API: apiCollection instance for gen.t0 not found",
                report.path("errors").get(4).path("message").asText());
        assertEquals(0, om.endpoints().size());
    }

    @Test
    void perEntityServerFailuresAreCountedPerRecord() {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V1_6, JWT);
        om.injectFault(Fault.status("PUT", "/v1/apiEndpoints", 2, 500));
        JsonNode report = invoke(payload(generated(5)));
        assertEquals("partialSuccess", report.path("status").asText());
        assertEquals(2, report.path("counts").path("apiEndpoint").path("failed").asInt());
        assertEquals(3, report.path("counts").path("apiEndpoint").path("created").asInt());
        assertEquals(2, report.path("errors").findValuesAsText("entity").size());
        assertEquals(List.of("HTTP 500: Injected fault: HTTP 500"), report.path("errors").findValuesAsText("message").stream().distinct().toList());
        assertEquals(3, om.endpoints().size());
    }

    @Test
    void bodiesFrom64KiBGoGzipCompressedAndListingsComeBackCompressed() {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        JsonNode report = invoke(payload(described(60, 2000)));
        assertEquals("success", report.path("status").asText(), report.toString());
        // the collections' call weighs a few hundred bytes, the endpoints' 120 KB
        assertEquals(List.of("PUT /v1/services/apiServices 1", "PUT /v1/apiCollections/bulk 4", "PUT /v1/apiEndpoints/bulk 60"),
                sizedWrites());
        assertEquals(1, om.compressedRequests());
        assertTrue(om.bytesReceived() < 20_000, "sent " + om.bytesReceived() + " bytes");
        assertEquals(List.of("d".repeat(2000)), om.endpoints().values().stream().map(e -> e.path("description").asText())
                .distinct().toList());
        assertEquals(List.of(), om.contractViolations());

        assertEquals(0, om.compressedResponses(), "no listing yet: the service was new");
        om.clearRequests();
        JsonNode rerun = invoke(payload(described(60, 2000)));
        assertEquals(60, rerun.path("counts").path("apiEndpoint").path("unchanged").asInt(), rerun.toString());
        assertEquals(List.of(), sizedWrites());
        assertTrue(om.compressedResponses() > 0, "the listings come compressed");
    }

    @Test
    void aServerThatTurnsDownGzipGetsPlainBodiesAndTheReportSaysSo() {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        om.gzip(false);
        JsonNode report = invoke(payload(described(60, 2000)));
        assertEquals("success", report.path("status").asText(), report.toString());
        assertEquals(60, report.path("counts").path("apiEndpoint").path("created").asInt());
        assertEquals(List.of("OpenMetadata turned down gzip-compressed request bodies, so they were sent uncompressed; "
                + "set OMREST_WRITE_GZIP=false to stop trying"), report.path("warnings").findValuesAsText("message"));
        assertEquals(List.of("PUT /v1/apiEndpoints/bulk 400", "PUT /v1/apiEndpoints/bulk 200"), om.requests().stream()
                .filter(r -> r.apiPath().equals("/v1/apiEndpoints/bulk")).map(r -> r.method() + " " + r.apiPath() + " " + r.status())
                .toList());
        assertEquals(1, om.compressedRequests());
        assertEquals(60, om.endpoints().size());
        assertEquals(List.of(), om.contractViolations());
    }
}
