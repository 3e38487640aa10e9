package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.emulator.OpenMetadataEmulator;
import dev.omrest.support.Specs;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Issue 16's field items end to end, through the function into both server modes: what the server stores is what
 * upstream 2.0.7.0 would have it store (the expected values are those of specs/parity/*.upstream.jsonl).
 */
@QuarkusTest
class UpstreamFidelityTest extends LoopbackServers {

    private JsonNode stored(String fqn, String schema) {
        return om.endpoints().get(fqn).path(schema);
    }

    @ParameterizedTest
    @EnumSource(OpenMetadataEmulator.Mode.class)
    void upstreamModeStoresWhatUpstreamStores(OpenMetadataEmulator.Mode mode) {
        om = OpenMetadataEmulator.start(mode, IngestFunctionTest.JWT);
        JsonNode report = ingest(om, Specs.resource("specs/parity/empty-and-untyped.json"), Map.of("schemaFields", "upstream"));
        assertEquals("success", report.path("status").asText(), report.toString());
        // an enum without a type is untyped (item 3); no schemaType is sent, the server fills its default (item 2)
        assertEquals(Specs.readJson("""
                {"schemaFields": [{"name": "default_for_new_repos", "dataType": "UNKNOWN", "dataTypeDisplay": "OBJECT",
                  "description": "d"}, {"name": "n", "dataType": "INT"}], "schemaType": "JSON"}"""),
                stored("petstore.default./b/get", "responseSchema"));
        // an empty-object body is an empty field list, a missing schema an empty object (item 5)
        assertEquals(Specs.readJson("{\"schemaType\": \"JSON\", \"schemaFields\": []}"), stored("petstore.default./a/get", "responseSchema"));
        assertEquals(Specs.readJson("{\"schemaType\": \"JSON\", \"schemaFields\": []}"), stored("petstore.default./e/get", "responseSchema"));
        assertFalse(om.requests().stream().anyMatch(r -> r.method().equals("PUT") && r.body() != null && r.body().contains("schemaType")),
                "no request carries schemaType");
        assertEquals(List.of(), om.contractViolations());
    }

    @ParameterizedTest
    @EnumSource(OpenMetadataEmulator.Mode.class)
    void theExtendedModeStoresEveryFieldUpstreamStores(OpenMetadataEmulator.Mode mode) {
        om = OpenMetadataEmulator.start(mode, IngestFunctionTest.JWT);
        JsonNode report = ingest(om, Specs.resource("specs/parity/rows-9-10-floor.json"), Map.of());
        assertEquals("success", report.path("status").asText(), report.toString());
        // upstream stores the query parameter beside a form body, and the path parameter beside a referenced body (item 4)
        assertEquals(List.of("Name", "Action"), names(stored("petstore.default./form/post", "requestSchema")));
        assertEquals(List.of("Name", "id"), names(stored("petstore.default./rb/{id}/put", "requestSchema")));
        ingest(om, Specs.resource("specs/parity/empty-and-untyped.json"), Map.of("markDeletedApiCollections", false,
                "markDeletedApiEndpoints", false));
        assertEquals(Specs.readJson("[]"), stored("petstore.default./a/get", "responseSchema").path("schemaFields"));
        assertEquals(List.of(), om.contractViolations());
    }

    private static List<String> names(JsonNode schema) {
        return schema.path("schemaFields").findValuesAsText("name").stream().toList();
    }
}
