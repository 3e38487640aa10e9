package dev.omrest.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.config.SchemaFieldsMode;
import dev.omrest.support.Specs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Documents whose expected entities are what openmetadata-ingestion 2.0.7.0's own code gives for them
 * ({@code bench/upstream-entities.py}, saved beside each document as {@code <name>.upstream.jsonl}): collections and
 * endpoint FQNs in order, and in {@code schemaFields: upstream} mode the request and response schemas exactly.
 */
class UpstreamParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"empty-and-untyped", "boolean-property", "ref-sibling-description", "empty-component"})
    void upstreamModeGivesUpstreamsEntities(String name) {
        String spec = Specs.resource("specs/parity/" + name + ".json");
        List<JsonNode> expected = Specs.resource("specs/parity/" + name + ".upstream.jsonl").lines()
                .map(Specs::readJson).toList();
        DesiredState state = Specs.map(spec, Specs.context("svc", null, null).withSchemaFields(SchemaFieldsMode.UPSTREAM));
        assertEquals(expected, actual(state));
    }

    /** The same lines as the upstream script prints, collections then each collection's endpoints. */
    static List<JsonNode> actual(DesiredState state) {
        List<JsonNode> lines = new ArrayList<>();
        for (DesiredState.Mapped<?> collection : state.collections()) {
            lines.add(Specs.JSON.createObjectNode().put("collection", collection.fqn()));
            for (var endpoint : state.endpoints()) {
                if (endpoint.request().apiCollection().equals(collection.fqn())) {
                    ObjectNode line = Specs.JSON.createObjectNode().put("endpoint", endpoint.fqn());
                    line.set("requestSchema", Specs.json(endpoint.request().requestSchema()));
                    line.set("responseSchema", Specs.json(endpoint.request().responseSchema()));
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /**
     * The extended mode keeps every field upstream itself stores, even where this project's upstream mode reads more
     * (rows 9 and 10: a form body, a components.requestBodies reference): the floor is upstream's rules to the letter.
     */
    @ParameterizedTest
    @ValueSource(strings = {"empty-and-untyped", "ref-sibling-description", "rows-9-10-floor"})
    void theExtendedModeHasEveryFieldUpstreamStores(String name) {
        String spec = Specs.resource("specs/parity/" + name + ".json");
        List<JsonNode> upstream = Specs.resource("specs/parity/" + name + ".upstream.jsonl").lines().map(Specs::readJson).toList();
        DesiredState extended = Specs.map(spec, Specs.context("svc", null, null).withSchemaFields(SchemaFieldsMode.EXTENDED));
        for (JsonNode line : upstream) {
            if (!line.has("endpoint")) {
                continue;
            }
            var endpoint = extended.endpoints().stream().filter(e -> e.fqn().equals(line.get("endpoint").asText())).findFirst().orElseThrow();
            for (String schema : List.of("requestSchema", "responseSchema")) {
                JsonNode mine = Specs.json(schema.equals("requestSchema") ? endpoint.request().requestSchema()
                        : endpoint.request().responseSchema());
                assertEquals(List.of(), missing(line.path(schema).path("schemaFields"), mine.path("schemaFields"), ""),
                        endpoint.fqn() + " " + schema + ": " + mine);
                if (line.path(schema).isObject() && line.path(schema).has("schemaFields")) {
                    assertEquals(true, mine.path("schemaFields").isArray(), endpoint.fqn() + " " + schema);
                }
            }
        }
    }

    /** Upstream's field name paths that the extended tree lacks. */
    private static List<String> missing(JsonNode upstream, JsonNode extended, String prefix) {
        List<String> missing = new ArrayList<>();
        for (JsonNode field : upstream) {
            JsonNode have = null;
            for (JsonNode candidate : extended) {
                if (candidate.path("name").equals(field.path("name"))) {
                    have = candidate;
                    break;
                }
            }
            String path = prefix + field.path("name").asText();
            if (have == null) {
                missing.add(path);
            } else {
                missing.addAll(missing(field.path("children"), have.path("children"), path + "."));
            }
        }
        return missing;
    }
}
