package dev.omrest.map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.config.NameFilter;
import dev.omrest.config.PayloadReader;
import dev.omrest.config.IngestSettings;
import dev.omrest.config.SchemaFieldsMode;
import dev.omrest.support.Specs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The worked example (specs/worked-example.json): the exact create requests upstream sends for it. */
class WorkedExampleTest {
    private static final String PAYLOAD = """
            {"source": {"type": "rest", "serviceName": "petapi",
              "serviceConnection": {"config": {"type": "Rest",
                "openAPISchemaConnection": {"openAPISchemaURL": "https://api.example.com/openapi.json"},
                "docURL": "https://docs.example.com/"}},
              "sourceConfig": {"config": {"type": "ApiMetadata", "schemaFields": "upstream"}}},
             "sink": {"type": "metadata-rest", "config": {}},
             "workflowConfig": {"openMetadataServerConfig": {"hostPort": "http://localhost:8585/api",
               "authProvider": "openmetadata", "securityConfig": {"jwtToken": "t"}}}}""";

    @Test
    void producesTheSpecifiedRequests() {
        IngestSettings settings = PayloadReader.read(Specs.readJson(PAYLOAD));
        DesiredState desired = ApiMapper.map(Specs.parse(Specs.resource("specs/worked-example.json"), "application/json"),
                new MappingContext(settings.serviceName(), settings.serviceConnection(), settings.docUrl(),
                        settings.spec().fallbackUrl(), NameFilter.ACCEPT_ALL, NameFilter.ACCEPT_ALL, settings.schemaFields()));
        JsonNode expected = Specs.readJson(Specs.resource("expected/worked-example.json"));

        assertEquals(expected.get("apiService"), Specs.json(desired.service()));
        assertEquals(expected.get("apiCollections"),
                Specs.json(desired.collections().stream().map(DesiredState.Mapped::request).toList()));
        assertEquals(expected.get("apiEndpoints"),
                Specs.json(desired.endpoints().stream().map(DesiredState.Mapped::request).toList()));
        assertEquals(java.util.List.of("petapi.pets", "petapi.default", "petapi.stores"),
                desired.collections().stream().map(DesiredState.Mapped::fqn).toList());
        assertEquals(java.util.List.of("petapi.pets./pets/get", "petapi.pets./pets/post", "petapi.default./health/get",
                        "petapi.stores./stores/{storeId}/get"),
                desired.endpoints().stream().map(DesiredState.Mapped::fqn).toList());
        assertEquals(java.util.List.of(), desired.warnings());
        assertEquals(4, desired.operations());
    }

    /** The same example in the default mode: the same requests except for the request and response fields. */
    @Test
    void extendedModeChangesOnlyTheFields() {
        IngestSettings settings = PayloadReader.read(Specs.readJson(PAYLOAD.replace(", \"schemaFields\": \"upstream\"", "")));
        assertEquals(SchemaFieldsMode.EXTENDED, settings.schemaFields());
        DesiredState desired = ApiMapper.map(Specs.parse(Specs.resource("specs/worked-example.json"), "application/json"),
                new MappingContext(settings.serviceName(), settings.serviceConnection(), settings.docUrl(),
                        settings.spec().fallbackUrl(), NameFilter.ACCEPT_ALL, NameFilter.ACCEPT_ALL, settings.schemaFields()));
        JsonNode upstream = Specs.readJson(Specs.resource("expected/worked-example.json"));
        JsonNode fields = Specs.readJson(Specs.resource("expected/worked-example-extended.json")).get("apiEndpoints");

        assertEquals(upstream.get("apiService"), Specs.json(desired.service()));
        assertEquals(upstream.get("apiCollections"),
                Specs.json(desired.collections().stream().map(DesiredState.Mapped::request).toList()));
        for (int i = 0; i < desired.endpoints().size(); i++) {
            com.fasterxml.jackson.databind.node.ObjectNode actual = (com.fasterxml.jackson.databind.node.ObjectNode)
                    Specs.json(desired.endpoints().get(i).request());
            assertEquals(fields.get(i).path("name"), actual.path("name"));
            assertEquals(fields.get(i).path("requestSchema"), actual.path("requestSchema"), actual.path("name").asText());
            assertEquals(fields.get(i).path("responseSchema"), actual.path("responseSchema"), actual.path("name").asText());
            com.fasterxml.jackson.databind.node.ObjectNode expected = upstream.get("apiEndpoints").get(i).deepCopy();
            expected.remove(List.of("requestSchema", "responseSchema"));
            actual.remove(List.of("requestSchema", "responseSchema"));
            assertEquals(expected, actual);
        }
        assertEquals(List.of(), desired.warnings());
    }

    @Test
    void withoutDocUrlTheSchemaUrlIsTheFallback() {
        DesiredState desired = Specs.map(Specs.resource("specs/worked-example.json"),
                Specs.context("petapi", null, "https://api.example.com/openapi.json").withSchemaFields(SchemaFieldsMode.UPSTREAM));
        assertEquals(java.util.List.of("https://api.example.com/openapi.json"),
                desired.collections().stream().map(c -> c.request().endpointURL()).distinct().toList());
        assertEquals(java.util.List.of("https://api.example.com/openapi.json/listPets",
                        "https://api.example.com/openapi.json/createPet", "https://api.example.com/openapi.json/health",
                        "https://api.example.com/openapi.json/getStore"),
                desired.endpoints().stream().map(e -> e.request().endpointURL()).toList());
    }

}
