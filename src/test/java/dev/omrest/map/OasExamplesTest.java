package dev.omrest.map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.config.SchemaFieldsMode;
import dev.omrest.emulator.SchemaValidator;
import dev.omrest.parse.ParsedSpec;
import dev.omrest.outcome.Notice;
import dev.omrest.support.Specs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Edge-case documents of {@code @readme/oas-examples} (MIT, a subset in {@code src/test/resources/oas-examples}):
 * every create request of both modes is valid for OpenMetadata's schemas, names do not depend on the mode, and a few
 * results are pinned.
 */
class OasExamplesTest {
    private static final Optional<SchemaValidator> SCHEMAS = SchemaValidator.fromSharedFolder();

    private static ParsedSpec parse(String file) {
        return Specs.parse(Specs.resource("oas-examples/" + file), file.endsWith(".json") ? "application/json" : "application/yaml");
    }

    private static DesiredState map(String file, SchemaFieldsMode mode) {
        return ApiMapper.map(parse(file), Specs.context("examples", null, null).withSchemaFields(mode));
    }

    private static JsonNode fields(DesiredState state, String fqn, boolean request) {
        var endpoint = state.endpoints().stream().filter(e -> e.fqn().equals(fqn)).findFirst().orElseThrow().request();
        return Specs.json(request ? endpoint.requestSchema() : endpoint.responseSchema()).path("schemaFields");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.0/json/polymorphism.json", "3.0/json/discriminators.json", "3.0/json/circular.json",
            "3.0/json/schema-circular.json", "3.0/json/circular-request-bodies.json", "3.0/json/complex-nesting.json",
            "3.0/json/form-data.json", "3.0/json/file-uploads.json", "3.0/json/parameters-common.json",
            "3.0/json/parameters-cookies.json", "3.0/json/response-schemas.json", "3.1/json/schema-types.json",
            "3.1/json/webhooks.json", "3.1/json/train-travel.json", "2.0/json/petstore.json", "2.0/yaml/schema-circular.yaml"})
    void everyRequestIsValidForOpenMetadataAndNamesDoNotDependOnTheMode(String file) {
        DesiredState extended = map(file, SchemaFieldsMode.EXTENDED);
        DesiredState upstream = map(file, SchemaFieldsMode.UPSTREAM);
        assertEquals(upstream.service(), extended.service());
        assertEquals(upstream.collections(), extended.collections());
        assertEquals(upstream.endpoints().stream().map(DesiredState.Mapped::fqn).toList(),
                extended.endpoints().stream().map(DesiredState.Mapped::fqn).toList());
        for (int i = 0; i < extended.endpoints().size(); i++) {
            var a = upstream.endpoints().get(i).request();
            var b = extended.endpoints().get(i).request();
            assertEquals(List.of(a.name(), a.displayName(), String.valueOf(a.endpointURL()), a.requestMethod(), a.apiCollection()),
                    List.of(b.name(), b.displayName(), String.valueOf(b.endpointURL()), b.requestMethod(), b.apiCollection()));
        }
        if (SCHEMAS.isPresent()) {
            List<String> problems = new ArrayList<>();
            for (DesiredState state : List.of(extended, upstream)) {
                problems.addAll(SCHEMAS.get().validate("api/services/createApiService.json", Specs.json(state.service())));
                state.collections().forEach(c -> problems.addAll(
                        SCHEMAS.get().validate("api/data/createAPICollection.json", Specs.json(c.request()))));
                state.endpoints().forEach(e -> problems.addAll(
                        SCHEMAS.get().validate("api/data/createAPIEndpoint.json", Specs.json(e.request()))));
            }
            assertEquals(List.of(), problems);
        }
    }

    @Test
    void polymorphicBodiesListEveryPropertyAndSayWhichVariantHasIt() {
        assertEquals(Specs.readJson("""
                [{"name": "pet_type", "dataType": "STRING", "dataTypeDisplay": "string [discriminator]"},
                 {"name": "hunts", "dataType": "BOOLEAN", "dataTypeDisplay": "boolean [oneOf: Cat]"},
                 {"name": "age", "dataType": "INT", "dataTypeDisplay": "integer [oneOf: Cat]"},
                 {"name": "bark", "dataType": "BOOLEAN", "dataTypeDisplay": "boolean [oneOf: Dog]"},
                 {"name": "breed", "dataType": "STRING", "dataTypeDisplay": "string [oneOf: Dog]"}]"""),
                fields(map("3.0/json/polymorphism.json", SchemaFieldsMode.EXTENDED), "examples.default./pets/patch", true));
    }

    @Test
    void formBodiesAreFieldsAndCookieParametersAreNot() {
        DesiredState form = map("3.0/json/form-data.json", SchemaFieldsMode.EXTENDED);
        assertEquals(List.of("client_id", "client_secret", "scope"),
                fields(form, "examples.default./anything/post", true).findValuesAsText("name"));
        DesiredState cookies = map("3.0/json/parameters-cookies.json", SchemaFieldsMode.EXTENDED);
        assertNull(cookies.endpoints().get(0).request().requestSchema());
    }

    @Test
    void envelopesKeepTheirSiblingsAndFormatsGiveTypes() {
        JsonNode trips = fields(map("3.1/json/train-travel.json", SchemaFieldsMode.EXTENDED), "examples.Trips./trips/get", false);
        assertEquals(List.of("data", "links"), List.of(trips.get(0).path("name").asText(), trips.get(1).path("name").asText()));
        assertEquals("array<object>", trips.get(0).path("dataTypeDisplay").asText());
        JsonNode departure = trips.get(0).path("children").get(3);
        assertEquals(List.of("departure_time", "TIMESTAMP", "string(date-time)"), List.of(departure.path("name").asText(),
                departure.path("dataType").asText(), departure.path("dataTypeDisplay").asText()));
    }

    @Test
    void aWebhooksOnlyDocumentGivesNoEndpointAndNoError() {
        DesiredState state = map("3.1/json/webhooks.json", SchemaFieldsMode.EXTENDED);
        assertEquals(List.of(), state.endpoints());
        assertEquals(List.of(), state.endpointFailures());
        assertEquals(List.of("The document describes 1 webhook(s) and no paths; webhooks are requests the API sends, not "
                + "endpoints, and are not ingested"), state.warnings().stream().map(Notice::message).toList());
    }
}
