package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.emulator.Fault;
import dev.omrest.emulator.OpenMetadataEmulator;
import dev.omrest.plan.Seal;
import dev.omrest.emulator.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.omrest.function.IngestFunctionTest.JWT;
import static dev.omrest.function.IngestFunctionTest.invoke;
import static dev.omrest.function.IngestFunctionTest.petstoreYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Re-runs converge with the fewest writes, deletions are exact and guarded, faults do not lose entities. */
@QuarkusTest
class SyncTest extends LoopbackServers {
    static final String DELETE_OP = """
                delete:
                  tags: [pet]
                  operationId: deletePet""";

    /**
     * What a user sees: per FQN the deletion flag and the source-owned content (ids and timestamps differ between
     * servers, and which entity carries a run's seal depends on what that run wrote).
     */
    static Map<String, String> visibleState(OpenMetadataEmulator server) {
        Map<String, String> state = new TreeMap<>();
        server.collections().forEach((fqn, e) -> state.put(fqn, e.path("deleted").asText() + " " + content(e)
                + " " + e.path("description").asText() + " " + e.path("endpointURL").asText()));
        server.endpoints().forEach((fqn, e) -> state.put(fqn, e.path("deleted").asText() + " " + content(e)
                + " " + e.path("requestSchema") + " " + e.path("responseSchema") + " " + e.path("description").asText()));
        return state;
    }

    /** The start of the entity's own fingerprint, which a seal keeps. */
    private static String content(JsonNode entity) {
        String hash = entity.path("sourceHash").asText();
        return Seal.isSeal(hash) ? hash.substring(1, 1 + Seal.PREFIX) : hash.substring(0, Math.min(Seal.PREFIX, hash.length()));
    }

    @ParameterizedTest
    @EnumSource(OpenMetadataEmulator.Mode.class)
    void editingOneOperationIsExactlyOneWrite(OpenMetadataEmulator.Mode mode) throws IOException {
        om = OpenMetadataEmulator.start(mode, JWT);
        ingest(om, petstoreYaml(), Map.of());
        om.clearRequests();
        JsonNode report = ingest(om, petstoreYaml().replace("operationId: getPetById", "operationId: findPetById"), Map.of());
        assertEquals("success", report.path("status").asText(), report.toString());
        assertEquals(1, report.path("counts").path("apiEndpoint").path("updated").asInt());
        assertEquals(8, report.path("counts").path("apiEndpoint").path("unchanged").asInt());
        assertEquals(4, report.path("counts").path("apiCollection").path("unchanged").asInt());
        assertEquals(List.of(mode == OpenMetadataEmulator.Mode.V2_0 ? "PUT /v1/apiEndpoints/bulk" : "PUT /v1/apiEndpoints"), writes());
        assertEquals(specs.url("/petstore.yaml") + "/findPetById",
                om.endpoints().get("petstore.pet./pet/{petId}/get").path("endpointURL").asText());
        if (mode == OpenMetadataEmulator.Mode.V2_0) {
            assertEquals(1, IngestFunctionTest.byName(dev.omrest.support.Specs.readJson(om.requests().stream()
                    .filter(r -> r.method().equals("PUT")).findFirst().orElseThrow().body())).size());
        }
    }

    @ParameterizedTest
    @EnumSource(OpenMetadataEmulator.Mode.class)
    void aRemovedOperationIsExactlyOneSoftDelete(OpenMetadataEmulator.Mode mode) throws IOException {
        om = OpenMetadataEmulator.start(mode, JWT);
        ingest(om, petstoreYaml(), Map.of());
        om.clearRequests();
        String withoutDelete = petstoreYaml().replaceFirst("(?s)    delete:\\n      tags: \\[pet\\]\\n      operationId: deletePet.*?'204':\\n          description: Deleted\\n", "");
        assertFalse(withoutDelete.contains("deletePet"));
        JsonNode report = ingest(om, withoutDelete, Map.of());
        assertEquals(1, report.path("counts").path("apiEndpoint").path("deleted").asInt(), report.toString());
        assertEquals(0, report.path("counts").path("apiCollection").path("deleted").asInt());
        assertEquals(4, report.path("counts").path("apiCollection").path("unchanged").asInt());
        assertEquals(0, report.path("counts").path("apiCollection").path("updated").asInt());
        String id = om.endpoints().get("petstore.pet./pet/{petId}/delete").path("id").asText();
        // no entity's content changed, so the run's seal goes on the first collection (its content as it was)
        assertEquals(List.of(mode == OpenMetadataEmulator.Mode.V2_0 ? "PUT /v1/apiCollections/bulk" : "PUT /v1/apiCollections",
                "DELETE /v1/apiEndpoints/" + id), writes());
        assertEquals("hardDelete=false", om.requests().stream().filter(r -> r.method().equals("DELETE")).findFirst().orElseThrow().query());
        assertTrue(om.endpoints().get("petstore.pet./pet/{petId}/delete").path("deleted").asBoolean());
        assertEquals(8, om.endpoints().values().stream().filter(e -> !e.path("deleted").asBoolean()).count());

        om.clearRequests();
        JsonNode disabled = ingest(om, petstoreYaml(), Map.of("markDeletedApiEndpoints", false));
        assertEquals(1, disabled.path("counts").path("apiEndpoint").path("restored").asInt());
        assertEquals(List.of(), om.requests().stream().filter(r -> r.method().equals("DELETE")).toList());
        assertEquals(0, ingest(om, withoutDelete, Map.of("markDeletedApiEndpoints", false))
                .path("counts").path("apiEndpoint").path("deleted").asInt());
        assertFalse(om.endpoints().get("petstore.pet./pet/{petId}/delete").path("deleted").asBoolean());
    }

    @Test
    void largeDeletionsAreHeldBackUnlessAllowed() throws IOException {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        ingest(om, petstoreYaml(), Map.of());
        String onlyStoreAndUser = petstoreYaml().replace("tags: [pet]", "tags: [gone]").replaceAll("(?m)^  - name: pet\\n.*\\n", "");
        om.clearRequests();
        JsonNode held = ingest(om, onlyStoreAndUser.replace("tags: [gone]", "tags: [store]"), Map.of("markDeletedApiEndpoints", true));
        // the five pet operations move to `store`: the old FQNs under `pet` would go (5 of 9 endpoints)
        assertEquals(List.of("Held back: this run would mark 5 of the service's 9 endpoints deleted (56%), "
                        + "more than deletionGuardMaxShare 50%, so nothing was written or marked deleted; set allowMassDeletion: true to allow it"),
                held.path("warnings").findValuesAsText("message"));
        assertEquals(List.of(), om.requests().stream().filter(r -> r.method().equals("DELETE") || r.method().equals("PUT")).toList(),
                "a run the guard holds back writes nothing either");
        assertEquals(null, om.endpoints().get("petstore.store./pet/post"));
        assertFalse(om.collections().get("petstore.pet").path("deleted").asBoolean());

        JsonNode allowed = ingest(om, onlyStoreAndUser.replace("tags: [gone]", "tags: [store]"), Map.of("deletionGuardMaxShare", 0.6));
        assertEquals(1, allowed.path("counts").path("apiCollection").path("deleted").asInt(), allowed.toString());
        assertTrue(om.collections().get("petstore.pet").path("deleted").asBoolean());
        assertTrue(om.endpoints().get("petstore.pet./pet/post").path("deleted").asBoolean());
        assertFalse(om.endpoints().get("petstore.store./pet/post").path("deleted").asBoolean());
    }

    @ParameterizedTest
    @EnumSource(OpenMetadataEmulator.Mode.class)
    void tenPercentFaultsStillConvergeToTheCleanState(OpenMetadataEmulator.Mode mode) {
        // bulk mode sends few calls: a bigger spec gives the faults something to hit
        String spec = WritesTest.generated(mode == OpenMetadataEmulator.Mode.V2_0 ? 2400 : 240);
        try (OpenMetadataEmulator clean = OpenMetadataEmulator.start(mode, JWT)) {
            assertEquals("success", ingest(clean, spec, Map.of()).path("status").asText());
            om = OpenMetadataEmulator.start(mode, JWT);
            om.randomFaults(0.10, 42);
            JsonNode report = ingest(om, spec, Map.of());
            assertEquals("success", report.path("status").asText(), report.toString());
            assertTrue(om.randomFaultCount() > 0);
            assertEquals(om.randomFaultCount(), report.path("retries").asInt(), report.toString());
            assertEquals(visibleState(clean), visibleState(om));
            assertEquals(List.of(), om.contractViolations());
        }
    }

    /** A user edits a field in the OpenMetadata UI (a JSON Patch with the user's own token). */
    private void userSets(String entities, String fqn, String field, String value) throws Exception {
        JsonNode entity = (entities.equals("apiCollections") ? om.collections() : om.endpoints()).get(fqn);
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(om.apiUrl() + "/v1/" + entities + "/" + entity.path("id").asText()))
                        .header("Authorization", "Bearer " + JWT).header("Content-Type", "application/json-patch+json")
                        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(
                                "[{\"op\": \"add\", \"path\": \"/" + field + "\", \"value\": \"" + value + "\"}]"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    @ParameterizedTest
    @EnumSource(OpenMetadataEmulator.Mode.class)
    void curatedDescriptionsSurviveUnlessOverrideMetadata(OpenMetadataEmulator.Mode mode) throws Exception {
        om = OpenMetadataEmulator.start(mode, JWT);
        ingest(om, petstoreYaml(), Map.of());
        userSets("apiEndpoints", "petstore.pet./pet/{petId}/get", "description", "Curated by the API team");
        userSets("apiCollections", "petstore.pet", "description", "Curated pets");
        userSets("apiEndpoints", "petstore.pet./pet/{petId}/get", "owners", "team-pets");
        String changed = petstoreYaml().replace("Returns a single pet.", "Returns one pet by id.")
                .replace("Everything about your pets", "Everything about your pets, v2");

        JsonNode kept = ingest(om, changed, Map.of("overrideMetadata", false));
        assertEquals(1, kept.path("counts").path("apiEndpoint").path("updated").asInt(), kept.toString());
        assertEquals(1, kept.path("counts").path("apiCollection").path("updated").asInt(), kept.toString());
        JsonNode endpoint = om.endpoints().get("petstore.pet./pet/{petId}/get");
        assertEquals("Curated by the API team", endpoint.path("description").asText());
        assertEquals("team-pets", endpoint.path("owners").asText());
        assertEquals("Curated pets", om.collections().get("petstore.pet").path("description").asText());
        assertEquals(kept.path("counts").path("apiEndpoint").path("updated").asInt(), 1);

        JsonNode overridden = ingest(om, changed, Map.of("overrideMetadata", true));
        assertEquals("success", overridden.path("status").asText(), overridden.toString());
        assertEquals(9, overridden.path("counts").path("apiEndpoint").path("updated").asInt());
        endpoint = om.endpoints().get("petstore.pet./pet/{petId}/get");
        assertEquals("Returns one pet by id.", endpoint.path("description").asText());
        assertEquals("team-pets", endpoint.path("owners").asText());
        assertEquals("Everything about your pets, v2", om.collections().get("petstore.pet").path("description").asText());
        assertEquals(List.of(), om.contractViolations());
    }

    @Test
    void runsAreRecordedOnTheirIngestionPipeline() throws IOException {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        specs.serve("/petstore.yaml", 200, "application/yaml", petstoreYaml());
        String payload = Payloads.with(Payloads.url("petstore", specs.url("/petstore.yaml"), null, null, om.apiUrl(), JWT),
                "workflowConfig.ingestionPipelineFQN", "petstore.metadata_agent");
        assertEquals("success", invoke(payload).path("status").asText());
        List<JsonNode> runs = om.pipelineStatuses("petstore.metadata_agent");
        assertEquals(List.of("running", "success"), runs.stream().map(r -> r.path("pipelineState").asText()).toList());
        assertEquals(runs.get(0).path("runId"), runs.get(1).path("runId"));
        assertEquals(dev.omrest.support.Specs.readJson("""
                [{"name": "Rest", "records": 13, "updated_records": 0, "warnings": 0, "errors": 0, "filtered": 0, "failures": []},
                 {"name": "OpenMetadata", "records": 13, "updated_records": 0, "warnings": 0, "errors": 0, "filtered": 0, "failures": []}]"""),
                runs.get(1).path("status"));
        assertTrue(runs.get(1).path("endDate").asLong() >= runs.get(1).path("startDate").asLong());

        JsonNode failed = invoke(Payloads.with(payload, "source.serviceConnection.config.openAPISchemaConnection.openAPISchemaURL",
                specs.url("/gone.yaml")));
        assertEquals("failed", failed.path("status").asText());
        runs = om.pipelineStatuses("petstore.metadata_agent");
        assertEquals(List.of("running", "success", "running", "failed"), runs.stream().map(r -> r.path("pipelineState").asText()).toList());
        assertEquals(List.of("Failed to connect to the JSON schema url " + specs.url("/gone.yaml")
                        + ". Please check the url and credentials. Status Code was: 404"),
                runs.get(3).path("status").get(0).path("failures").findValuesAsText("error"));
        assertEquals(List.of(), om.contractViolations());
    }

    @Test
    void retryAfterIsHonoured() {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        om.injectFault(Fault.tooManyRequests("PUT", "/v1/apiEndpoints/bulk", 1, 1));
        JsonNode report = ingest(om, WritesTest.generated(3), Map.of());
        assertEquals("success", report.path("status").asText());
        assertEquals(1, report.path("retries").asInt());
        // how long it waited (the server's Retry-After) is ServerCallsTest's, on a clock that does not make this test wait
        List<RecordedRequest> bulk = om.requests().stream().filter(r -> r.apiPath().equals("/v1/apiEndpoints/bulk")).toList();
        assertEquals(List.of(429, 200), bulk.stream().map(RecordedRequest::status).toList());
    }
}
