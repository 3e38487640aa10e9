package dev.omrest.map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.parse.SpecParser;
import dev.omrest.outcome.Notice;
import dev.omrest.source.RawSpec;
import dev.omrest.support.Specs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Names with {@code /} and {@code ~} in {@code $ref}s, read by the parse stage (another file's schemas, path items)
 * and by the map stage (local schemas) with one rule: {@code a~1b} and {@code a%2Fb} both name the key {@code a/b},
 * {@code c~0d} names {@code c~d}.
 */
class EscapedRefNamesTest {
    private static final String PROPERTIES = """
            {"type": "object", "properties": {
               "slashTilde1": {"$ref": "%1$sa~1b"},
               "slashPercent": {"$ref": "%1$sa%%2Fb"},
               "tilde": {"$ref": "%1$sc~0d"}}}""";
    private static final String SCHEMAS = """
            {"a/b": {"type": "object", "properties": {"x": {"type": "string"}}},
             "c~d": {"type": "object", "properties": {"y": {"type": "boolean"}}}}""";
    private static final String FIELDS = """
            [{"name": "slashTilde1", "dataType": "RECORD", "dataTypeDisplay": "object", "children": [
               {"name": "x", "dataType": "STRING", "dataTypeDisplay": "string"}]},
             {"name": "slashPercent", "dataType": "RECORD", "dataTypeDisplay": "object", "children": [
               {"name": "x", "dataType": "STRING", "dataTypeDisplay": "string"}]},
             {"name": "tilde", "dataType": "RECORD", "dataTypeDisplay": "object", "children": [
               {"name": "y", "dataType": "BOOLEAN", "dataTypeDisplay": "boolean"}]}]""";

    @TempDir
    Path dir;

    private static String get(String schema) {
        return """
                {"get": {"operationId": "op%d", "responses": {"200": {"description": "ok", "content": {"application/json":
                  {"schema": %s}}}}}}""".formatted(Math.abs(schema.hashCode()), schema);
    }

    @Test
    void bothStagesFindTheSameKeyForEachWayOfWritingIt() throws IOException {
        Files.writeString(dir.resolve("other.json"), SCHEMAS);
        Path spec = dir.resolve("openapi.json");
        Files.writeString(spec, """
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                 "paths": {
                   "/local": %s,
                   "/external": %s,
                   "/item/tilde1": {"$ref": "#/components/pathItems/i~1j"},
                   "/item/percent": {"$ref": "#/components/pathItems/i%%2Fj"}},
                 "components": {"schemas": %s,
                   "pathItems": {"i/j": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json":
                     {"schema": {"$ref": "other.json#/a%%2Fb"}}}}}}}}}}""".formatted(
                get(PROPERTIES.formatted("#/components/schemas/")), get(PROPERTIES.formatted("other.json#/")), SCHEMAS));
        DesiredState state = ApiMapper.map(new SpecParser(64L * 1024 * 1024).parse(
                new RawSpec(spec.toString(), Files.readAllBytes(spec), null, "json")), ExtendedSchemaFieldsTest.EXTENDED);

        // swagger-parser's own checks want component names without '/' or '~' and do not unescape them: its notices only
        assertEquals(List.of(), state.warnings().stream().map(Notice::message).filter(m -> !m.startsWith("OpenAPI parser: ")).toList());
        assertEquals(Specs.readJson(FIELDS), fields(state, "/local"), "the map stage's lookups");
        assertEquals(Specs.readJson(FIELDS), fields(state, "/external"), "the parse stage's, in another file");
        JsonNode ab = Specs.readJson("[{\"name\": \"x\", \"dataType\": \"STRING\", \"dataTypeDisplay\": \"string\"}]");
        assertEquals(ab, fields(state, "/item/tilde1"), "a path item written with ~1");
        assertEquals(ab, fields(state, "/item/percent"), "a path item written with %2F");
    }

    @Test
    void definitionsInASchemaAreFoundByTheSameRule() {
        JsonNode fields = ExtendedSchemaFieldsTest.responseFields("{\"$ref\": \"#/components/schemas/Holder\"}", """
                {"Holder": {"type": "object",
                   "$defs": {"a/b": {"type": "object", "properties": {"x": {"type": "string"}}}},
                   "properties": {
                     "nearTilde1": {"$ref": "#/$defs/a~1b"},
                     "nearPercent": {"$ref": "#/$defs/a%2Fb"},
                     "fullPercent": {"$ref": "#/components/schemas/Holder/$defs/a%2Fb/properties/x"}}}}""");
        JsonNode ab = Specs.readJson("""
                {"dataType": "RECORD", "dataTypeDisplay": "object", "children": [
                  {"name": "x", "dataType": "STRING", "dataTypeDisplay": "string"}]}""");
        assertEquals(ab, withoutName(fields.get(0)), "#/$defs/a~1b");
        assertEquals(ab, withoutName(fields.get(1)), "#/$defs/a%2Fb");
        assertEquals(Specs.readJson("{\"dataType\": \"STRING\", \"dataTypeDisplay\": \"string\"}"), withoutName(fields.get(2)),
                "a full pointer through $defs");
    }

    private static JsonNode withoutName(JsonNode field) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = field.deepCopy();
        copy.remove("name");
        return copy;
    }

    private static JsonNode fields(DesiredState state, String path) {
        return Specs.json(state.endpoints().stream().filter(e -> e.fqn().endsWith("." + path + "/get")).findFirst().orElseThrow()
                .request().responseSchema()).path("schemaFields");
    }
}
