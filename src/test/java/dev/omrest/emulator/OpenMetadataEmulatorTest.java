package dev.omrest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Plain JUnit test of {@link OpenMetadataEmulator} over real HTTP. */
class OpenMetadataEmulatorTest {

    private static final String TOKEN = "test-bot-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static final String SERVICE_1_6 = """
            {"name": "petapi", "serviceType": "Rest",
             "connection": {"config": {"type": "Rest", "openAPISchemaURL": "https://api.example.com/openapi.json",
               "docURL": "https://docs.example.com/"}}}""";
    private static final String SERVICE = """
            {"name": "petapi", "serviceType": "Rest",
             "connection": {"config": {"type": "Rest",
               "openAPISchemaConnection": {"openAPISchemaURL": "https://api.example.com/openapi.json"},
               "docURL": "https://docs.example.com/", "verifySSL": "no-ssl",
               "supportsMetadataExtraction": true}}}""";

    private OpenMetadataEmulator emulator;

    @BeforeEach
    void start() {
        emulator = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, TOKEN);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void versionNeedsNoTokenAndEverythingElseRejectsAWrongToken() throws Exception {
        HttpResponse<String> version = send(emulator, "GET", "/v1/system/version", null, null);
        assertEquals(200, version.statusCode());
        assertEquals("2.0.1", json(version).get("version").asText());
        assertEquals("emulator", json(version).get("revision").asText());

        HttpResponse<String> wrong = send(emulator, "GET", "/v1/services/apiServices/name/petapi", null,
                "wrong-token");
        assertEquals(401, wrong.statusCode());
        assertEquals("{\"code\":401,\"message\":\"Not authorized; Token verification failed\"}", wrong.body());
        assertFalse(wrong.body().contains("wrong-token"));

        HttpResponse<String> missing = send(emulator, "GET", "/v1/apiCollections", null, null);
        assertEquals(401, missing.statusCode());

        HttpResponse<String> unknownService = get("/v1/services/apiServices/name/petapi");
        assertEquals(404, unknownService.statusCode());
        assertEquals("apiService instance for petapi not found", json(unknownService).get("message").asText());
    }

    @Test
    void upsertCreatesWith201ThenAnswers200AndBumpsTheVersionOnlyOnChange() throws Exception {
        HttpResponse<String> created = put("/v1/services/apiServices", SERVICE);
        assertEquals(201, created.statusCode());
        JsonNode service = json(created);
        assertEquals("petapi", service.get("fullyQualifiedName").asText());
        assertEquals(0.1, service.get("version").asDouble());
        assertFalse(service.get("deleted").asBoolean());
        assertEquals("Rest", service.get("serviceType").asText());

        HttpResponse<String> again = put("/v1/services/apiServices", SERVICE);
        assertEquals(200, again.statusCode());
        assertEquals(service.get("id"), json(again).get("id"));
        assertEquals(0.1, json(again).get("version").asDouble());

        String collection = "{\"name\":\"pets\",\"service\":\"petapi\",\"description\":\"Pet operations\"}";
        HttpResponse<String> c1 = put("/v1/apiCollections", collection);
        assertEquals(201, c1.statusCode());
        JsonNode stored = json(c1);
        assertEquals("petapi.pets", stored.get("fullyQualifiedName").asText());
        assertEquals("apiService", stored.get("service").get("type").asText());
        assertEquals(service.get("id"), stored.get("service").get("id"));
        assertEquals("petapi", stored.get("service").get("fullyQualifiedName").asText());

        HttpResponse<String> c2 = put("/v1/apiCollections",
                collection.replace("}", ",\"endpointURL\":\"https://docs.example.com/#/pets\"}"));
        assertEquals(200, c2.statusCode());
        assertEquals(0.2, json(c2).get("version").asDouble());
        assertEquals("https://docs.example.com/#/pets", emulator.collections().get("petapi.pets").get("endpointURL").asText());

        // the ingestion bot's PUT keeps a non-empty description, as the server does
        HttpResponse<String> c3 = put("/v1/apiCollections", collection.replace("Pet operations", "Pets"));
        assertEquals(200, c3.statusCode());
        assertEquals("Pet operations", emulator.collections().get("petapi.pets").get("description").asText());

        HttpResponse<String> noService = put("/v1/apiCollections", "{\"name\":\"x\",\"service\":\"nosuch\"}");
        assertEquals(404, noService.statusCode());
        assertEquals("{\"code\":404,\"message\":\"apiService instance for nosuch not found\"}", noService.body());

        HttpResponse<String> endpoint = put("/v1/apiEndpoints",
                "{\"name\":\"/pets/get\",\"apiCollection\":\"petapi.pets\",\"requestMethod\":\"GET\"}");
        assertEquals(201, endpoint.statusCode());
        assertEquals("petapi.pets./pets/get", json(endpoint).get("fullyQualifiedName").asText());
        assertEquals("apiCollection", json(endpoint).get("apiCollection").get("type").asText());
        assertEquals("petapi", json(endpoint).get("service").get("name").asText());
        assertEquals(1, emulator.endpoints().size());
    }

    @Test
    void dottedNamesAreQuotedInFullyQualifiedNames() throws Exception {
        assertEquals("svc.\"v1.2\"", Fqn.build("svc", "v1.2"));
        assertThrows(IllegalArgumentException.class, () -> Fqn.quote("a\"b"));
        put("/v1/services/apiServices", SERVICE);

        HttpResponse<String> collection = put("/v1/apiCollections", "{\"name\":\"v1.2\",\"service\":\"petapi\"}");
        assertEquals(201, collection.statusCode());
        assertEquals("petapi.\"v1.2\"", json(collection).get("fullyQualifiedName").asText());

        HttpResponse<String> endpoint = put("/v1/apiEndpoints",
                "{\"name\":\"/v1.2/pets/get\",\"apiCollection\":\"petapi.\\\"v1.2\\\"\"}");
        assertEquals(201, endpoint.statusCode());
        assertEquals("petapi.\"v1.2\".\"/v1.2/pets/get\"", json(endpoint).get("fullyQualifiedName").asText());

        HttpResponse<String> byName = get("/v1/apiEndpoints/name/"
                + URLEncoder.encode("petapi.\"v1.2\".\"/v1.2/pets/get\"", StandardCharsets.UTF_8));
        assertEquals(200, byName.statusCode());
        assertEquals(json(endpoint).get("id"), json(byName).get("id"));

        HttpResponse<String> quote = put("/v1/apiCollections", "{\"name\":\"a\\\"b\",\"service\":\"petapi\"}");
        assertEquals(400, quote.statusCode());
        assertEquals("contract: Invalid name a\"b: a name must not contain '\"' (FQN quoting rule)",
                json(quote).get("message").asText());
    }

    @Test
    void bulkReportsPerItemResultsIncludingAMissingParent() throws Exception {
        put("/v1/services/apiServices", SERVICE);
        HttpResponse<String> collections = put("/v1/apiCollections/bulk?async=false",
                "[{\"name\":\"pets\",\"service\":\"petapi\"},{\"name\":\"stores\",\"service\":\"petapi\"}]");
        assertEquals(200, collections.statusCode());
        assertEquals("success", json(collections).get("status").asText());
        assertEquals(2, json(collections).get("numberOfRowsPassed").asInt());

        HttpResponse<String> bulk = put("/v1/apiEndpoints/bulk?async=false&overrideMetadata=false", """
                [{"name": "/pets/get", "apiCollection": "petapi.pets", "requestMethod": "GET"},
                 {"name": "/ghost/get", "apiCollection": "petapi.ghost", "requestMethod": "GET"},
                 {"name": "/stores/get", "apiCollection": "petapi.stores", "requestMethod": "GET"}]""");
        assertEquals(200, bulk.statusCode());
        JsonNode result = json(bulk);
        assertFalse(result.get("dryRun").asBoolean());
        assertEquals("partialSuccess", result.get("status").asText());
        assertEquals(3, result.get("numberOfRowsProcessed").asInt());
        assertEquals(2, result.get("numberOfRowsPassed").asInt());
        assertEquals(1, result.get("numberOfRowsFailed").asInt());
        assertEquals(2, result.get("successRequest").size());
        assertEquals(201, result.get("successRequest").get(0).get("status").asInt());
        assertEquals("/pets/get", result.get("successRequest").get(0).get("request").get("name").asText());
        JsonNode failed = result.get("failedRequest").get(0);
        assertEquals(400, failed.get("status").asInt());
        assertEquals("apiCollection instance for petapi.ghost not found", failed.get("message").asText());
        assertEquals("/ghost/get", failed.get("request").get("name").asText());
        assertEquals(List.of("petapi.pets./pets/get", "petapi.stores./stores/get"),
                new ArrayList<>(emulator.endpoints().keySet()));
        assertEquals(List.of(), emulator.contractViolations()); // a missing parent is no contract violation

        HttpResponse<String> repeat = put("/v1/apiEndpoints/bulk?async=false",
                "[{\"name\":\"/pets/get\",\"apiCollection\":\"petapi.pets\",\"requestMethod\":\"GET\"}]");
        assertEquals(200, json(repeat).get("successRequest").get(0).get("status").asInt());

        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i < 101; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"name\":\"e").append(i)
                    .append("\",\"apiCollection\":\"petapi.pets\"}");
        }
        HttpResponse<String> refused = put("/v1/apiEndpoints/bulk?async=false", tooMany.append(']').toString());
        assertEquals(413, refused.statusCode());
        assertEquals("contract: bulk request with 101 items exceeds the limit of 100",
                json(refused).get("message").asText());
        assertEquals(List.of("PUT /v1/apiEndpoints/bulk: contract: bulk request with 101 items exceeds the limit of 100"),
                emulator.contractViolations());
        assertEquals(2, emulator.endpoints().size());
    }

    @Test
    void aVersion16ServerHasNoBulkNorDeleteStale() throws Exception {
        try (OpenMetadataEmulator old = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V1_6, TOKEN)) {
            assertEquals(OpenMetadataEmulator.Mode.V1_6, old.mode());
            assertEquals("1.6.9", json(send(old, "GET", "/v1/system/version", null, null)).get("version").asText());
            HttpResponse<String> nested = send(old, "PUT", "/v1/services/apiServices", SERVICE, TOKEN);
            assertEquals(400, nested.statusCode(), "1.6 has no openAPISchemaConnection");
            assertTrue(nested.body().contains("property 'openAPISchemaConnection' is not defined"), nested.body());
            assertEquals(201, send(old, "PUT", "/v1/services/apiServices", SERVICE_1_6, TOKEN).statusCode());

            HttpResponse<String> bulk = send(old, "PUT", "/v1/apiCollections/bulk?async=false",
                    "[{\"name\":\"pets\",\"service\":\"petapi\"}]", TOKEN);
            assertEquals(404, bulk.statusCode());
            assertEquals("{\"code\":404,\"message\":\"HTTP 404 Not Found\"}", bulk.body());
            assertEquals(404, send(old, "PUT", "/v1/apiEndpoints/bulk?async=false", "[]", TOKEN).statusCode());
            assertEquals(404, send(old, "DELETE", "/v1/apiCollections/deleteStale",
                    "{\"scopeFqn\":\"petapi\",\"scopeEntityType\":\"service\",\"seenFqns\":[\"petapi.a\"]}", TOKEN)
                    .statusCode());
            assertTrue(old.collections().isEmpty());

            assertEquals(201, send(old, "PUT", "/v1/apiCollections", "{\"name\":\"pets\",\"service\":\"petapi\"}",
                    TOKEN).statusCode());
        }
    }

    @Test
    void listingPagesWithCursorsOrderedByFqn() throws Exception {
        put("/v1/services/apiServices", SERVICE);
        StringBuilder items = new StringBuilder("[");
        for (int i = 24; i >= 0; i--) { // inserted in reverse: the listing must still be ordered by FQN
            items.append(i == 24 ? "" : ",").append(String.format("{\"name\":\"c%02d\",\"service\":\"petapi\"}", i));
        }
        assertEquals(25, json(put("/v1/apiCollections/bulk?async=false", items.append(']').toString()))
                .get("numberOfRowsPassed").asInt());

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            HttpResponse<String> page = get("/v1/apiCollections?service=petapi&fields=sourceHash&limit=10"
                    + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)));
            assertEquals(200, page.statusCode());
            JsonNode body = json(page);
            assertEquals(25, body.get("paging").get("total").asInt());
            body.get("data").forEach(c -> seen.add(c.get("fullyQualifiedName").asText()));
            pageSizes.add(body.get("data").size());
            after = body.get("paging").has("after") ? body.get("paging").get("after").asText() : null;
            pages++;
        } while (after != null && pages < 10);

        assertEquals(3, pages);
        assertEquals(List.of(10, 10, 5), pageSizes);
        assertEquals(25, seen.size());
        assertEquals(25, new HashSet<>(seen).size());
        List<String> sorted = new ArrayList<>(seen);
        sorted.sort(null);
        assertEquals(sorted, seen);
        assertEquals("petapi.c00", seen.get(0));
        assertEquals("petapi.c24", seen.get(24));

        HttpResponse<String> defaultLimit = get("/v1/apiCollections?service=petapi");
        assertEquals(10, json(defaultLimit).get("data").size());
        assertEquals(0, json(get("/v1/apiCollections?service=other")).get("paging").get("total").asInt());
    }

    @Test
    void recursiveSoftDeleteMarksTheCollectionAndItsEndpoints() throws Exception {
        put("/v1/services/apiServices", SERVICE);
        JsonNode collection = json(put("/v1/apiCollections", "{\"name\":\"pets\",\"service\":\"petapi\"}"));
        put("/v1/apiEndpoints", "{\"name\":\"/pets/get\",\"apiCollection\":\"petapi.pets\"}");
        put("/v1/apiEndpoints", "{\"name\":\"/pets/post\",\"apiCollection\":\"petapi.pets\"}");
        String id = collection.get("id").asText();

        HttpResponse<String> refused = send(emulator, "DELETE",
                "/v1/apiCollections/" + id + "?recursive=false&hardDelete=false", null, TOKEN);
        assertEquals(400, refused.statusCode());
        assertEquals("{\"code\":400,\"message\":\"Entity apiCollection petapi.pets is not empty\"}", refused.body());

        HttpResponse<String> deleted = send(emulator, "DELETE",
                "/v1/apiCollections/" + id + "?recursive=true&hardDelete=false", null, TOKEN);
        assertEquals(200, deleted.statusCode());
        assertTrue(json(deleted).get("deleted").asBoolean());
        assertEquals(0.2, json(deleted).get("version").asDouble());
        assertTrue(emulator.collections().get("petapi.pets").get("deleted").asBoolean());
        for (JsonNode endpoint : emulator.endpoints().values()) {
            assertTrue(endpoint.get("deleted").asBoolean());
            assertEquals(0.2, endpoint.get("version").asDouble());
        }
        assertEquals(2, emulator.endpoints().size());
        assertEquals(0, json(get("/v1/apiCollections?service=petapi")).get("paging").get("total").asInt());
        assertEquals(1, json(get("/v1/apiCollections?service=petapi&include=deleted")).get("paging").get("total")
                .asInt());
        assertEquals(404, get("/v1/apiCollections/name/petapi.pets").statusCode());
        assertEquals(200, get("/v1/apiCollections/name/petapi.pets?include=all").statusCode());

        HttpResponse<String> orphan = put("/v1/apiEndpoints", "{\"name\":\"/x/get\",\"apiCollection\":\"petapi.pets\"}");
        assertEquals(404, orphan.statusCode());
        assertEquals("apiCollection instance for petapi.pets not found", json(orphan).get("message").asText());

        HttpResponse<String> restored = put("/v1/apiCollections", "{\"name\":\"pets\",\"service\":\"petapi\"}");
        assertEquals(200, restored.statusCode());
        assertFalse(json(restored).get("deleted").asBoolean());

        HttpResponse<String> hard = send(emulator, "DELETE",
                "/v1/apiCollections/" + id + "?recursive=true&hardDelete=true", null, TOKEN);
        assertEquals(200, hard.statusCode());
        assertTrue(emulator.collections().isEmpty());
        assertTrue(emulator.endpoints().isEmpty());
    }

    @Test
    void deleteStaleWithEmptySeenFqnsDeletesNothing() throws Exception {
        put("/v1/services/apiServices", SERVICE);
        put("/v1/apiCollections/bulk?async=false",
                "[{\"name\":\"pets\",\"service\":\"petapi\"},{\"name\":\"old\",\"service\":\"petapi\"}]");
        put("/v1/apiEndpoints", "{\"name\":\"/old/get\",\"apiCollection\":\"petapi.old\"}");

        HttpResponse<String> empty = send(emulator, "DELETE", "/v1/apiCollections/deleteStale",
                "{\"scopeFqn\":\"petapi\",\"scopeEntityType\":\"service\",\"seenFqns\":[],"
                        + "\"recursive\":true,\"hardDelete\":false}", TOKEN);
        assertEquals(200, empty.statusCode());
        assertEquals(0, json(empty).get("numberOfRowsProcessed").asInt());
        assertEquals(0, json(empty).get("successRequest").size());
        assertTrue(emulator.collections().values().stream().noneMatch(c -> c.get("deleted").asBoolean()));

        HttpResponse<String> dryRun = send(emulator, "DELETE", "/v1/apiCollections/deleteStale",
                "{\"scopeFqn\":\"petapi\",\"scopeEntityType\":\"service\",\"seenFqns\":[\"petapi.pets\"],"
                        + "\"dryRun\":true}", TOKEN);
        assertEquals(1, json(dryRun).get("numberOfRowsProcessed").asInt());
        assertTrue(json(dryRun).get("dryRun").asBoolean());
        assertFalse(emulator.collections().get("petapi.old").get("deleted").asBoolean());

        HttpResponse<String> stale = send(emulator, "DELETE", "/v1/apiCollections/deleteStale",
                "{\"scopeFqn\":\"petapi\",\"scopeEntityType\":\"service\",\"seenFqns\":[\"petapi.pets\"],"
                        + "\"recursive\":true,\"hardDelete\":false}", TOKEN);
        assertEquals(200, stale.statusCode());
        assertEquals("success", json(stale).get("status").asText());
        assertEquals(1, json(stale).get("numberOfRowsPassed").asInt());
        assertEquals("petapi.old", json(stale).get("successRequest").get(0).get("request").asText());
        assertTrue(emulator.collections().get("petapi.old").get("deleted").asBoolean());
        assertFalse(emulator.collections().get("petapi.pets").get("deleted").asBoolean());
        assertTrue(emulator.endpoints().get("petapi.old./old/get").get("deleted").asBoolean());
    }

    @Test
    void aNullValuedPropertyIsAContractViolation() throws Exception {
        put("/v1/services/apiServices", SERVICE);
        put("/v1/apiCollections", "{\"name\":\"pets\",\"service\":\"petapi\"}");
        HttpResponse<String> rejected = put("/v1/apiEndpoints", """
                {"name": "/pets/get", "apiCollection": "petapi.pets",
                 "responseSchema": {"schemaType": "JSON", "schemaFields": [{"name": "id", "dataType": "INT",
                                                                           "description": null}]}}""");
        assertEquals(400, rejected.statusCode());
        String reason = "contract: null-valued property $.responseSchema.schemaFields[0].description (omit null fields)";
        assertEquals(400, json(rejected).get("code").asInt());
        assertEquals(reason, json(rejected).get("message").asText());
        assertEquals(List.of("PUT /v1/apiEndpoints: " + reason), emulator.contractViolations());
        assertTrue(emulator.endpoints().isEmpty());

        HttpResponse<String> badType = put("/v1/apiEndpoints/bulk?async=false",
                "[{\"name\":\"/a\",\"apiCollection\":\"petapi.pets\",\"requestSchema\":{\"schemaFields\":"
                        + "[{\"name\":\"o\",\"dataType\":\"OBJECT\"}]}}]");
        assertEquals(200, badType.statusCode());
        assertEquals("failure", json(badType).get("status").asText());
        assertTrue(json(badType).get("failedRequest").get(0).get("message").asText()
                .startsWith("contract: $.requestSchema.schemaFields[0].dataType \"OBJECT\" is not one of [RECORD,"));
        assertEquals(2, emulator.contractViolations().size());
        assertTrue(emulator.contractViolations().get(1).startsWith("PUT /v1/apiEndpoints/bulk item 0: contract: "));
    }

    @Test
    void aSchemaViolationIsRejectedWhenTheUpstreamSchemasExist() throws Exception {
        assumeTrue(emulator.schemaValidationEnabled(), "openmetadata-schemas folder not found");
        put("/v1/services/apiServices", SERVICE);
        put("/v1/apiCollections", "{\"name\":\"pets\",\"service\":\"petapi\"}");
        // passes the emulator's own contract, but sourceHash has maxLength 32 in createAPIEndpoint.json
        HttpResponse<String> rejected = put("/v1/apiEndpoints",
                "{\"name\":\"/pets/get\",\"apiCollection\":\"petapi.pets\",\"sourceHash\":\"" + "a".repeat(33) + "\"}");
        assertEquals(400, rejected.statusCode());
        String reason = "schema api/data/createAPIEndpoint.json: $.sourceHash: must be at most 32 characters long";
        assertEquals(reason, json(rejected).get("message").asText());
        assertEquals(List.of("PUT /v1/apiEndpoints: " + reason), emulator.contractViolations());

        HttpResponse<String> badService = put("/v1/services/apiServices",
                SERVICE.replace("\"openAPISchemaURL\":", "\"openAPISchemaUrl\":"));
        assertEquals(400, badService.statusCode());
        assertTrue(json(badService).get("message").asText().startsWith("schema api/services/createApiService.json: "));
    }

    @Test
    void theWorkedExampleIsAcceptedWithoutViolations() throws Exception {
        assertEquals(201, put("/v1/services/apiServices", SERVICE).statusCode());
        JsonNode collections = json(put("/v1/apiCollections/bulk?async=false", """
                [{"name": "pets", "description": "Pet operations", "service": "petapi",
                  "endpointURL": "https://docs.example.com/#/pets"},
                 {"name": "default", "service": "petapi", "endpointURL": "https://docs.example.com/#/default"},
                 {"name": "stores", "service": "petapi", "endpointURL": "https://docs.example.com/#/stores"}]"""));
        assertEquals("success", collections.get("status").asText());
        JsonNode endpoints = json(put("/v1/apiEndpoints/bulk?async=false", """
                [{"name": "/pets/get", "displayName": "/pets", "description": "Returns all pets.",
                  "endpointURL": "https://docs.example.com/#/pets/listPets", "requestMethod": "GET",
                  "requestSchema": {"schemaType": "JSON", "schemaFields": [
                    {"name": "limit", "dataType": "INT", "description": "Max items"}]},
                  "responseSchema": {"schemaType": "JSON", "schemaFields": [
                    {"name": "id", "dataType": "INT"},
                    {"name": "owner", "dataType": "UNKNOWN", "dataTypeDisplay": "OBJECT", "children": [
                      {"name": "name", "dataType": "STRING"}, {"name": "pets", "dataType": "ARRAY"}]},
                    {"name": "tags", "dataType": "ARRAY", "children": [{"name": "item", "dataType": "STRING"}]}]},
                  "apiCollection": "petapi.pets", "sourceHash": "0123456789abcdef0123456789abcdef"},
                 {"name": "/health/get", "displayName": "/health",
                  "endpointURL": "https://docs.example.com/#/default/health", "requestMethod": "GET",
                  "apiCollection": "petapi.default"}]"""));
        assertEquals("success", endpoints.get("status").asText());
        assertEquals(2, endpoints.get("numberOfRowsPassed").asInt());
        assertEquals(List.of(), emulator.contractViolations());
        assertEquals(Set.of("petapi.pets./pets/get", "petapi.default./health/get"), emulator.endpoints().keySet());
    }

    @Test
    void faultsAreConsumedInOrderAndRequestsAreRecorded() throws Exception {
        put("/v1/services/apiServices", SERVICE);
        emulator.clearRequests();
        String collection = "{\"name\":\"pets\",\"service\":\"petapi\"}";
        emulator.injectFault(Fault.tooManyRequests("PUT", "/v1/apiCollections", 1, 1));
        emulator.injectFault(Fault.dropConnection("*", "/v1/apiCollections", 1));
        emulator.injectFault(Fault.status("PUT", "/v1/apiCollections", 1, 503));

        assertEquals(200, get("/v1/services/apiServices/name/petapi").statusCode()); // no fault matches
        HttpResponse<String> throttled = put("/v1/apiCollections", collection);
        assertEquals(429, throttled.statusCode());
        assertEquals("1", throttled.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(429, json(throttled).get("code").asInt());
        // (the JDK HttpClient would transparently resend a GET whose connection drops; a PUT fails)
        assertThrows(IOException.class, () -> put("/v1/apiCollections", collection));
        assertEquals(503, put("/v1/apiCollections", collection).statusCode());
        assertTrue(emulator.collections().isEmpty());
        assertEquals(201, put("/v1/apiCollections", collection).statusCode());

        List<RecordedRequest> requests = emulator.requests();
        assertEquals(List.of(200, 429, 0, 503, 201), requests.stream().map(RecordedRequest::status).toList());
        assertEquals("PUT", requests.get(1).method());
        assertEquals("/api/v1/apiCollections", requests.get(1).path());
        assertEquals("/v1/apiCollections", requests.get(1).apiPath());
        assertEquals("", requests.get(1).query());
        assertEquals(collection, requests.get(2).body());
        emulator.clearRequests();
        assertEquals(List.of(), emulator.requests());

        emulator.injectFault(Fault.delay("GET", "/v1/system", 1, 300));
        long start = System.nanoTime();
        assertEquals(200, get("/v1/system/version").statusCode());
        assertTrue(System.nanoTime() - start >= 300_000_000L);
    }

    @Test
    void pipelineStatusAndTestConnectionDefinition() throws Exception {
        HttpResponse<String> status = put("/v1/services/ingestionPipelines/petapi.petapi_metadata/pipelineStatus",
                "{\"runId\":\"3f1c0a52-2b4c-4a7e-9d61-0c5f3e2a1b00\",\"pipelineState\":\"running\",\"startDate\":1}");
        assertEquals(200, status.statusCode());
        assertEquals(1, emulator.pipelineStatuses("petapi.petapi_metadata").size());
        assertEquals("running", emulator.pipelineStatuses("petapi.petapi_metadata").get(0)
                .get("pipelineState").asText());

        JsonNode definition = json(get("/v1/services/testConnectionDefinitions/name/Rest.testConnectionDefinition"));
        assertEquals("REST", definition.get("name").asText());
        assertEquals(2, definition.get("steps").size());
        assertEquals("CheckURL", definition.get("steps").get(0).get("name").asText());
        assertEquals("CheckSchema", definition.get("steps").get(1).get("name").asText());
        assertTrue(definition.get("steps").get(1).get("mandatory").asBoolean());
        assertEquals(404, get("/v1/nothing/here").statusCode());
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void gzipRequestBodiesAreInflatedAndListingsCompressedAsDropwizardDoes() throws Exception {
        put("/v1/services/apiServices", SERVICE);
        byte[] collections = gzip("[{\"name\":\"pets\",\"service\":\"petapi\",\"description\":\"" + "x".repeat(300) + "\"}]");
        HttpResponse<String> bulk = HTTP.send(authorized("/v1/apiCollections/bulk?async=false")
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(collections)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, bulk.statusCode(), bulk.body());
        assertEquals(1, json(bulk).get("numberOfRowsPassed").asInt());
        assertEquals("x".repeat(300), emulator.collections().get("petapi.pets").get("description").asText());
        assertEquals(1, emulator.compressedRequests());
        assertEquals(collections.length, emulator.bytesReceived() - SERVICE.getBytes(StandardCharsets.UTF_8).length);

        HttpResponse<byte[]> listing = HTTP.send(authorized("/v1/apiCollections?service=petapi&limit=10")
                .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", listing.headers().firstValue("Content-Encoding").orElse(""));
        JsonNode page = JSON.readTree(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(listing.body())));
        assertEquals("petapi.pets", page.get("data").get(0).get("fullyQualifiedName").asText());
        HttpResponse<String> small = HTTP.send(authorized("/v1/system/version").header("Accept-Encoding", "gzip").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(small.headers().firstValue("Content-Encoding").isEmpty(), "under 256 bytes, as Jetty");
        assertEquals(1, emulator.compressedResponses());

        emulator.gzip(false);
        HttpResponse<String> refused = HTTP.send(authorized("/v1/apiCollections/bulk?async=false")
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(collections)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, refused.statusCode());
        assertEquals("Unable to process JSON", json(refused).get("message").asText());
        assertEquals(2, emulator.compressedRequests());
        HttpResponse<byte[]> plainListing = HTTP.send(authorized("/v1/apiCollections?service=petapi&limit=10")
                .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertTrue(plainListing.headers().firstValue("Content-Encoding").isEmpty());
        assertEquals(List.of(), emulator.contractViolations());
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(emulator.apiUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKEN);
    }

    private static byte[] gzip(String text) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(emulator, "GET", path, null, TOKEN);
    }

    private HttpResponse<String> put(String path, String body) throws IOException, InterruptedException {
        return send(emulator, "PUT", path, body, TOKEN);
    }

    /** One call to the emulator, as a client would make it (shared with the other emulator tests). */
    static HttpResponse<String> send(OpenMetadataEmulator target, String method, String path, String body,
                                     String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.apiUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
