package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.emulator.OpenMetadataEmulator;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static dev.omrest.function.IngestFunctionTest.JWT;
import static dev.omrest.function.IngestFunctionTest.invoke;
import static dev.omrest.function.IngestFunctionTest.petstoreYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A re-run whose spec, settings and catalogue are as the last complete run left them stops after reading the
 * catalogue; anything that differs (a user's soft delete, other settings, a referenced file) makes it a full run.
 */
@QuarkusTest
class SealedRerunTest extends LoopbackServers {

    private JsonNode ingest(String spec, Map<String, Object> sourceConfig) {
        return ingest(om, spec, sourceConfig);
    }

    @ParameterizedTest
    @EnumSource(OpenMetadataEmulator.Mode.class)
    void anUnchangedRerunReadsTheCatalogueAndStops(OpenMetadataEmulator.Mode mode) throws IOException {
        om = OpenMetadataEmulator.start(mode, JWT);
        JsonNode first = ingest(petstoreYaml(), Map.of());
        assertEquals(List.of(), skipped(first));
        assertCounts(first, "apiEndpoint", 9, 0, 0, 0);
        Map<String, String> state = SyncTest.visibleState(om);
        om.clearRequests();

        JsonNode rerun = ingest(petstoreYaml(), Map.of());
        assertEquals("success", rerun.path("status").asText(), rerun.toString());
        assertEquals(List.of("parse", "map"), skipped(rerun));
        assertCounts(rerun, "apiCollection", 0, 0, 0, 4);
        assertCounts(rerun, "apiEndpoint", 0, 0, 0, 9);
        assertEquals(List.of("GET /v1/system/version", "GET /v1/services/apiServices/name/petstore",
                "GET /v1/apiCollections", "GET /v1/apiEndpoints"), calls());
        assertEquals(4, rerun.path("requests").asInt());
        assertEquals(List.of("fetch", "read", "total"), fieldNames(rerun.path("durationsMillis")));
        assertEquals(state, SyncTest.visibleState(om));
        assertEquals(List.of(), om.contractViolations());
    }

    @Test
    void whatBreaksTheSealGetsAFullRunThatSealsAgain() throws Exception {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        ingest(petstoreYaml(), Map.of());

        // a user soft-deletes an endpoint in the UI
        String id = om.endpoints().get("petstore.pet./pet/{petId}/get").path("id").asText();
        HttpResponse<String> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(om.apiUrl() + "/v1/apiEndpoints/" + id + "?hardDelete=false"))
                .header("Authorization", "Bearer " + JWT).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, deleted.statusCode(), deleted.body());
        om.clearRequests();
        JsonNode restored = ingest(petstoreYaml(), Map.of());
        assertEquals(List.of(), skipped(restored));
        assertCounts(restored, "apiEndpoint", 0, 0, 1, 8);
        assertEquals(List.of("PUT /v1/apiEndpoints/bulk"), writes(), "the restored endpoint carries the new seal");
        assertFalse(om.endpoints().get("petstore.pet./pet/{petId}/get").path("deleted").asBoolean());
        assertEquals(List.of("parse", "map"), skipped(ingest(petstoreYaml(), Map.of())));

        // other settings: another field extraction rewrites what it changes
        JsonNode upstreamFields = ingest(petstoreYaml(), Map.of("schemaFields", "upstream"));
        assertEquals(List.of(), skipped(upstreamFields));
        assertTrue(upstreamFields.path("counts").path("apiEndpoint").path("updated").asInt() > 0, upstreamFields.toString());
        assertEquals(List.of("parse", "map"), skipped(ingest(petstoreYaml(), Map.of("schemaFields", "upstream"))));
        JsonNode back = ingest(petstoreYaml(), Map.of());
        assertEquals(List.of(), skipped(back));

        // overrideMetadata pushes every entity, every run
        om.clearRequests();
        JsonNode override = ingest(petstoreYaml(), Map.of("overrideMetadata", true));
        assertEquals(List.of(), skipped(override));
        assertCounts(override, "apiEndpoint", 0, 9, 0, 0);
        assertEquals(List.of("PUT /v1/apiCollections/bulk", "PUT /v1/apiEndpoints/bulk"), writes());
        // overrideMetadata wrote every entity with its plain fingerprint, the seal included: the next run finds nothing
        // to write but the seal, which goes on the first collection, content unchanged
        om.clearRequests();
        JsonNode resealed = ingest(petstoreYaml(), Map.of());
        assertEquals(List.of(), skipped(resealed));
        assertCounts(resealed, "apiCollection", 0, 0, 0, 4);
        assertCounts(resealed, "apiEndpoint", 0, 0, 0, 9);
        assertEquals(List.of("PUT /v1/apiCollections/bulk"), writes());
        assertEquals(List.of("parse", "map"), skipped(ingest(petstoreYaml(), Map.of())));
        assertEquals(List.of(), om.contractViolations());
    }

    @Test
    void somebodyElsesWriteBreaksTheSeal() throws Exception {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        ingest(petstoreYaml(), Map.of());
        // another connector (or an older build of this one) writes an endpoint with its own fingerprint
        JsonNode endpoint = om.endpoints().get("petstore.store./store/inventory/get");
        String body = """
                {"name": "/store/inventory/get", "endpointURL": "%s", "requestMethod": "GET",
                 "apiCollection": "petstore.store", "sourceHash": "00000000000000000000000000000000"}"""
                .formatted(endpoint.path("endpointURL").asText());
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(om.apiUrl() + "/v1/apiEndpoints"))
                .header("Authorization", "Bearer " + JWT).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        om.clearRequests();

        JsonNode report = ingest(petstoreYaml(), Map.of());
        assertEquals(List.of(), skipped(report));
        assertCounts(report, "apiEndpoint", 0, 1, 0, 8);
        assertEquals(List.of("PUT /v1/apiEndpoints/bulk"), writes());
        assertEquals(List.of("parse", "map"), skipped(ingest(petstoreYaml(), Map.of())));
    }

    @Test
    void whatCouldNotBeMappedIsSealedAndReportedAgainByTheSkippedRun() {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        String longPath = "/" + "a".repeat(260);
        String spec = """
                openapi: 3.0.0
                info: {title: t, version: "1"}
                paths:
                  /ok:
                    get: {tags: [pets], responses: {"200": {description: ok}}}
                  %s:
                    get: {tags: [pets], operationId: tooLong, responses: {"200": {description: ok}}}
                  /odd:
                    get: {tags: ["x::y"], responses: {"200": {description: ok}}}
                """.formatted(longPath);
        JsonNode first = ingest(spec, Map.of());
        assertEquals("partialSuccess", first.path("status").asText(), first.toString());
        assertEquals(List.of("Error creating API Collection request: name must not contain '::'",
                        "Error creating API Endpoint request [tooLong]: name is longer than 256 characters"),
                first.path("errors").findValuesAsText("message"));
        assertCounts(first, "apiCollection", 2, 0, 0, 0); // pets, and the default collection every service gets
        assertCounts(first, "apiEndpoint", 1, 0, 0, 0);
        assertEquals(1, first.path("counts").path("apiCollection").path("failed").asInt(), first.toString());
        assertEquals(1, first.path("counts").path("apiEndpoint").path("failed").asInt(), first.toString());
        om.clearRequests();

        JsonNode rerun = ingest(spec, Map.of());
        assertEquals(List.of("parse", "map"), skipped(rerun), rerun.toString());
        assertEquals("partialSuccess", rerun.path("status").asText());
        assertEquals(List.of("1 API collection could not be mapped from the spec, as in the run that sealed the catalogue "
                        + "with these same inputs; that run's report names each one",
                        "1 API endpoint could not be mapped from the spec, as in the run that sealed the catalogue "
                        + "with these same inputs; that run's report names each one"),
                rerun.path("errors").findValuesAsText("message"));
        assertCounts(rerun, "apiCollection", 0, 0, 0, 2);
        assertCounts(rerun, "apiEndpoint", 0, 0, 0, 1);
        assertEquals(1, rerun.path("counts").path("apiCollection").path("failed").asInt(), rerun.toString());
        assertEquals(1, rerun.path("counts").path("apiEndpoint").path("failed").asInt(), rerun.toString());
        assertEquals(List.of(), writes());

        JsonNode fixed = ingest(spec.replace(longPath, "/short"), Map.of());
        assertEquals(List.of(), skipped(fixed), "a changed spec is mapped again");
        assertEquals(List.of("Error creating API Collection request: name must not contain '::'"),
                fixed.path("errors").findValuesAsText("message"));
        assertCounts(fixed, "apiEndpoint", 1, 0, 0, 1);
        assertEquals(List.of(), om.contractViolations());
    }

    @Test
    void whatTheFiltersLeftOutIsReportedByTheSkippedRunToo() throws IOException {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        Map<String, Object> filter = Map.of("apiCollectionFilterPattern", Map.of("excludes", List.of("^store$")));
        JsonNode first = ingest(petstoreYaml(), filter);
        JsonNode rerun = ingest(petstoreYaml(), filter);
        assertEquals(List.of("parse", "map"), skipped(rerun));
        assertEquals(1, first.path("counts").path("apiCollection").path("filtered").asInt(), first.toString());
        for (String kind : List.of("apiCollection", "apiEndpoint")) {
            assertEquals(first.path("counts").path(kind).path("filtered"), rerun.path("counts").path(kind).path("filtered"));
            assertEquals(first.path("counts").path(kind).path("created"), rerun.path("counts").path(kind).path("unchanged"));
        }
        assertEquals(List.of(), skipped(ingest(petstoreYaml(), Map.of())), "without the filter it is another run");
    }

    @Test
    void aMultiFileSpecIsParsedToCheckItsReferencedFilesButNotMapped() throws IOException {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        Path folder = Path.of("src/test/resources/specs/multi-file");
        specs.serveFolder(folder, "/v1/");
        String payload = Payloads.url("pets", specs.url("/v1/openapi.yaml"), null, null, om.apiUrl(), JWT);
        JsonNode first = invoke(payload);
        assertEquals("success", first.path("status").asText(), first.toString());
        assertEquals(List.of("map"), skipped(invoke(payload)));

        String owner = Files.readString(folder.resolve("schemas/owner.yaml"));
        specs.serve("/v1/schemas/owner.yaml", 200, "application/yaml",
                owner.replace("description: The owner's login", "description: The owner's login name"));
        JsonNode changed = invoke(payload);
        assertEquals(List.of(), skipped(changed), "a referenced file changed");
        assertTrue(changed.path("counts").path("apiEndpoint").path("updated").asInt() > 0, changed.toString());
        assertEquals(List.of("map"), skipped(invoke(payload)));
        assertEquals(List.of(), om.contractViolations());
    }
}
