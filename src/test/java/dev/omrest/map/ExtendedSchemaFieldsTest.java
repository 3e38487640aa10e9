package dev.omrest.map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.config.SchemaFieldsMode;
import dev.omrest.openmetadata.CreateApiEndpoint;
import dev.omrest.outcome.Notice;
import dev.omrest.support.Specs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The extended field extraction ({@code schemaFields: extended}, the default), one rule per test, tiny specs. */
class ExtendedSchemaFieldsTest {
    static final MappingContext EXTENDED = Specs.context("svc", null, null).withSchemaFields(SchemaFieldsMode.EXTENDED);

    /** The only endpoint of a one-operation OAS 3.0 document with these components and operation. */
    static DesiredState one(String operation, String components) {
        return Specs.map("""
                {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                 "paths": {"/op": {"post": %s}},
                 "components": %s}""".formatted(operation, components), EXTENDED);
    }

    static CreateApiEndpoint endpoint(DesiredState state) {
        assertEquals(1, state.endpoints().size());
        return state.endpoints().get(0).request();
    }

    static void assertFields(String expectedJson, Object schema) {
        assertEquals(Specs.readJson(expectedJson), Specs.json(schema).path("schemaFields"));
    }

    static String response(String schema) {
        return """
                {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": %s}}}}}""".formatted(schema);
    }

    static String body(String schema) {
        return """
                {"requestBody": {"content": {"application/json": {"schema": %s}}}, "responses": {}}""".formatted(schema);
    }

    /** Response fields of a one-operation document whose 200 response has this schema. */
    static JsonNode responseFields(String schema, String schemas) {
        return Specs.json(endpoint(one(response(schema), "{\"schemas\": " + schemas + "}")).responseSchema()).path("schemaFields");
    }

    static List<String> warnings(DesiredState state) {
        return state.warnings().stream().map(Notice::message).toList();
    }

    // ------------------------------------------------------------------ types

    @Test
    void formatAwareTypesKeepTheOpenApiTypeAndFormatAsDisplay() {
        assertEquals(Specs.readJson("""
                [{"name": "i", "dataType": "INT", "dataTypeDisplay": "integer"},
                 {"name": "i32", "dataType": "INT", "dataTypeDisplay": "integer(int32)"},
                 {"name": "i64", "dataType": "LONG", "dataTypeDisplay": "integer(int64)"},
                 {"name": "n", "dataType": "DOUBLE", "dataTypeDisplay": "number"},
                 {"name": "f", "dataType": "FLOAT", "dataTypeDisplay": "number(float)"},
                 {"name": "d", "dataType": "DOUBLE", "dataTypeDisplay": "number(double)"},
                 {"name": "s", "dataType": "STRING", "dataTypeDisplay": "string"},
                 {"name": "uuid", "dataType": "STRING", "dataTypeDisplay": "string(uuid)"},
                 {"name": "date", "dataType": "DATE", "dataTypeDisplay": "string(date)"},
                 {"name": "ts", "dataType": "TIMESTAMP", "dataTypeDisplay": "string(date-time)"},
                 {"name": "time", "dataType": "TIME", "dataTypeDisplay": "string(time)"},
                 {"name": "b64", "dataType": "BYTES", "dataTypeDisplay": "string(byte)"},
                 {"name": "file", "dataType": "BYTES", "dataTypeDisplay": "string(binary)"},
                 {"name": "flag", "dataType": "BOOLEAN", "dataTypeDisplay": "boolean"},
                 {"name": "any", "dataType": "UNKNOWN", "dataTypeDisplay": "any", "description": "Anything"},
                 {"name": "maybe", "dataType": "STRING", "dataTypeDisplay": "string|null"}]"""),
                responseFields("""
                        {"type": "object", "properties": {
                          "i": {"type": "integer"}, "i32": {"type": "integer", "format": "int32"},
                          "i64": {"type": "integer", "format": "int64"}, "n": {"type": "number"},
                          "f": {"type": "number", "format": "float"}, "d": {"type": "number", "format": "double"},
                          "s": {"type": "string"}, "uuid": {"type": "string", "format": "uuid"},
                          "date": {"type": "string", "format": "date"}, "ts": {"type": "string", "format": "date-time"},
                          "time": {"type": "string", "format": "time"}, "b64": {"type": "string", "format": "byte"},
                          "file": {"type": "string", "format": "binary"}, "flag": {"type": "boolean"},
                          "any": {"description": "Anything"}, "maybe": {"type": "string", "nullable": true}}}""", "{}"));
    }

    @Test
    void typedObjectsGetTheirChildrenAndArraysOfObjectsExpandTheirItems() {
        assertEquals(Specs.readJson("""
                [{"name": "meta", "dataType": "RECORD", "dataTypeDisplay": "object", "children": [
                   {"name": "a", "dataType": "STRING", "dataTypeDisplay": "string"}]},
                 {"name": "lines", "dataType": "ARRAY", "dataTypeDisplay": "array<object>", "description": "Lines", "children": [
                   {"name": "sku", "dataType": "STRING", "dataTypeDisplay": "string"},
                   {"name": "qty", "dataType": "INT", "dataTypeDisplay": "integer"}]},
                 {"name": "tags", "dataType": "ARRAY", "dataTypeDisplay": "array<string>", "children": [
                   {"name": "item", "dataType": "STRING", "dataTypeDisplay": "string"}]},
                 {"name": "blobs", "dataType": "ARRAY", "dataTypeDisplay": "array<object>", "children": [{"name": "item", "dataType": "UNKNOWN"}]},
                 {"name": "untyped", "dataType": "ARRAY", "dataTypeDisplay": "array"},
                 {"name": "counts", "dataType": "MAP", "dataTypeDisplay": "map<string,integer>"},
                 {"name": "byId", "dataType": "MAP", "dataTypeDisplay": "map<string,object>", "children": [
                   {"name": "sku", "dataType": "STRING", "dataTypeDisplay": "string"}]},
                 {"name": "free", "dataType": "RECORD", "dataTypeDisplay": "object"}]"""),
                responseFields("""
                        {"type": "object", "properties": {
                          "meta": {"type": "object", "properties": {"a": {"type": "string"}}},
                          "lines": {"type": "array", "description": "Lines", "items": {"$ref": "#/components/schemas/Line"}},
                          "tags": {"type": "array", "items": {"type": "string"}},
                          "blobs": {"type": "array", "items": {"type": "object"}},
                          "untyped": {"type": "array", "items": {}},
                          "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
                          "byId": {"type": "object", "additionalProperties": {"type": "object", "properties": {"sku": {"type": "string"}}}},
                          "free": {"type": "object", "additionalProperties": true}}}""",
                        """
                        {"Line": {"type": "object", "properties": {"sku": {"type": "string"}, "qty": {"type": "integer"}}}}"""));
    }

    @Test
    void topLevelArraysGiveTheirItemFieldsOrOneItemField() {
        String line = "{\"Line\": {\"type\": \"object\", \"properties\": {\"sku\": {\"type\": \"string\"}}}}";
        assertEquals(Specs.readJson("[{\"name\": \"sku\", \"dataType\": \"STRING\", \"dataTypeDisplay\": \"string\"}]"),
                responseFields("{\"type\": \"array\", \"items\": {\"$ref\": \"#/components/schemas/Line\"}}", line));
        assertEquals(Specs.readJson("[{\"name\": \"item\", \"dataType\": \"LONG\", \"dataTypeDisplay\": \"integer(int64)\"}]"),
                responseFields("{\"type\": \"array\", \"items\": {\"type\": \"integer\", \"format\": \"int64\"}}", "{}"));
    }

    @Test
    void scalarBodiesHaveNoFields() {
        assertNull(endpoint(one(response("{\"type\": \"string\"}"), "{}")).responseSchema());
        assertNull(endpoint(one(body("{\"type\": \"string\", \"format\": \"binary\"}"), "{}")).requestSchema());
    }

    /** Upstream keeps them, so they are kept (issue 16: the extended extraction never loses a field upstream keeps). */
    @Test
    void readOnlyAndWriteOnlyPropertiesAreFieldsBothWays() {
        String user = """
                {"schemas": {"User": {"type": "object", "properties": {
                   "id": {"type": "string", "readOnly": true}, "name": {"type": "string"},
                   "password": {"type": "string", "writeOnly": true}}}}}""";
        CreateApiEndpoint endpoint = endpoint(one("""
                {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}},
                 "responses": {"201": {"description": "c", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}}}}""",
                user));
        String all = """
                [{"name": "id", "dataType": "STRING", "dataTypeDisplay": "string"},
                 {"name": "name", "dataType": "STRING", "dataTypeDisplay": "string"},
                 {"name": "password", "dataType": "STRING", "dataTypeDisplay": "string"}]""";
        assertFields(all, endpoint.requestSchema());
        assertFields(all, endpoint.responseSchema());
    }

    // ------------------------------------------------------------------ compositions

    @Test
    void allOfPartsAreMergedInOrderAndLaterPartsRefineEarlierOnes() {
        assertEquals(Specs.readJson("""
                [{"name": "id", "dataType": "LONG", "dataTypeDisplay": "integer(int64)", "description": "The cat's id"},
                 {"name": "name", "dataType": "STRING", "dataTypeDisplay": "string"},
                 {"name": "owner", "dataType": "RECORD", "dataTypeDisplay": "object", "children": [
                   {"name": "name", "dataType": "STRING", "dataTypeDisplay": "string"},
                   {"name": "since", "dataType": "DATE", "dataTypeDisplay": "string(date)"}]},
                 {"name": "hunts", "dataType": "BOOLEAN", "dataTypeDisplay": "boolean"},
                 {"name": "lives", "dataType": "INT", "dataTypeDisplay": "integer"}]"""),
                responseFields("{\"$ref\": \"#/components/schemas/Cat\"}", """
                        {"Pet": {"type": "object", "properties": {
                           "id": {"type": "integer"}, "name": {"type": "string"},
                           "owner": {"type": "object", "properties": {"name": {"type": "string"}}}}},
                         "Cat": {"allOf": [
                           {"$ref": "#/components/schemas/Pet"},
                           {"type": "object", "properties": {
                              "id": {"type": "integer", "format": "int64", "description": "The cat's id"},
                              "owner": {"type": "object", "properties": {"since": {"type": "string", "format": "date"}}},
                              "hunts": {"type": "boolean"}}}],
                          "properties": {"lives": {"type": "integer"}}}}"""));
    }

    @Test
    void oneOfVariantsAreMergedAndPropertiesOfSomeVariantsNameThem() {
        assertEquals(Specs.readJson("""
                [{"name": "pet", "dataType": "RECORD", "dataTypeDisplay": "oneOf<Cat|Dog>", "description": "A pet", "children": [
                   {"name": "name", "dataType": "STRING", "dataTypeDisplay": "string"},
                   {"name": "hunts", "dataType": "BOOLEAN", "dataTypeDisplay": "boolean [oneOf: Cat]"},
                   {"name": "barks", "dataType": "BOOLEAN", "dataTypeDisplay": "boolean [oneOf: Dog]"}]}]"""),
                responseFields("""
                        {"type": "object", "properties": {"pet": {"description": "A pet",
                           "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}]}}}""", """
                        {"Cat": {"type": "object", "properties": {"name": {"type": "string"}, "hunts": {"type": "boolean"}}},
                         "Dog": {"type": "object", "properties": {"name": {"type": "string"}, "barks": {"type": "boolean"}}}}"""));
    }

    @Test
    void aTopLevelAnyOfGivesTheMergedFieldsWithInlineVariantsNamedByTitleOrPosition() {
        assertEquals(Specs.readJson("""
                [{"name": "id", "dataType": "UNION", "dataTypeDisplay": "string|integer"},
                 {"name": "email", "dataType": "STRING", "dataTypeDisplay": "string [anyOf: ByEmail]"},
                 {"name": "phone", "dataType": "STRING", "dataTypeDisplay": "string [anyOf: #2]"}]"""),
                responseFields("""
                        {"anyOf": [
                           {"title": "ByEmail", "type": "object", "properties": {"id": {"type": "string"}, "email": {"type": "string"}}},
                           {"type": "object", "properties": {"id": {"type": "integer"}, "phone": {"type": "string"}}},
                           {"type": "null"}]}""", "{}"));
    }

    @Test
    void unionsOfScalarsAreUnionFieldsNamedByTheirTypes() {
        assertEquals(Specs.readJson("""
                [{"name": "value", "dataType": "UNION", "dataTypeDisplay": "oneOf<string|integer(int64)>"},
                 {"name": "ids", "dataType": "STRING", "dataTypeDisplay": "anyOf<string(uuid)|string>|null"},
                 {"name": "customer", "dataType": "UNION", "dataTypeDisplay": "anyOf<string|Customer>", "children": [
                   {"name": "id", "dataType": "STRING", "dataTypeDisplay": "string"}]}]"""),
                responseFields("""
                        {"type": "object", "properties": {
                           "value": {"oneOf": [{"type": "string"}, {"type": "integer", "format": "int64"}]},
                           "ids": {"anyOf": [{"type": "string", "format": "uuid"}, {"type": "string"}, {"type": "null"}]},
                           "customer": {"anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/Customer"}]}}}""", """
                        {"Customer": {"type": "object", "properties": {"id": {"type": "string"}}}}"""));
    }

    @Test
    void theDiscriminatorPropertyIsMarkedWithItsMapping() {
        String schemas = """
                {"Pet": {"type": "object", "required": ["petType"], "properties": {"petType": {"type": "string"}},
                         "discriminator": {"propertyName": "petType", "mapping": {"cat": "#/components/schemas/Cat", "dog": "#/components/schemas/Dog"}}},
                 "Cat": {"allOf": [{"$ref": "#/components/schemas/Pet"}, {"type": "object", "properties": {"hunts": {"type": "boolean"}}}]},
                 "Dog": {"allOf": [{"$ref": "#/components/schemas/Pet"}, {"type": "object", "properties": {"barks": {"type": "boolean"}}}]}}""";
        assertEquals(Specs.readJson("""
                [{"name": "petType", "dataType": "STRING", "dataTypeDisplay": "string [discriminator: cat=Cat, dog=Dog]"},
                 {"name": "hunts", "dataType": "BOOLEAN", "dataTypeDisplay": "boolean [oneOf: Cat]"},
                 {"name": "barks", "dataType": "BOOLEAN", "dataTypeDisplay": "boolean [oneOf: Dog]"}]"""),
                responseFields("""
                        {"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
                         "discriminator": {"propertyName": "petType"}}""", schemas));
    }

    // ------------------------------------------------------------------ references and recursion

    @Test
    void recursionIsCutByTheAncestorChainAndMarked() {
        String schemas = """
                {"Node": {"type": "object", "description": "A tree node", "properties": {
                   "name": {"type": "string"},
                   "parent": {"$ref": "#/components/schemas/Node"},
                   "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                   "owner": {"$ref": "#/components/schemas/User"},
                   "editor": {"$ref": "#/components/schemas/User"}}},
                 "User": {"type": "object", "properties": {"login": {"type": "string"}}}}""";
        assertEquals(Specs.readJson("""
                [{"name": "name", "dataType": "STRING", "dataTypeDisplay": "string"},
                 {"name": "parent", "dataType": "RECORD", "dataTypeDisplay": "object (recursive: Node)", "description": "A tree node"},
                 {"name": "children", "dataType": "ARRAY", "dataTypeDisplay": "array<object (recursive: Node)>"},
                 {"name": "owner", "dataType": "RECORD", "dataTypeDisplay": "object", "children": [
                   {"name": "login", "dataType": "STRING", "dataTypeDisplay": "string"}]},
                 {"name": "editor", "dataType": "RECORD", "dataTypeDisplay": "object", "children": [
                   {"name": "login", "dataType": "STRING", "dataTypeDisplay": "string"}]}]"""),
                responseFields("{\"$ref\": \"#/components/schemas/Node\"}", schemas));
    }

    @Test
    void pointersIntoSchemasResolveAndMissingReferencesAreWarnings() {
        DesiredState state = one(response("""
                {"type": "object", "properties": {
                   "street": {"$ref": "#/components/schemas/Address/properties/street"},
                   "gone": {"$ref": "#/components/schemas/Missing"}}}"""), """
                {"schemas": {"Address": {"type": "object", "properties": {"street": {"type": "string", "description": "Street"}}}}}""");
        assertFields("""
                [{"name": "street", "dataType": "STRING", "dataTypeDisplay": "string", "description": "Street"},
                 {"name": "gone", "dataType": "UNKNOWN", "dataTypeDisplay": "unresolved reference"}]""",
                endpoint(state).responseSchema());
        assertEquals("Schema reference '#/components/schemas/Missing' not found", warnings(state).get(warnings(state).size() - 1));
    }

    @Test
    void pointersIntoPathsComponentsAndSchemaDefinitionsResolve() {
        DesiredState state = Specs.map("""
                {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                 "paths": {
                   "/a/{id}": {"get": {"parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                     "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Push"}}}}}}},
                   "/b/{id}": {"get": {"parameters": [{"$ref": "#/paths/~1a~1%7Bid%7D/get/parameters/0"},
                                                      {"name": "q", "in": "query", "schema": {"$ref": "#/components/parameters/Q/schema"}}],
                     "responses": {"200": {"$ref": "#/paths/~1a~1%7Bid%7D/get/responses/200"}}}}},
                 "components": {
                   "parameters": {"Q": {"name": "q", "in": "query", "schema": {"type": "string", "format": "date"}}},
                   "schemas": {"Push": {"type": "object",
                     "definitions": {"choice": {"type": "object", "properties": {"value": {"type": "string"},
                                                                              "kind": {"$ref": "#/components/schemas/Push/definitions/kind"}}},
                                     "kind": {"type": "string", "enum": ["a", "b"]}},
                     "properties": {"choices": {"type": "array", "items": {"$ref": "#/components/schemas/Push/definitions/choice"}},
                                    "first": {"$ref": "#/components/schemas/Push/definitions/choice/properties/value"}}}}}}""", EXTENDED);
        assertFields("""
                [{"name": "id", "dataType": "STRING", "dataTypeDisplay": "string (path)"},
                 {"name": "q", "dataType": "DATE", "dataTypeDisplay": "string(date) (query)"}]""", state.endpoints().get(1).request().requestSchema());
        assertFields("""
                [{"name": "choices", "dataType": "ARRAY", "dataTypeDisplay": "array<object>", "children": [
                   {"name": "value", "dataType": "STRING", "dataTypeDisplay": "string"},
                   {"name": "kind", "dataType": "STRING", "dataTypeDisplay": "string"}]},
                 {"name": "first", "dataType": "STRING", "dataTypeDisplay": "string"}]""", state.endpoints().get(1).request().responseSchema());
        // only swagger-parser's remarks on the unusual document
        assertEquals(List.of(), warnings(state).stream().filter(w -> !w.startsWith("OpenAPI parser: ")).toList());
    }

    @Test
    void invalidPropertyNamesAreSkippedWithAWarningAndTheOtherFieldsStay() {
        DesiredState state = one(response("""
                {"type": "object", "properties": {"": {"type": "string"}, "%s": {"type": "string"}, "ok": {"type": "string"}}}"""
                .formatted("x".repeat(129))), "{}");
        assertFields("[{\"name\": \"ok\", \"dataType\": \"STRING\", \"dataTypeDisplay\": \"string\"}]", endpoint(state).responseSchema());
        assertEquals(List.of("Property skipped: field name is empty",
                "Property skipped: field name 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' is longer than 128 characters"), warnings(state));
    }

    // ------------------------------------------------------------------ requests

    @Test
    void inlineRequestBodiesAreConverted() {
        assertFields("""
                [{"name": "a", "dataType": "STRING", "dataTypeDisplay": "string"},
                 {"name": "b", "dataType": "RECORD", "dataTypeDisplay": "object", "children": [
                   {"name": "c", "dataType": "INT", "dataTypeDisplay": "integer"}]}]""",
                endpoint(one(body("""
                        {"type": "object", "properties": {"a": {"type": "string"},
                          "b": {"type": "object", "properties": {"c": {"type": "integer"}}}}}"""), "{}")).requestSchema());
    }

    @Test
    void componentRequestBodiesResponsesAndParametersAreFollowedAlsoWhenChained() {
        String components = """
                {"requestBodies": {"NewUser": {"$ref": "#/components/requestBodies/UserBody"},
                                   "UserBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"name": {"type": "string"}}}}}}},
                 "responses": {"Created": {"description": "c", "content": {"application/json": {"schema": {"type": "object", "properties": {"id": {"type": "string"}}}}}}},
                 "parameters": {"Limit": {"name": "limit", "in": "query", "schema": {"type": "integer"}}}}""";
        CreateApiEndpoint endpoint = endpoint(one("""
                {"requestBody": {"$ref": "#/components/requestBodies/NewUser"},
                 "responses": {"201": {"$ref": "#/components/responses/Created"}}}""", components));
        assertFields("[{\"name\": \"name\", \"dataType\": \"STRING\", \"dataTypeDisplay\": \"string\"}]", endpoint.requestSchema());
        assertFields("[{\"name\": \"id\", \"dataType\": \"STRING\", \"dataTypeDisplay\": \"string\"}]", endpoint.responseSchema());
        assertFields("[{\"name\": \"limit\", \"dataType\": \"INT\", \"dataTypeDisplay\": \"integer (query)\"}]",
                endpoint(one("{\"parameters\": [{\"$ref\": \"#/components/parameters/Limit\"}], \"responses\": {}}", components))
                        .requestSchema());
    }

    @Test
    void pathLevelParametersAreMergedTheOperationsWinAndHeadersAndCookiesAreNotFields() {
        DesiredState state = Specs.map("""
                {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                 "paths": {"/users/{id}": {
                   "parameters": [
                     {"name": "id", "in": "path", "required": true, "description": "Path-level", "schema": {"type": "string"}},
                     {"name": "verbose", "in": "query", "schema": {"type": "boolean"}},
                     {"name": "X-Request-Id", "in": "header", "schema": {"type": "string"}}],
                   "get": {"parameters": [
                     {"name": "id", "in": "path", "required": true, "description": "Operation-level", "schema": {"type": "integer", "format": "int64"}},
                     {"name": "fields", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
                     {"name": "session", "in": "cookie", "schema": {"type": "string"}},
                     {"name": "filter", "in": "query", "content": {"application/json": {"schema": {"type": "object", "properties": {"q": {"type": "string"}}}}}}],
                     "responses": {}}}}}""", EXTENDED);
        assertFields("""
                [{"name": "id", "dataType": "LONG", "dataTypeDisplay": "integer(int64) (path)", "description": "Operation-level"},
                 {"name": "verbose", "dataType": "BOOLEAN", "dataTypeDisplay": "boolean (query)"},
                 {"name": "fields", "dataType": "ARRAY", "dataTypeDisplay": "array<string> (query)", "children": [
                   {"name": "item", "dataType": "STRING", "dataTypeDisplay": "string"}]},
                 {"name": "filter", "dataType": "RECORD", "dataTypeDisplay": "object (query)", "children": [
                   {"name": "q", "dataType": "STRING", "dataTypeDisplay": "string"}]}]""", endpoint(state).requestSchema());
    }

    /**
     * A body with fields wins over parameters; upstream reads no inline body, so its parameter fields come along too
     * (in upstream's form: the extended extraction never loses a field upstream keeps).
     */
    @Test
    void aBodyWithFieldsWinsOverParametersAsUpstreamAndAFieldlessBodyFallsBackToThem() {
        String params = "\"parameters\": [{\"name\": \"q\", \"in\": \"query\", \"schema\": {\"type\": \"string\"}}]";
        assertFields("[{\"name\": \"a\", \"dataType\": \"STRING\", \"dataTypeDisplay\": \"string\"},"
                + " {\"name\": \"q\", \"dataType\": \"STRING\"}]", endpoint(one("""
                {%s, "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"a": {"type": "string"}}}}}},
                 "responses": {}}""".formatted(params), "{}")).requestSchema());
        assertFields("[{\"name\": \"q\", \"dataType\": \"STRING\", \"dataTypeDisplay\": \"string (query)\"}]", endpoint(one("""
                {%s, "requestBody": {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
                 "responses": {}}""".formatted(params), "{}")).requestSchema());
    }

    @Test
    void mediaTypesAreChosenJsonThenJsonLikeThenAnyThenFormsThenTheFirst() {
        String json = "\"application/json; charset=utf-8\": {\"schema\": {\"type\": \"object\", \"properties\": {\"json\": {\"type\": \"string\"}}}}";
        String vendor = "\"application/vnd.acme.v2+json\": {\"schema\": {\"type\": \"object\", \"properties\": {\"vendor\": {\"type\": \"string\"}}}}";
        String any = "\"*/*\": {\"schema\": {\"type\": \"object\", \"properties\": {\"any\": {\"type\": \"string\"}}}}";
        String form = "\"application/x-www-form-urlencoded\": {\"schema\": {\"type\": \"object\", \"properties\": {\"form\": {\"type\": \"string\"}}}}";
        String multipart = "\"multipart/form-data\": {\"schema\": {\"type\": \"object\", \"properties\": {\"multipart\": {\"type\": \"string\"}}}}";
        String xml = "\"application/xml\": {\"schema\": {\"type\": \"object\", \"properties\": {\"xml\": {\"type\": \"string\"}}}}";
        String noSchema = "\"application/json\": {}";
        List<List<String>> cases = List.of(
                List.of("json", String.join(", ", xml, form, any, vendor, json)),
                List.of("vendor", String.join(", ", noSchema, xml, form, any, vendor)),
                List.of("any", String.join(", ", xml, multipart, any)),
                List.of("multipart", String.join(", ", xml, multipart, form)),
                List.of("xml", String.join(", ", xml, "\"text/plain\": {\"schema\": {\"type\": \"string\"}}")));
        for (List<String> c : cases) {
            assertEquals(c.get(0), Specs.json(endpoint(one("{\"requestBody\": {\"content\": {" + c.get(1) + "}}, \"responses\": {}}", "{}"))
                    .requestSchema()).path("schemaFields").get(0).path("name").asText(), c.get(1));
        }
    }

    // ------------------------------------------------------------------ responses

    @Test
    void responsesAre200ThenOther2xxInOrderThen2XXAndDefaultOnlyWithoutSuccessResponses() {
        String content = "{\"description\": \"d\", \"content\": {\"application/json\": {\"schema\": {\"type\": \"object\", \"properties\": {\"%s\": {\"type\": \"string\"}}}}}}";
        List<List<String>> cases = List.of(
                List.of("r200", "\"default\": " + content.formatted("def") + ", \"201\": " + content.formatted("r201")
                        + ", \"200\": " + content.formatted("r200")),
                List.of("r202", "\"2XX\": " + content.formatted("r2xx") + ", \"206\": " + content.formatted("r206") + ", \"202\": "
                        + content.formatted("r202") + ", \"200\": {\"description\": \"no body\"}"),
                List.of("r2xx", "\"2XX\": " + content.formatted("r2xx") + ", \"default\": " + content.formatted("def")),
                List.of("def", "\"default\": " + content.formatted("def") + ", \"404\": " + content.formatted("r404")));
        for (List<String> c : cases) {
            assertEquals(c.get(0), Specs.json(endpoint(one("{\"responses\": {" + c.get(1) + "}}", "{}")).responseSchema())
                    .path("schemaFields").get(0).path("name").asText(), c.get(1));
        }
        assertNull(endpoint(one("{\"responses\": {\"204\": {\"description\": \"none\"}, \"default\": " + content.formatted("def") + "}}",
                "{}")).responseSchema());
    }

    @Test
    void yamlIntegerResponseCodesWork() {
        String yaml = """
                openapi: 3.0.3
                info: {title: t, version: '1'}
                paths:
                  /op:
                    get:
                      responses:
                        200:
                          description: ok
                          content:
                            application/json:
                              schema: {type: object, properties: {id: {type: integer}}}
                """;
        DesiredState state = dev.omrest.map.ApiMapper.map(Specs.parse(yaml, "application/yaml"), EXTENDED);
        assertFields("[{\"name\": \"id\", \"dataType\": \"INT\", \"dataTypeDisplay\": \"integer\"}]", endpoint(state).responseSchema());
    }

    @Test
    void dataEnvelopesStayStructureWithTheirSiblings() {
        assertEquals(Specs.readJson("""
                [{"name": "data", "dataType": "RECORD", "dataTypeDisplay": "object", "children": [
                   {"name": "id", "dataType": "STRING", "dataTypeDisplay": "string"}]},
                 {"name": "meta", "dataType": "RECORD", "dataTypeDisplay": "object", "children": [
                   {"name": "page", "dataType": "INT", "dataTypeDisplay": "integer"}]}]"""),
                responseFields("""
                        {"type": "object", "properties": {"data": {"$ref": "#/components/schemas/User"},
                          "meta": {"type": "object", "properties": {"page": {"type": "integer"}}}}}""", """
                        {"User": {"type": "object", "properties": {"id": {"type": "string"}}}}"""));
    }

    // ------------------------------------------------------------------ OpenAPI 3.1

    @Test
    void openApi31TypeArraysNullConstAndDefs() {
        DesiredState state = Specs.map("""
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                 "paths": {"/op": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema":
                   {"$ref": "#/components/schemas/Event"}}}}}}}},
                 "components": {"schemas": {"Event": {"type": "object",
                   "$defs": {"Kind": {"type": "string", "const": "created"}, "When": {"type": ["string", "null"], "format": "date-time"}},
                   "properties": {
                     "kind": {"$ref": "#/$defs/Kind"},
                     "at": {"$ref": "#/components/schemas/Event/$defs/When"},
                     "size": {"type": ["integer", "string"]},
                     "nothing": {"type": "null"},
                     "tags": {"type": ["array", "null"], "items": {"type": "string"}},
                     "version": {"const": 2},
                     "gone": false}}}}}""", EXTENDED);
        assertFields("""
                [{"name": "kind", "dataType": "STRING", "dataTypeDisplay": "string const \\"created\\""},
                 {"name": "at", "dataType": "TIMESTAMP", "dataTypeDisplay": "string(date-time)|null"},
                 {"name": "size", "dataType": "UNION", "dataTypeDisplay": "integer|string"},
                 {"name": "nothing", "dataType": "NULL", "dataTypeDisplay": "null"},
                 {"name": "tags", "dataType": "ARRAY", "dataTypeDisplay": "array<string>|null", "children": [
                   {"name": "item", "dataType": "STRING", "dataTypeDisplay": "string"}]},
                 {"name": "version", "dataType": "INT", "dataTypeDisplay": "integer const 2"}]""", endpoint(state).responseSchema());
        assertEquals(List.of(), warnings(state));
    }

    @Test
    void aWebhooksOnlyDocumentMapsWithoutEndpointsAndSaysWhy() {
        DesiredState state = Specs.map("""
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                 "webhooks": {"newPet": {"post": {"requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
                                                  "responses": {"200": {"description": "ok"}}}}}}""", EXTENDED);
        assertEquals(List.of(), state.endpoints());
        assertEquals(0, state.operations());
        assertEquals(List.of("default"), state.collections().stream().map(c -> c.request().name()).toList());
        assertEquals(List.of("The document describes 1 webhook(s) and no paths; webhooks are requests the API sends, "
                + "not endpoints, and are not ingested"), warnings(state));
    }

    // ------------------------------------------------------------------ Swagger 2.0

    @Test
    void swagger2FormDataAndInlineBodiesAreFields() {
        DesiredState state = Specs.map("""
                {"swagger": "2.0", "info": {"title": "t", "version": "1"},
                 "paths": {
                   "/upload": {"post": {"consumes": ["multipart/form-data"], "parameters": [
                       {"name": "file", "in": "formData", "type": "file"},
                       {"name": "note", "in": "formData", "type": "string"}],
                     "responses": {"200": {"description": "ok", "schema": {"type": "object", "properties": {"size": {"type": "integer", "format": "int64"}}}}}}},
                   "/items": {"post": {"parameters": [{"in": "body", "name": "body", "schema": {"type": "object", "properties": {"name": {"type": "string"}}}}],
                     "responses": {"200": {"description": "ok"}}}}}}""", EXTENDED);
        assertFields("""
                [{"name": "file", "dataType": "BYTES", "dataTypeDisplay": "string(binary)"},
                 {"name": "note", "dataType": "STRING", "dataTypeDisplay": "string"}]""", state.endpoints().get(0).request().requestSchema());
        assertFields("[{\"name\": \"size\", \"dataType\": \"LONG\", \"dataTypeDisplay\": \"integer(int64)\"}]",
                state.endpoints().get(0).request().responseSchema());
        assertFields("[{\"name\": \"name\", \"dataType\": \"STRING\", \"dataTypeDisplay\": \"string\"}]",
                state.endpoints().get(1).request().requestSchema());
    }

    /** swagger-parser no longer infers types (upstream reads types as declared); the extended mode still sees these objects. */
    @Test
    void untypedSchemasWithAdditionalPropertiesAreObjects() {
        assertEquals(Specs.readJson("""
                [{"name": "free", "dataType": "RECORD", "dataTypeDisplay": "object"},
                 {"name": "closed", "dataType": "RECORD", "dataTypeDisplay": "object"}]"""), responseFields("""
                {"type": "object", "properties": {"free": {"additionalProperties": true}, "closed": {"additionalProperties": false}}}""",
                "{}"));
    }
}
