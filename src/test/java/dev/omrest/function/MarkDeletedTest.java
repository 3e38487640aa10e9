package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.emulator.OpenMetadataEmulator;
import dev.omrest.emulator.RecordedRequest;
import dev.omrest.support.Specs;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static dev.omrest.function.IngestFunctionTest.JWT;
import static dev.omrest.function.IngestFunctionTest.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Collections the spec no longer has are soft-deleted (recursively), as upstream does; empty specs delete nothing. */
@QuarkusTest
class MarkDeletedTest extends LoopbackServers {
    static final String TWO_TAGS = """
            {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
             "tags": [{"name": "keep"}, {"name": "drop"}],
             "paths": {"/k": {"get": {"tags": ["keep"], "responses": {}}},
                       "/d": {"get": {"tags": ["drop"], "responses": {}}, "post": {"tags": ["drop"], "responses": {}}}}}""";
    static final String ONE_TAG = """
            {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
             "tags": [{"name": "keep"}],
             "paths": {"/k": {"get": {"tags": ["keep"], "responses": {}}}}}""";
    static final String NO_OPERATIONS = """
            {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}""";

    private JsonNode ingest(String spec, boolean markDeleted) {
        return ingest(spec, markDeleted, true);
    }

    private JsonNode ingest(String spec, boolean markDeleted, boolean allowMassDeletion) {
        specs.serve("/spec.json", 200, "application/json", spec);
        String payload = Payloads.with(Payloads.url("svc", specs.url("/spec.json"), null, null, om.apiUrl(), JWT),
                "source.sourceConfig.config.markDeletedApiCollections", markDeleted);
        payload = Payloads.with(payload, "source.sourceConfig.config.allowMassDeletion", allowMassDeletion);
        return invoke(payload);
    }

    private boolean deleted(String fqn, boolean collection) {
        return (collection ? om.collections() : om.endpoints()).get(fqn).path("deleted").asBoolean();
    }

    @ParameterizedTest
    @EnumSource(OpenMetadataEmulator.Mode.class)
    void removedTagIsSoftDeletedWithItsEndpointsAndRestoredWhenItComesBack(OpenMetadataEmulator.Mode mode) {
        om = OpenMetadataEmulator.start(mode, JWT);
        assertEquals("success", ingest(TWO_TAGS, true).path("status").asText());
        om.clearRequests();

        JsonNode report = ingest(ONE_TAG, true);
        assertEquals("success", report.path("status").asText(), report.toString());
        assertEquals(1, report.path("counts").path("apiCollection").path("deleted").asInt());
        assertTrue(deleted("svc.drop", true));
        assertTrue(deleted("svc.drop./d/get", false));
        assertTrue(deleted("svc.drop./d/post", false));
        assertFalse(deleted("svc.keep", true));
        assertFalse(deleted("svc.default", true));
        List<RecordedRequest> deletes = om.requests().stream().filter(r -> r.method().equals("DELETE")).toList();
        assertEquals(1, deletes.size());
        if (mode == OpenMetadataEmulator.Mode.V2_0) {
            assertEquals("/v1/apiCollections/deleteStale", deletes.get(0).apiPath());
            assertEquals(Specs.readJson("""
                    {"scopeFqn": "svc", "scopeEntityType": "service", "seenFqns": ["svc.keep", "svc.default"],
                     "recursive": true, "hardDelete": false}"""), Specs.readJson(deletes.get(0).body()));
        } else {
            assertEquals("/v1/apiCollections/" + om.collections().get("svc.drop").path("id").asText(), deletes.get(0).apiPath());
            assertEquals("recursive=true&hardDelete=false", deletes.get(0).query());
        }

        JsonNode back = ingest(TWO_TAGS, true);
        assertEquals(1, back.path("counts").path("apiCollection").path("restored").asInt(), back.toString());
        assertEquals(2, back.path("counts").path("apiEndpoint").path("restored").asInt(), back.toString());
        assertFalse(deleted("svc.drop", true));
        assertFalse(deleted("svc.drop./d/post", false));
        assertEquals(List.of(), om.contractViolations());
    }

    @ParameterizedTest
    @EnumSource(OpenMetadataEmulator.Mode.class)
    void nothingIsDeletedWhenDisabledOrWhenTheSpecHasNoOperations(OpenMetadataEmulator.Mode mode) {
        om = OpenMetadataEmulator.start(mode, JWT);
        ingest(TWO_TAGS, true);
        om.clearRequests();

        assertEquals(0, ingest(ONE_TAG, false).path("counts").path("apiCollection").path("deleted").asInt());
        JsonNode empty = ingest(NO_OPERATIONS, true);
        assertEquals(0, empty.path("counts").path("apiCollection").path("deleted").asInt());
        assertEquals(List.of("Held back: the spec has no operations, so nothing was written and 2 collection(s) and 0 endpoint(s)"
                        + " of the service were not marked deleted"), empty.path("warnings").findValuesAsText("message"));
        assertEquals(List.of(), om.requests().stream().filter(r -> r.method().equals("DELETE") || r.method().equals("PUT")).toList(),
                "not even the default collection is written");
        assertFalse(deleted("svc.drop", true));
        assertFalse(deleted("svc.keep", true));
    }

    /** Before 2.0.7 grouping (all of a path's operations followed its first), as this product ingested /pets. */
    static final String FIRST_OPERATION_GROUPING = """
            {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
             "paths": {"/pets": {"get": {"tags": ["pets"], "responses": {}}, "post": {"tags": ["pets"], "responses": {}},
                                 "delete": {"tags": ["pets"], "responses": {}}},
                       "/pets/{id}": {"get": {"tags": ["pets"], "responses": {}}, "put": {"tags": ["pets"], "responses": {}}},
                       "/toys": {"get": {"tags": ["pets"], "responses": {}}}}}""";
    /** The same spec as it really is: POST tagged admin, DELETE untagged. */
    static final String OWN_TAGS = FIRST_OPERATION_GROUPING
            .replace("\"post\": {\"tags\": [\"pets\"]", "\"post\": {\"tags\": [\"admin\"]")
            .replace("\"delete\": {\"tags\": [\"pets\"], ", "\"delete\": {");

    /**
     * An upgraded product groups each operation by its own tags (upstream 2.0.7): the endpoints the old grouping put
     * under the first operation's collection move. The old FQN is soft-deleted, the new one created; the rest stays.
     */
    @ParameterizedTest
    @EnumSource(OpenMetadataEmulator.Mode.class)
    void anUpgradeMovesOperationsToTheirOwnTagsCollections(OpenMetadataEmulator.Mode mode) {
        om = OpenMetadataEmulator.start(mode, JWT);
        assertEquals("success", ingest(FIRST_OPERATION_GROUPING, true, false).path("status").asText());
        JsonNode report = ingest(OWN_TAGS, true, false);
        assertEquals("success", report.path("status").asText(), report.toString());
        assertEquals(2, report.path("counts").path("apiEndpoint").path("created").asInt(), report.toString());
        assertEquals(2, report.path("counts").path("apiEndpoint").path("deleted").asInt(), report.toString());
        assertTrue(deleted("svc.pets./pets/post", false));
        assertTrue(deleted("svc.pets./pets/delete", false));
        assertFalse(deleted("svc.admin./pets/post", false));
        assertFalse(deleted("svc.default./pets/delete", false));
        assertEquals(java.util.Set.of("svc.admin./pets/post", "svc.default./pets/delete", "svc.pets./pets/get",
                "svc.pets./pets/{id}/get", "svc.pets./pets/{id}/put", "svc.pets./toys/get"), om.liveFqns().get(1));
        assertEquals(List.of(), om.contractViolations());
    }
}
